"""Clinician time that levers spend on calls, taken out of the bookable slots.

A phone reminder or a follow-up call made by a clinician is time the clinician cannot see a patient.
The day adds up each lever's call minutes per site as the calls happen; each full slot's worth
(`clinic.slot_minutes`) becomes one slot fewer on the next working day with room, held in the
clinic's book like a booking, so no patient can take it (`sim.engine.booking.spend_staff_time`).
Calls made by admin staff (`call_staff: admin`) are costed but take no slot. SMS and letters are
sent by a batch system and take no clinician time (docs/evidence.md).
"""

from __future__ import annotations

from enum import Enum


class CallStaff(str, Enum):
    """Who makes a lever's calls (member names are the YAML words)."""

    clinician = "clinician"  # out of the clinicians' bookable slots
    admin = "admin"  # costed only
