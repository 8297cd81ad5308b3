"""Reminders before an appointment: none, SMS, letter or phone call.

Reminders act on forgetting (Bandolier 1999 and the Cochrane review, both in seed 004): the chance
of forgetting is cut by the channel's efficacy. A letter works best before the assessment
(seed 004). A staff call also strengthens the alliance a little (Lovejoy 1995 in seed 003).
More than one reminder feels like babysitting and adds to the wish to stay away (seed 000).
A reminder can only be sent if the appointment was booked before the day it is due.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config import Reminder, ReminderEfficacy

NO_REMINDER = "none"


@dataclass(frozen=True)
class ReminderSent:
    channel: str  # none | sms | letter | phone
    count: int  # reminders sent for this appointment
    forgetting_cut: float  # relative cut in the chance of forgetting, 0..1
    alliance_gain: float  # alliance added by a staff call, 0..1


NONE_SENT = ReminderSent(NO_REMINDER, 0, 0.0, 0.0)


def reminder_for(policy: Reminder, efficacy: ReminderEfficacy, stage: str, lead_days: int) -> ReminderSent:
    """What reminder an appointment at `stage`, booked `lead_days` ahead, receives under `policy`."""
    if policy.channel == NO_REMINDER or stage not in policy.stages or lead_days <= policy.days_ahead:
        return NONE_SENT
    cut = _channel_efficacy(policy.channel, efficacy, stage)
    # Evidence shows no difference between 1 and 2 days ahead; earlier reminders are assumed to fade.
    weeks_early = max(policy.days_ahead - 2, 0) / 7
    cut *= (1 - efficacy.decay_per_week_early) ** weeks_early
    gain = efficacy.phone_alliance_gain if policy.channel == "phone" else 0.0
    return ReminderSent(policy.channel, policy.count, cut, gain)


def _channel_efficacy(channel: str, efficacy: ReminderEfficacy, stage: str) -> float:
    if channel == "letter" and stage == "assessment":
        return efficacy.letter_assessment
    return getattr(efficacy, channel)
