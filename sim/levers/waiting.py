"""Waiting times: clinical capacity and the wait from assessment to first treatment.

More capacity and shorter waits lowered no-show (STAR programme, Molfenter 2013 in seed 000); more
than two weeks from hospital discharge to the first follow-up raised it from 11% to 28% (CIPC 1999
in seed 004 l.1653-1656: a different wait, related evidence only). Here a wait matters through
the patient: the appointment's lead time and the motivation that fades after referral.
Its cost: the added FTEs (`added_fte`, over the sites of a summary row) at the clinician's hourly
cost over the counted horizon (`added_fte_cost_nok`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from sim.ranges import ranged
from sim.levers.base import Lever
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


@dataclass
class WaitingParams:
    extra_capacity_fte: float = ranged(0.0, 1000.0)
    max_wait_days: Optional[int] = ranged(0, 730, default=None)


class Waiting(Lever):
    key = "waiting"
    takes = {"added_fte": "level", "added_fte_cost_nok": "cost_nok"}
    Params = WaitingParams

    def extra_fte(self, site_key: str) -> float:
        return self.params.extra_capacity_fte

    def uses(self, hook: str) -> bool:
        if hook == "first_treatment_wait_cap":
            return self.params.max_wait_days is not None
        return True

    def first_treatment_wait_cap(self, site_key: str) -> int:
        return self.params.max_wait_days

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        clinic, sites = self.cfg.clinic, appointments.clinic.nunique()
        added = self.params.extra_capacity_fte * sites * self.cfg.scale
        hours = added * clinic.workday_hours * clinic.annual_working_days * self.cfg.horizon_days / 365
        return {"added_fte": round(added, 2), "added_fte_cost_nok": staff_cost_nok(self.cfg, hours)}
