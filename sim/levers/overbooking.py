"""Overbooking as a policy: book more patients a day than there are slots, as some do not come.

The clinics already overbook a little on their own (seed 004 l.2100-2102: they "plan more
consultations than take place"); this lever books above the day's planned load by a share, either
for every booking (`by: flat`) or only for bookings whose patient the clinic sees as likely to
miss (`by: risk`). That risk is what a clinic can know: the patient's own share of missed
appointments so far in this course, shrunk towards the clinics' no-show share for patients with
few appointments behind them (`sim.engine.booking.risk_of`); a booking whose risk is at least `risk_threshold` may
go above the planned load. Huang and Hanauer 2014 overbooked where a predicted no-show was
booked and, against flat overbooking at the same level, cut overtime by at least 27% and patient
waiting by at least 6%; the threshold is set so that the bookings above the plan match flat's at
the same share (`sim.calibration.overbooking_checks`), as in their design.

The mechanism is the clinic's booking limit: more bookings a day shorten lead times and fill the
slots of those who do not come. Overbooking does not change the treatment places: the caseload a
policy plans is its own setting (`sim.levers.caseload`). Its costs: when more come than there are
slots the clinician works overtime and patients wait. That is the summary's own overtime
(`overtime_consultations`, `overtime_cost_nok` at the clinic's `overtime_pay_factor`, defined once
in `sim.results.kpis` and part of every scenario's net cost), since the clinics' own overbooking
has overtime too: the lever's cost is the change; what it saves is idle time (`idle_hours_saved`:
no-shows on overbooked days covered by an extra booking).
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

    flat = "flat"  # any booking
    risk = "risk"  # only bookings whose patient's miss risk is at least the threshold


@dataclass
class OverbookingParams:
    share: float = share(default=0.0)  # bookings allowed above the day's planned load, a share
    by: By = By.flat
    # by risk: the least miss risk (0..1) a booking needs to go above the plan
    risk_threshold: float = ranged(0.0, 1.0, default=0.40)
    # the miss risk (0..1) of a patient with no appointment behind them in the course
    prior_no_show_share: float = ranged(0.0, 1.0, default=0.33)
    prior_appointments: float = ranged(0.0, 100.0, default=2.0)  # the prior's weight, appointments


RISK_SETTINGS = ("risk_threshold", "prior_no_show_share", "prior_appointments")


class Overbooking(Lever):
    key = "overbooking"
    # What it takes, overtime, is the summary's own overtime (sim/results/costs.CLINIC_TAKES): the
    # clinics' own overbooking has some already, so only the change from the reference is its.
    Params = OverbookingParams

    @classmethod
    def no_effect_notes(cls, params: OverbookingParams) -> list[str]:
        if not params.share:
            return idle_settings(cls.key, params, ("by", *RISK_SETTINGS), "share")
        if params.by is By.flat:
            return idle_settings(cls.key, params, RISK_SETTINGS, "by")
        return []

    def uses(self, hook: str) -> bool:
        return self.params.share > 0

    def array_terms(self) -> dict:
        p = self.params
        return {"overbooking_share": p.share, "overbooking_by_risk": p.by is By.risk,
                "risk_threshold": p.risk_threshold, "prior_no_show_share": p.prior_no_show_share,
                "prior_appointments": p.prior_appointments}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        if self.model is None or not self.params.share:
            return {"idle_hours_saved": 0.0}
        days = site_days(self.model, appointments)
        extra = (days.attended + days.no_shows - days.capacity).clip(lower=0)
        covered = np.minimum(days.no_shows, extra)
        minutes = float(covered.sum()) * self.cfg.clinic.idle_minutes_per_no_show()
        return {"idle_hours_saved": round(minutes / 60, 1)}
