"""Reminders before an appointment: none, SMS, letter or phone call.

Reminders act on forgetting (Bandolier 1999 and the Cochrane review, both in seed 004): the chance
of forgetting is cut by the channel's efficacy. A letter works best before the assessment
(seed 004). A staff call also strengthens the alliance a little (Lovejoy 1995 in seed 003).
More than one reminder feels like babysitting and adds to the wish to stay away (seed 000).
A reminder can only be sent if the appointment was booked before the day it is due.
Reach and targeting: an SMS or a call needs a mobile phone, and whether the patients have one
"we do not know" (seed 004 l.2352), so it reaches a share `reach` of patients (the same patients
throughout); a letter reaches everyone. `target: missed_before` sends reminders only to patients
the clinic sees as high-risk from their own attendance: a no-show earlier in this course
(seed 004 l.2350-2351: some patients may need a short call). Costs: reminders sent, staff hours
(`staff_minutes` per reminder by channel) and their NOK. A phone call made by a clinician
(`call_staff: clinician`) also comes out of the bookable slots (`sim.levers.staff_time`); SMS and
letters are sent by a batch system and take no clinician time.
Effect sizes: `behaviour.reminder_efficacy` and `behaviour.decision.extra_reminder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np
from omegaconf import MISSING

from sim.ranges import ranged, share
from sim.engine.rows import labelled
from sim.enums import Channel, Stage, values
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.levers.staff_time import CallStaff
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


class Target(str, Enum):
    """Who gets reminders (member names are the YAML words)."""

    all = "all"
    missed_before = "missed_before"  # patients with a no-show earlier in this course


@dataclass
class StaffMinutes:
    """Staff minutes per reminder sent, by channel (`policy.reminder.staff_minutes`)."""

    sms: float = ranged(0.0, 120.0, default=0.5)
    letter: float = ranged(0.0, 120.0, default=3.0)
    phone: float = ranged(0.0, 120.0, default=5.0)


@dataclass
class ReminderParams:
    channel: str = MISSING  # a Channel value
    days_ahead: int = ranged(0, 60)
    count: int = ranged(1, 10)
    stages: list[str] = field(default_factory=lambda: list(values(Stage)))
    reach: float = share(default=1.0)  # share of patients an SMS or a call reaches (a mobile phone)
    target: Target = Target.all
    staff_minutes: StaffMinutes = field(default_factory=StaffMinutes)
    call_staff: CallStaff = CallStaff.clinician  # who calls: clinician (out of the slots) | admin


@dataclass
class ReminderEfficacy:
    """Effect sizes, `behaviour.reminder_efficacy`: the relative cut in forgetting per channel."""

    sms: float = share()
    letter: float = share()
    letter_assessment: float = share()
    phone: float = share()
    phone_alliance_gain: float = share()  # alliance gained from a staff call
    decay_per_week_early: float = share()  # efficacy lost per week sent earlier than 2 days ahead


@dataclass(frozen=True)
class ReminderSent:
    channel: str  # none | sms | letter | phone
    count: int  # reminders sent for this appointment
    forgetting_cut: float  # relative cut in the chance of forgetting, 0..1
    alliance_gain: float  # alliance added by a staff call, 0..1


NONE_SENT = ReminderSent(Channel.NONE.value, 0, 0.0, 0.0)


class Reminders(Lever):
    """The reminder an appointment gets depends only on its stage and lead time: it is worked out
    once per kind of booking and looked up at each appointment (no state per appointment)."""

    key = "reminder"
    takes = {"reminders_sent": "amount", "reminder_staff_hours": "amount", "reminder_cost_nok": "cost_nok"}
    Params, Effect = ReminderParams, ReminderEfficacy
    effect_key = "reminder_efficacy"  # its block under `behaviour:`

    @classmethod
    def no_effect_notes(cls, params: ReminderParams) -> list[str]:
        if params.channel == Channel.NONE:
            idle = ("stages", "reach", "target", "call_staff")
            return idle_settings(cls.key, params, idle, "channel")
        if not params.stages:
            return [f"policy.reminder.channel = {params.channel} has no effect while "
                    f"policy.reminder.stages = []"]
        if params.channel != Channel.PHONE:
            by_phone = () if params.channel == Channel.SMS else ("reach",)  # a letter reaches all
            return idle_settings(cls.key, params, (*by_phone, "call_staff"), "channel")
        return []

    def __init__(self, params: ReminderParams, cfg):
        super().__init__(params, cfg)
        self.calls_take_slots = params.channel == Channel.PHONE and params.call_staff is CallStaff.clinician

    def uses(self, hook: str) -> bool:
        return True  # its columns and costs are there (as none sent) when it sends nothing

    def array_terms(self) -> dict:
        p = self.params
        if p.channel == Channel.NONE or not p.stages:
            return {}
        stages = [s.value for s in Stage]
        sent = {stage: reminder_for(p, self.effect, stage, p.days_ahead + 1) for stage in stages}
        by_phone = p.channel in (Channel.SMS, Channel.PHONE)
        terms = {"reminder_channel": 1 + [c.value for c in Channel][1:].index(p.channel),
                 "reminder_days_ahead": p.days_ahead, "reminder_count": p.count,
                 "reminder_missed_before_only": p.target is Target.missed_before,
                 "reminder_reach": p.reach if by_phone else 1.0,
                 "reminder_alliance_gain": (self.effect.phone_alliance_gain
                                            if p.channel == Channel.PHONE else 0.0),
                 "reminder_call_minutes": p.staff_minutes.phone if self.calls_take_slots else 0.0}
        for stage in stages:
            terms[f"reminder_{stage}"] = stage in p.stages
            terms[f"reminder_cut_{stage}"] = sent[stage].forgetting_cut
        return terms

    def appointment_columns(self, notes: dict) -> dict:
        sent = notes["reminders_sent"]
        channels = list(dict.fromkeys([Channel.NONE.value, self.params.channel]))
        return {"reminder": labelled((sent > 0) * (len(channels) - 1), channels),
                "reminders_sent": sent.astype(np.int64)}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        sent = int(appointments.reminders_sent.sum()) if "reminders_sent" in appointments else 0
        minutes = getattr(self.params.staff_minutes, self.params.channel, 0.0)
        hours = sent * minutes / 60
        return {"reminders_sent": sent, "reminder_staff_hours": round(hours, 1),
                "reminder_cost_nok": staff_cost_nok(self.cfg, hours)}


def reminder_for(policy: ReminderParams, efficacy: ReminderEfficacy, stage: str, lead_days: int) -> ReminderSent:
    """What reminder an appointment at `stage`, booked `lead_days` ahead, receives under `policy`."""
    if policy.channel == Channel.NONE or stage not in policy.stages or lead_days <= policy.days_ahead:
        return NONE_SENT
    cut = _channel_efficacy(policy.channel, efficacy, stage)
    # Evidence shows no difference between 1 and 2 days ahead; earlier reminders are assumed to fade.
    weeks_early = max(policy.days_ahead - 2, 0) / 7
    cut *= (1 - efficacy.decay_per_week_early) ** weeks_early
    gain = efficacy.phone_alliance_gain if policy.channel == Channel.PHONE else 0.0
    return ReminderSent(policy.channel, policy.count, cut, gain)


def _channel_efficacy(channel: str, efficacy: ReminderEfficacy, stage: str) -> float:
    if channel == Channel.LETTER and stage == Stage.ASSESSMENT:
        return efficacy.letter_assessment
    return getattr(efficacy, channel)


