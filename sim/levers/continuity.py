"""Therapist continuity: therapists with caseloads, staff turnover, and a switch offered after misses.

The alliance with the therapist is the patient's (sim/patient.py): it starts at
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
from sim.enums import Outcome, Stage
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.levers.therapists import DAYS_PER_YEAR, SiteStaff
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd

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

    def __init__(self, params: ContinuityParams, cfg):
        super().__init__(params, cfg)
        self.staff: dict[str, SiteStaff] = {}  # by site key, made at the site's first booking
        self.therapist_of: dict[int, object] = {}  # by patient id: the therapist now responsible
        self.met: dict[int, object] = {}  # by patient id: the therapist the patient last saw
        self.switched: set[int] = set()  # patients given a new therapist, not yet met

    def uses(self, hook: str) -> bool:
        if self.params.therapists_per_fte <= 0:
            return False
        return hook != "after_outcome" or self.params.switch_after_missed is not None

    def _site_staff(self, patient) -> SiteStaff:
        key = patient.site_key
        if key not in self.staff:
            posts = max(1, round(self.model.clinics[key].fte * self.params.therapists_per_fte))
            self.staff[key] = SiteStaff(self.cfg, key, self.model.site_index[key], posts,
                                        self.params.annual_turnover)
        return self.staff[key]

    def on_booked(self, appt) -> None:
        """The first treatment is booked: the least loaded therapist takes the patient on."""
        patient = appt.patient
        if appt.stage is not Stage.FIRST_TREATMENT or patient.unique_id in self.therapist_of:
            return
        therapist = self._site_staff(patient).least_loaded(appt.booked_day)
        therapist.caseload.add(patient)
        self.therapist_of[patient.unique_id] = therapist

    def before_decision(self, patient, appt) -> None:
        """At a treatment appointment: who the therapist is today; a new one means a new start."""
        pid = patient.unique_id
        if appt.stage is Stage.ASSESSMENT or pid not in self.therapist_of:
            return
        therapist = self._current_therapist(patient, appt.day)
        note = {"therapist": therapist.label}
        if pid in self.met and self.met[pid] is not therapist:
            note["change"] = SWITCH if pid in self.switched else TURNOVER
            patient.alliance = self.cfg.behaviour.alliance.start
        self.switched.discard(pid)
        self.met[pid] = therapist
        note["alliance"] = patient.alliance
        appt.lever_notes()[self.key] = note

    def _current_therapist(self, patient, day: int):
        """The holder of the patient's post today (a successor if the therapist has left)."""
        assigned = self.therapist_of[patient.unique_id]
        for holder in self._site_staff(patient).on(day):
            if patient in holder.caseload:
                self.therapist_of[patient.unique_id] = holder
                return holder
        return assigned

    def after_outcome(self, patient, appt) -> None:
        """After every `switch_after_missed` no-shows in a row in treatment, offer another therapist.

        The patient keeps the count (`Patient.no_shows_in_a_row`); attending the assessment set it
        to zero, so from the first treatment on it counts misses in treatment only."""
        pid = patient.unique_id
        if appt.stage is Stage.ASSESSMENT or pid not in self.therapist_of or appt.outcome is not Outcome.NO_SHOW:
            return
        if patient.no_shows_in_a_row % self.params.switch_after_missed:
            return
        current = self._current_therapist(patient, appt.day)
        other = self._site_staff(patient).least_loaded(appt.day, other_than=current)
        if other is None:
            return  # a site with one therapist has no one else to offer
        accepts = patient.alliance < self.cfg.behaviour.alliance.start  # a fresh start beats what they have
        appt.lever_notes().setdefault(self.key, {})["switch_offer"] = ACCEPTED if accepts else DECLINED
        if accepts:
            current.caseload.discard(patient)
            other.caseload.add(patient)
            self.therapist_of[pid] = other
            self.switched.add(pid)

    def array_terms(self) -> dict:
        p = self.params
        if not self.uses("on_booked"):
            return {}
        return {"therapists_per_fte": p.therapists_per_fte,
                "therapist_turnover_per_day": p.annual_turnover / DAYS_PER_YEAR,
                "switch_after_missed": p.switch_after_missed or 0}

    def array_columns(self, notes: dict) -> dict:
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

    def appointment_columns(self, appt) -> dict:
        note = appt.note(self.key, {})
        alliance = note.get("alliance")
        return {"therapist": note.get("therapist", ""), "therapist_change": note.get("change", ""),
                "switch_offer": note.get("switch_offer", ""),
                "alliance": round(alliance, 3) if alliance is not None else float("nan")}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        left = changes = offers = switches = posts = 0
        if "therapist_change" in appointments:
            changes = int((appointments.therapist_change == TURNOVER).sum())
            switches = int((appointments.switch_offer == ACCEPTED).sum())
            offers = switches + int((appointments.switch_offer == DECLINED).sum())
            sites = set(appointments.clinic) | set(patients.get("clinic", ()))
            first, end = self.cfg.warmup_days, self.cfg.warmup_days + self.cfg.horizon_days
            if hasattr(self.model, "therapists_of"):  # the compiled engine
                for key in sites:
                    posts_here, left_here = self.model.therapists_of(key)
                    posts, left = posts + posts_here, left + left_here
            for key in sites & set(self.staff):
                left += self.staff[key].left_between(first, end)
                posts += len(self.staff[key].holders)
        p = self.params
        hours = ((changes + switches) * p.handover_minutes + offers * p.offer_minutes) / 60
        return {"therapists": posts, "therapists_left": left, "therapist_changes_turnover": changes,
                "therapist_switch_offers": offers, "therapist_switches": switches,
                "continuity_staff_hours": round(hours, 1),
                "continuity_cost_nok": staff_cost_nok(self.cfg, hours)}

