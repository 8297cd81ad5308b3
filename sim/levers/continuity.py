"""Therapist continuity: therapists with caseloads, staff turnover, and a switch offered after misses.

The alliance with the therapist is the patient's (sim/engine/attendance.py): it starts at
`behaviour.alliance.start` at the first treatment, grows with sessions and halves after an
offence. It belongs to one therapist, so a new therapist means starting again: "mye utskiftinger
av personale" was felt as very unfortunate (seed 003 l.1621-1623), and stable support built trust
(seed 003 l.1683).

- Therapists: each site has about one per clinical FTE (`therapists_per_fte`, rounded, at least
  one); a patient gets the one with the smallest caseload when the first treatment is booked.
- Turnover: each therapist leaves after a random time (`annual_turnover`) and is replaced at once
  by a new one, who takes over the caseload (`sim.levers.therapists`). A patient whose therapist
  has left meets the new one at the next treatment appointment, and the alliance starts again.
- Switch offer: after `switch_after_missed` no-shows in a row in treatment, someone other than the
  therapist offers a new one (seed 000 l.2784-2786 recommends exactly this, given by another
  person). The patient decides (Helsedirektoratet 2017, in seed 000 l.2510-2512 and l.2768-2770):
  they take it when the alliance has fallen below a fresh start (an offence has broken it, seed
  000 l.2777-2781: misses tied to dissatisfaction with the therapist), and keep their therapist
  otherwise. The new therapist is the site's least loaded other one; the alliance starts again.

Off in the baseline (`therapists_per_fte: 0`): no therapists are modelled, so the alliance never
resets, as before. Costs: staff minutes per patient handed over and per switch offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np

from sim.ranges import ranged
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd

DAYS_PER_YEAR = 365.25
TURNOVER, SWITCH = "turnover", "switch"  # why a patient met a new therapist
ACCEPTED, DECLINED = "accepted", "declined"  # the patient's answer to a switch offer


@dataclass
class ContinuityParams:
    therapists_per_fte: float = ranged(0.0, 10.0, default=0.0)  # therapists per clinical FTE; 0 = not modelled
    annual_turnover: float = ranged(0.0, 5.0, default=0.2)  # therapists leaving per post and year
    switch_after_missed: Optional[int] = ranged(1, 100, default=None)  # no-shows in a row; null = never
    handover_minutes: float = ranged(0.0, 600.0, default=30.0)  # staff minutes per patient handed over
    offer_minutes: float = ranged(0.0, 600.0, default=10.0)  # staff minutes per switch offer


class Continuity(Lever):
    key = "continuity"
    Params = ContinuityParams

    @classmethod
    def no_effect_notes(cls, params: ContinuityParams) -> list[str]:
        if not params.therapists_per_fte:
            idle = ("switch_after_missed", "annual_turnover", "handover_minutes", "offer_minutes")
            return idle_settings(cls.key, params, idle, "therapists_per_fte")
        if params.switch_after_missed is None:
            return idle_settings(cls.key, params, ("offer_minutes",), "switch_after_missed")
        return []
    takes = {"therapists": "level", "therapists_left": "amount", "therapist_changes_turnover": "amount",
             "therapist_switch_offers": "amount", "therapist_switches": "amount",
             "continuity_staff_hours": "amount", "continuity_cost_nok": "cost_nok"}

    def uses(self, hook: str) -> bool:
        return self.params.therapists_per_fte > 0

    def array_terms(self) -> dict:
        p = self.params
        if not self.uses("array_terms"):
            return {}
        return {"therapists_per_fte": p.therapists_per_fte,
                "therapist_turnover_per_day": p.annual_turnover / DAYS_PER_YEAR,
                "switch_after_missed": p.switch_after_missed or 0}

    def appointment_columns(self, notes: dict) -> dict:
        sites = np.array(list(self.cfg.clinic.sites), dtype=object)
        number = notes["therapist"]
        label = np.where(number >= 0, sites[notes["site"]] + "-" + number.astype(str), "")
        alliance = notes["alliance"]
        return {"therapist": label.astype(object),
                "therapist_change": np.array(["", TURNOVER, SWITCH], dtype=object)[
                    notes["therapist_change"]],
                "switch_offer": np.array(["", ACCEPTED, DECLINED], dtype=object)[
                    notes["switch_offer"]],
                "alliance": np.where(np.isnan(alliance), np.nan, np.round(alliance, 3))}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        left = changes = offers = switches = posts = 0
        if "therapist_change" in appointments:
            changes = int((appointments.therapist_change == TURNOVER).sum())
            switches = int((appointments.switch_offer == ACCEPTED).sum())
            offers = switches + int((appointments.switch_offer == DECLINED).sum())
            sites = set(appointments.clinic) | set(patients.get("clinic", ()))
            for key in sites if self.model is not None else ():
                posts_here, left_here = self.model.therapists_of(key)  # in the counted window
                posts, left = posts + posts_here, left + left_here
        p = self.params
        hours = ((changes + switches) * p.handover_minutes + offers * p.offer_minutes) / 60
        return {"therapists": posts, "therapists_left": left, "therapist_changes_turnover": changes,
                "therapist_switch_offers": offers, "therapist_switches": switches,
                "continuity_staff_hours": round(hours, 1),
                "continuity_cost_nok": staff_cost_nok(self.cfg, hours)}

