"""Discharge for non-attendance: after a number of no-shows in a row the clinic ends the course.

Seed 004: patients are discharged after "several chances", with no fixed rule; the number is an
assumption (docs/evidence.md). An attended appointment starts the count again; a late
cancellation neither counts nor resets it. `after_missed: null` means never: the clinic keeps
offering new times, and a course ends only when the patient quits or completes. Its cost is the
slots those patients go on taking (longer waits for everyone: `mean_waiting_list`, lead times),
seen in the comparison; the patients kept on are `exits_discharged_non_attendance` avoided.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from sim.enums import Outcome
from sim.config.ranges import ranged
from sim.levers.base import Lever


@dataclass
class DischargeParams:
    after_missed: Optional[int] = ranged(1, 100)  # consecutive no-shows before discharge; null = never


class Discharge(Lever):
    key = "discharge"
    Params = DischargeParams

    def __init__(self, params: DischargeParams, cfg):
        super().__init__(params, cfg)
        self.misses_in_a_row: dict[int, int] = defaultdict(int)  # by patient id

    def uses(self, hook: str) -> bool:
        return self.params.after_missed is not None  # never discharges: counts nothing

    def after_outcome(self, patient, appt) -> None:
        if appt.outcome is Outcome.NO_SHOW:
            self.misses_in_a_row[patient.unique_id] += 1
        elif appt.outcome is Outcome.ATTENDED:
            self.misses_in_a_row[patient.unique_id] = 0

    def discharges(self, patient, appt) -> bool:
        return self.misses_in_a_row[patient.unique_id] >= self.params.after_missed
