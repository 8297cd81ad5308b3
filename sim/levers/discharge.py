"""Discharge for non-attendance: after a number of no-shows in a row the clinic ends the course.

Seed 004: patients are discharged after "several chances", with no fixed rule; the number is an
assumption (docs/evidence.md). An attended appointment starts the count again; a late
cancellation neither counts nor resets it. `after_missed: null` means never: the clinic keeps
offering new times, and a course ends only when the patient quits or completes. Its cost is the
slots those patients go on taking (longer waits for everyone: `mean_waiting_list`, lead times),
seen in the comparison; the patients kept on are `exits_discharged_non_attendance` avoided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sim.ranges import ranged
from sim.levers.base import Lever


@dataclass
class DischargeParams:
    after_missed: Optional[int] = ranged(1, 100)  # consecutive no-shows before discharge; null = never


class Discharge(Lever):
    key = "discharge"
    Params = DischargeParams

    def uses(self, hook: str) -> bool:
        return self.params.after_missed is not None  # null: never discharges, the hook is left out

    def array_terms(self) -> dict:
        return {"discharge_after_missed": self.params.after_missed or 0}  # 0: never
