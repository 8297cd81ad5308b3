"""Waiting times: clinical capacity and the wait from assessment to first treatment.

More capacity and shorter waits lowered no-show (STAR programme, Molfenter 2013 in seed 000); a wait
beyond two weeks raised it from 11% to 28% (CIPC 1999 in seed 004). Here a wait matters through
the patient: the appointment's lead time and the motivation that fades after referral.
"""

from __future__ import annotations

from sim.config import Clinic, Site, Waiting


def clinical_fte(clinic: Clinic, site: Site, waiting: Waiting, scale: float) -> float:
    """Clinical FTEs at a site: its own (or the clinic-wide override), plus the policy's extra."""
    own = clinic.capacity_fte if clinic.capacity_fte is not None else site.capacity_fte
    return (own + waiting.extra_capacity_fte) * scale


def planned_first_treatment_wait(site: Site, waiting: Waiting) -> int:
    """Days the clinic aims to leave between assessment and first treatment."""
    if waiting.max_wait_days is None:
        return site.first_treatment_wait_days
    return min(site.first_treatment_wait_days, waiting.max_wait_days)
