"""Outreach and digital sessions: a share of treatment sessions held at home, in a cafe or by video.

The staff of seed 004 ask whether "a session could be at the patient's home, in a cafe or
something else that works" (l.1785-1787): getting to the clinic is not easy, patients "must dare
to go out" (l.1775-1777); seed 004 recommends low-threshold and outreach services (l.2372-2377),
and in seed 000 digital sessions were common (l.2628-2630). A session held away from the clinic
removes the patient's travel from the costs of coming (the travel term and the pay lost on the
way, sim/engine/attendance.py), and a session at home or in a cafe also lowers the threshold of going out
(`behaviour.outreach.home_threshold`, an assumption). A home visit costs the clinician the trip
there and back (the patient's travel time, both ways); video costs no travel. Which sessions are
held away is drawn at booking, keyed by patient and day. Assessments stay at the clinic.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np

from sim.ranges import ranged, share
from sim.enums import Outcome
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


class Mode(str, Enum):
    """Where a session away from the clinic is held (member names are the YAML words)."""

    video = "video"
    home = "home"  # at home or in a cafe: the clinician travels


@dataclass
class OutreachParams:
    share: float = share(default=0.0)  # share of treatment sessions held away from the clinic
    mode: Mode = Mode.video


@dataclass
class OutreachEffect:
    """`behaviour.outreach`: log-odds of choosing not to come added at a home or cafe session."""

    home_threshold: float = ranged(-20.0, 20.0, default=-0.2)


class Outreach(Lever):
    key = "outreach"
    takes = {"sessions_away": "amount", "outreach_staff_travel_hours": "amount",
             "outreach_staff_travel_cost_nok": "cost_nok"}
    Params, Effect = OutreachParams, OutreachEffect

    @classmethod
    def no_effect_notes(cls, params: OutreachParams) -> list[str]:
        return [] if params.share else idle_settings(cls.key, params, ("mode",), "share")

    def uses(self, hook: str) -> bool:
        return self.params.share > 0

    def array_terms(self) -> dict:
        home = self.params.mode is Mode.home
        return {"outreach_share": self.params.share, "outreach_mode": 2 if home else 1,
                "outreach_home_term": self.effect.home_threshold if home else 0.0}

    def appointment_columns(self, notes: dict) -> dict:
        places = np.array(["clinic", Mode.video.value, Mode.home.value], dtype=object)
        return {"held_at": places[notes["held_at"]]}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        if "held_at" not in appointments:
            return {"sessions_away": 0, "outreach_staff_travel_hours": 0.0, "outreach_staff_travel_cost_nok": 0}
        away = appointments[appointments.held_at != "clinic"]
        home = away[(away.held_at == Mode.home.value) & (away.outcome != Outcome.CANCELLED.value)]
        minutes = 2 * patients.set_index("patient_id").travel_minutes.reindex(home.patient_id).sum()
        hours = float(minutes) / 60
        return {"sessions_away": len(away), "outreach_staff_travel_hours": round(hours, 1),
                "outreach_staff_travel_cost_nok": staff_cost_nok(self.cfg, hours)}
