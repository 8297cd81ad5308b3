"""Overbooking as a policy: book more patients a day than there are slots, expecting some not to come.

The clinics already overbook a little on their own (seed 004); this lever books above capacity by
a share, either for every booking (`by: flat`) or only for patients the clinic sees as likely to
miss from their own attendance, a no-show earlier in this course (`by: missed_before`: predictive
overbooking, Huang 2014, cut overtime about 27% against flat overbooking). Overbooking gains more
in larger clinics with higher no-show rates (LaGanga and Lawrence 2007); a mental-health centre
raised intake capacity 27% (LaGanga 2011). The mechanism is the clinic's booking limit: more
bookings a day shorten everyone's lead time and fill the slots of those who do not come; and a
clinic that books more plans a bigger caseload, so its treatment places (`sim.places`) grow with
the expected extra bookings: x (1 + share) flat, x (1 + share x `missed_before_booking_share`) by
risk. That raises intake only where the places bind (more referrals than the clinic can take). Its
costs: when more come than there are slots the clinician works overtime and patients wait. That
is the summary's own overtime (`overtime_consultations`, `overtime_cost_nok` at the clinic's
`overtime_pay_factor`, defined once in `sim.results.kpis` and part of every scenario's net cost),
since the clinics' own overbooking has overtime too: the lever's cost is the change; what it
saves is idle time (`idle_hours_saved`: no-shows on overbooked days covered by an extra booking).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np

from sim.ranges import ranged, share
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.levers.site_days import site_days

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


class By(str, Enum):
    """Who may be booked above capacity (member names are the YAML words)."""

    flat = "flat"  # anyone
    missed_before = "missed_before"  # only patients with a no-show earlier in this course


@dataclass
class OverbookingParams:
    share: float = share(default=0.0)  # bookings allowed above capacity, as a share of the day's slots
    by: By = By.flat
    missed_before_booking_share: float = ranged(0.0, 1.0, default=0.75)  # by missed_before: share of bookings it may apply to


class Overbooking(Lever):
    key = "overbooking"
    # What it takes, overtime, is the summary's own overtime (sim/results/costs.CLINIC_TAKES): the
    # clinics' own overbooking has some already, so only the change from the reference is the lever's.
    Params = OverbookingParams

    @classmethod
    def no_effect_notes(cls, params: OverbookingParams) -> list[str]:
        if not params.share:
            return idle_settings(cls.key, params, ("by", "missed_before_booking_share"), "share")
        if params.by is By.flat:
            return idle_settings(cls.key, params, ("missed_before_booking_share",), "by")
        return []

    def uses(self, hook: str) -> bool:
        return self.params.share > 0

    def treatment_places_change(self, site_key: str) -> float:
        """The clinic plans its caseload on what it books: places grow with the expected extra
        bookings, the share above the slots times the share of bookings it applies to."""
        applies_to = 1.0 if self.params.by is By.flat else self.params.missed_before_booking_share
        return self.params.share * applies_to

    def bookable_slots_change(self, site_key: str, patient, stage, slots: int) -> float:
        if self.params.by is By.missed_before and not patient.no_shows:
            return 0.0
        return slots * self.params.share

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        if self.model is None or not self.uses("bookable_slots_change"):
            return {"idle_hours_saved": 0.0}
        days = site_days(self.model, appointments)
        extra = (days.attended + days.no_shows - days.capacity).clip(lower=0)
        covered = np.minimum(days.no_shows, extra)
        return {"idle_hours_saved": round(float(covered.sum()) * self.cfg.clinic.idle_minutes_per_no_show() / 60, 1)}
