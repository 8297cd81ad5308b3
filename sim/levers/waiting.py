"""Waiting times: clinical capacity and the wait from assessment to first treatment.

More capacity and shorter waits lowered no-show (STAR programme, Molfenter 2013 in seed 000); a wait
beyond two weeks raised it from 11% to 28% (CIPC 1999 in seed 004). Here a wait matters through
the patient: the appointment's lead time and the motivation that fades after referral.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sim.config.ranges import ranged
from sim.levers.base import Lever


@dataclass
class WaitingParams:
    extra_capacity_fte: float = ranged(0.0, 1000.0)
    max_wait_days: Optional[int] = ranged(0, 730, default=None)


class Waiting(Lever):
    key = "waiting"
    Params = WaitingParams

    def extra_fte(self, site_key: str) -> float:
        return self.params.extra_capacity_fte

    def first_treatment_wait(self, site_key: str, days: int) -> int:
        if self.params.max_wait_days is None:
            return days
        return min(days, self.params.max_wait_days)
