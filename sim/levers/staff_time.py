"""Clinician time that levers spend on calls, taken out of the bookable slots.

A phone reminder or a follow-up call made by a clinician is time the clinician cannot see a patient.
The lever adds up its call minutes per site as the calls happen; each full slot's worth
(`clinic.slot_minutes`) becomes one slot fewer on the next working day with room, held in the
clinic's book like a booking, so no patient can take it. Calls made by admin staff
(`call_staff: admin`) are costed but take no slot. SMS and letters are sent by a batch system and
take no clinician time (docs/evidence.md).
"""

from __future__ import annotations

from collections import defaultdict
from enum import Enum

from sim.enums import Stage


class CallStaff(str, Enum):
    """Who makes a lever's calls (member names are the YAML words)."""

    clinician = "clinician"  # out of the clinicians' bookable slots
    admin = "admin"  # costed only


class StaffTime:
    """One lever's call minutes per site, and the slots they took."""

    def __init__(self, cfg):
        self.slot_minutes = cfg.clinic.slot_minutes
        self.counted = range(cfg.warmup_days, cfg.warmup_days + cfg.horizon_days)
        self.minutes: dict[str, float] = defaultdict(float)  # not yet a full slot, by site
        self.slots_taken: dict[str, int] = defaultdict(int)  # all days, by site
        self.slots_taken_counted: dict[str, int] = defaultdict(int)  # taken in the counted window

    def spend(self, patient, site_key: str, today: int, minutes: float) -> None:
        """`minutes` of a clinician's time went on a call about `patient` today."""
        self.minutes[site_key] += minutes
        while self.minutes[site_key] >= self.slot_minutes:
            self.minutes[site_key] -= self.slot_minutes
            self._take_slot(patient, site_key, today)

    def _take_slot(self, patient, site_key: str, today: int) -> None:
        # The slot a treatment session could take (not one held for assessments), after today.
        day = patient.model.clinics[site_key].hold_slot(today + 1, patient, Stage.TREATMENT)
        self.slots_taken[site_key] += 1
        if day in self.counted:
            self.slots_taken_counted[site_key] += 1
