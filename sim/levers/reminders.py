"""Reminders before an appointment: none, SMS, letter or phone call.

Reminders act on forgetting (Bandolier 1999 and the Cochrane review, both in seed 004): the chance
of forgetting is cut by the channel's efficacy. A letter works best before the assessment
(seed 004). A staff call also strengthens the alliance a little (Lovejoy 1995 in seed 003).
More than one reminder feels like babysitting and adds to the wish to stay away (seed 000).
A reminder can only be sent if the appointment was booked before the day it is due.
Effect sizes: `behaviour.reminder_efficacy` and `behaviour.decision.extra_reminder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from omegaconf import MISSING

from sim.enums import Channel, Stage, values
from sim.config.ranges import ranged, share
from sim.levers.base import Lever


@dataclass
class ReminderParams:
    channel: str = MISSING  # a Channel value
    days_ahead: int = ranged(0, 60)
    count: int = ranged(1, 10)
    stages: list[str] = field(default_factory=lambda: list(values(Stage)))


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
    Params = ReminderParams

    def __init__(self, params: ReminderParams, cfg):
        super().__init__(params, cfg)
        self._sent: dict[tuple[str, int], ReminderSent] = {}  # by (stage, lead_days)

    def uses(self, hook: str) -> bool:
        sends = self.params.channel != Channel.NONE
        return {"before_decision": self.params.channel == Channel.PHONE, "forgetting_cut": sends,
                "decision_terms": sends and self.params.count > 1}.get(hook, True)

    def sent(self, appt) -> ReminderSent:
        """The reminder sent for this appointment, decided when it was booked."""
        booking = (appt.stage, appt.lead_days)
        sent = self._sent.get(booking)
        if sent is None:
            efficacy = self.cfg.behaviour.reminder_efficacy
            sent = self._sent[booking] = reminder_for(self.params, efficacy, appt.stage, appt.lead_days)
        return sent

    def before_decision(self, patient, appt) -> None:
        gain = self.sent(appt).alliance_gain
        if gain:
            patient.alliance = min(patient.alliance + gain, 1.0)

    def forgetting_cut(self, patient, appt) -> float:
        return self.sent(appt).forgetting_cut

    def decision_terms(self, patient, appt) -> float:
        return self.cfg.behaviour.decision.extra_reminder * max(self.sent(appt).count - 1, 0)

    def appointment_columns(self, appt) -> dict:
        sent = self.sent(appt)
        return {"reminder": sent.channel, "reminders_sent": sent.count}


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


