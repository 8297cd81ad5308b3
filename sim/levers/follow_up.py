"""Follow-up after a no-show: the clinic calls or texts the patient the same or the next day.

Read as care (seed 000 l.1847-1849: contact by phone outside the sessions feels like the therapist
makes an extra effort, "dette er med på å øke motivasjon for oppmøte"; l.2382-2384: a message
after a no-show matters a great deal), a follow-up that reaches the patient raises motivation,
which lowers both quitting after this miss and staying away next time, and a call adds a little
alliance (Lovejoy 1995 in seed 003). The new time is agreed in the contact, so the rebooked
appointment is forgotten less often. Extra follow-up reduced no-shows (Pedersen 2017 in seed 000
l.536-554); the source gives no size, so every effect size here is an assumption.
Variant: the referrer is told (seed 004 l.2455 "bedre kontakt med henviser"; l.1784 the social
office may accompany the patient), which adds a little motivation.

A call costs staff minutes out of capacity (issue 12): made by a clinician (`call_staff:
clinician`), its minutes come out of the bookable slots (`sim.levers.staff_time`), one slot per
`slot_minutes` of calls. The missed slot's own freed time already goes to records, letters and
calls (seed 004 5.2, `missed_time_refilled_share`), so the call is not assumed to fit in it.
A text is sent from the clinic's system and takes no slot; the referrer's notice is a letter, costed only.
Effect sizes: `behaviour.follow_up`. Policy: `policy.follow_up`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np

from sim.ranges import ranged, share
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.levers.staff_time import CallStaff
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd



class Contact(str, Enum):
    """How the clinic follows up a no-show (member names are the YAML words)."""

    none = "none"
    sms = "sms"
    call = "call"


@dataclass
class FollowUpParams:
    channel: Contact = Contact.none  # none | sms | call
    reach: float = share(default=0.7)  # share of contacts that reach the patient
    tell_referrer: bool = False  # also tell the referrer (GP, social services) about the miss
    call_minutes: float = ranged(0.0, 120.0, default=10.0)  # staff minutes per call attempt
    sms_minutes: float = ranged(0.0, 120.0, default=2.0)  # staff minutes per text
    referrer_minutes: float = ranged(0.0, 120.0, default=10.0)  # staff minutes per notice to the referrer
    call_staff: CallStaff = CallStaff.clinician  # who calls: clinician (out of the slots) | admin


@dataclass
class FollowUpEffect:
    """Effect sizes, `behaviour.follow_up` (all assumptions: the sources give directions only)."""

    motivation_gain_call: float = share(default=0.10)
    motivation_gain_sms: float = share(default=0.05)
    alliance_gain_call: float = share(default=0.03)
    rebooked_forgetting_cut: float = share(default=0.5)
    referrer_motivation_gain: float = share(default=0.03)


class FollowUp(Lever):
    key = "follow_up"
    takes = {"follow_up_contacts": "amount", "referrer_notices": "amount", "follow_up_staff_hours": "amount",
             "follow_up_cost_nok": "cost_nok"}
    Params, Effect = FollowUpParams, FollowUpEffect

    @classmethod
    def no_effect_notes(cls, params: FollowUpParams) -> list[str]:
        notes = [] if params.tell_referrer else idle_settings(
            cls.key, params, ("referrer_minutes",), "tell_referrer")
        if params.channel is Contact.none:
            return notes + idle_settings(cls.key, params, ("reach", "call_minutes", "sms_minutes",
                                                           "call_staff"), "channel")
        by_sms = params.channel is Contact.sms
        unused = ("call_minutes", "call_staff") if by_sms else ("sms_minutes",)
        return notes + idle_settings(cls.key, params, unused, "channel")

    def __init__(self, params: FollowUpParams, cfg):
        super().__init__(params, cfg)
        self.calls_take_slots = params.channel is Contact.call and params.call_staff is CallStaff.clinician

    def uses(self, hook: str) -> bool:
        return self.params.channel is not Contact.none or self.params.tell_referrer

    def array_terms(self) -> dict:
        p, e = self.params, self.effect
        call = p.channel is Contact.call
        terms = {"tell_referrer": p.tell_referrer, "referrer_motivation_gain": e.referrer_motivation_gain}
        if p.channel is Contact.none:
            return terms
        return terms | {
            "follow_up_channel": 2 if call else 1, "follow_up_reach": p.reach,
            "follow_up_motivation_gain": e.motivation_gain_call if call else e.motivation_gain_sms,
            "follow_up_alliance_gain": e.alliance_gain_call if call else 0.0,
            "follow_up_forgetting_cut": e.rebooked_forgetting_cut,
            "follow_up_call_minutes": p.call_minutes if self.calls_take_slots else 0.0}

    def appointment_columns(self, notes: dict) -> dict:
        contacts = np.array(["", Contact.sms.value, Contact.call.value], dtype=object)
        return {"follow_up": contacts[notes["follow_up"]],
                "follow_up_reached": notes["follow_up_reached"].astype(bool),
                "referrer_told": notes["referrer_told"].astype(bool)}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        contacts = reached = told = 0
        if "follow_up" in appointments:
            contacts = int((appointments.follow_up != "").sum())
            reached = int(appointments.follow_up_reached.sum())
            told = int(appointments.referrer_told.sum())
        p = self.params
        minutes = contacts * (p.call_minutes if p.channel is Contact.call else p.sms_minutes) + told * p.referrer_minutes
        hours = minutes / 60
        return {"follow_up_contacts": contacts, "follow_up_reached": reached, "referrer_notices": told,
                "follow_up_staff_hours": round(hours, 1),
                "follow_up_cost_nok": staff_cost_nok(self.cfg, hours)}


def _raise_motivation(patient, gain: float) -> None:
    """A gain now (this miss's quitting) that fades like the referral boost (later appointments)."""
    patient.motivation = min(patient.motivation + gain, 1.0)
    patient.add_motivation(gain)

