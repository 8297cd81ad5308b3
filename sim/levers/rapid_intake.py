"""Rapid intake: slots held back for assessments, so that a referral is assessed within N days.

Seed 004 stresses quick follow-up after referral: a wait of more than two weeks from referral to
assessment "seems to raise the risk of no-show considerably" (l.2356-2358), and recommends better
contact with the referrer (l.2455); intake attendance falls with the delay to the appointment
(Festinger et al. 1995, 2002). A share of each day's slots is held back: only assessments may
be booked into it (`held_share`), and the assessment is planned `assessment_within_days` after the
referral instead of the clinic's own `assessment_lead_days`. The mechanism is the booking: a
shorter lead time means less forgetting, a smaller lead-time cost at the assessment
(`behaviour.decision.assessment_lead_time_per_week`), and motivation still high from the referral
(sim/engine/attendance.py). Against these, a quicker assessment meets more patients still in the lapse they
were referred in (`craving.using_at_referral_share`). Its cost: held slots that no assessment took
(`held_slots_unused`, their hours and NOK), and treatment sessions pushed later by the slots held back.

Better contact with the referrer before the assessment (seed 004's first recommendation, l.2503;
`referrer_contact_minutes`): the clinic talks with the referrer when the assessment is booked, so
the patient comes prepared. Seed 004 (l.1491-1511) suspects that short referrals leave patients
"not sufficiently motivated" for the first session: the contact adds `behaviour.rapid_intake.
prepared_motivation_gain` to the patient's motivation at referral, fading like the referral boost.
Its cost: the staff minutes per contact (`referrer_contacts`, their hours and NOK).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np

from sim.ranges import ranged, share
from sim.levers.base import Lever
from sim.levers.site_days import site_days
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


@dataclass
class RapidIntakeParams:
    held_share: float = share(default=0.0)  # share of each day's slots held for assessments
    assessment_within_days: Optional[int] = ranged(0, 365, default=None)  # null: the clinic's own
    referrer_contact_minutes: Optional[float] = ranged(0.0, 240.0, default=None)  # per referral; null: none


@dataclass
class RapidIntakeEffect:
    prepared_motivation_gain: float = share(default=0.05)  # 0..1 motivation added by the referrer's preparation


class RapidIntake(Lever):
    key = "rapid_intake"
    takes = {"held_slots_unused_hours": "amount", "held_slots_unused_nok": "cost_nok",
             "referrer_contact_staff_hours": "amount", "referrer_contact_cost_nok": "cost_nok"}
    Params, Effect = RapidIntakeParams, RapidIntakeEffect
    holds_slots_with = ("held_share",)  # named when it leaves no slot to book (sim/config/bookable.py)

    def uses(self, hook: str) -> bool:
        if hook == "assessment_lead_cap":
            return self.params.assessment_within_days is not None
        if hook == "appointment_columns":
            return self.params.referrer_contact_minutes is not None
        return self.params.held_share > 0

    def appointment_columns(self, notes: dict) -> dict:
        return {"referrer_contacted": notes["referrer_contacted"].astype(bool)}

    def array_terms(self) -> dict:
        contact = self.params.referrer_contact_minutes is not None
        return {"assessment_held_share": self.params.held_share, "referrer_contact": contact,
                "prepared_motivation_gain": self.effect.prepared_motivation_gain}

    def assessment_lead_cap(self, site_key: str) -> int:
        return self.params.assessment_within_days

    def _held(self, capacity):
        return np.floor(capacity * self.params.held_share + 0.5)

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        unused = 0
        if self.model is not None and self.params.held_share > 0:
            days = site_days(self.model, appointments)
            free = (days.capacity - days.held).clip(lower=0)
            unused = int(np.minimum(self._held(days.capacity), free).sum())
        hours = unused * self.cfg.clinic.slot_minutes / 60
        contacts = int(appointments.referrer_contacted.sum()) if "referrer_contacted" in appointments else 0
        contact_hours = contacts * (self.params.referrer_contact_minutes or 0) / 60
        return {"held_slots_unused": unused, "held_slots_unused_hours": round(hours, 1),
                "held_slots_unused_nok": staff_cost_nok(self.cfg, hours), "referrer_contacts": contacts,
                "referrer_contact_staff_hours": round(contact_hours, 1),
                "referrer_contact_cost_nok": staff_cost_nok(self.cfg, contact_hours)}
