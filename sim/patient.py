"""The patient agent: a person referred to a clinic, with the states the sources describe.

Rule: at each appointment, bring motivation and craving up to the day, then forget, choose not to
come, or attend (`sim.attendance`); after an attended session the alliance grows, or drops sharply
after an offence; after a miss the patient may quit.

Motivation is the personal baseline, plus jumps (at referral, after attended sessions) that fade
back to it, plus day-to-day noise; lapses come and go. Noise and lapses are paths in calendar time
(`sim.states`), read only when the patient has an appointment, so a run costs per appointment.
"""

from __future__ import annotations

import math
from enum import Enum

import mesa
import numpy as np

from sim.appointment import Appointment, Outcome, Reason
from sim.attendance import forgetting_probability, logistic, skip_log_odds
from sim.population import PatientProfile
from sim.states import LapsePath, MotivationNoise

# Draws used at every appointment, always all of them, so that scenarios stay aligned.
FORGET, SKIP, NOTIFY, OFFENCE, QUIT, ADMIT, N_UNIFORMS = range(7)


class ExitReason(str, Enum):
    COMPLETED = "completed"
    REFERRED_ON = "referred_on"  # not admitted after assessment, or sent to another service
    DISCHARGED_NON_ATTENDANCE = "discharged_non_attendance"
    DROPPED_OUT = "dropped_out"


class Patient(mesa.Agent):
    """A referred patient with motivation, craving, alliance, forgetfulness and trust."""

    def __init__(self, model, site: str, referral_day: int, profile: PatientProfile,
                 chance: np.random.Generator, lapse_path: LapsePath, noise: MotivationNoise):
        super().__init__(model)
        behaviour = model.cfg.behaviour
        self.site = site
        self.referral_day = referral_day
        self.profile = profile
        self.chance = chance  # this patient's own stream for each appointment's chance events
        self.lapse_path, self.noise = lapse_path, noise
        # Referral follows a crisis or rock-bottom moment: motivation starts high (seed 000).
        self.boost, self.boost_day = behaviour.motivation.referral_boost, referral_day
        self.motivation = min(profile.motivation_baseline + self.boost, 1.0)
        self.lapsing = False
        self.alliance = behaviour.alliance.start
        self.consecutive_misses = 0
        self.sessions_attended = 0
        self.assessment_day: int | None = None
        self.first_treatment_day: int | None = None
        self.exit_day: int | None = None
        self.exit_reason: ExitReason | None = None
        self.no_show_fees_nok = 0.0
        self._u = np.zeros(N_UNIFORMS)

    def advance_to(self, day: int) -> None:
        """Bring motivation and lapse state to `day`: the boost fades, noise and lapses move on."""
        reversion = self.model.cfg.behaviour.motivation.reversion_per_day
        self.boost *= math.exp(-reversion * (day - self.boost_day))
        self.boost_day = day
        level = self.profile.motivation_baseline + self.boost + self.noise.at(day)
        self.motivation = min(max(level, 0.0), 1.0)
        self.lapsing = self.lapse_path.at(day)

    def respond(self, appt: Appointment) -> None:
        """Decide this appointment's outcome and reason (the attendance rule)."""
        cfg = self.model.cfg
        self._u = self.chance.random(N_UNIFORMS)
        self.advance_to(appt.day)
        self.alliance = min(self.alliance + appt.reminder.alliance_gain, 1.0)
        if self._u[FORGET] < forgetting_probability(self, appt, cfg.behaviour):
            appt.outcome, appt.reason = Outcome.NO_SHOW, Reason.FORGOT
            return
        if self._u[SKIP] >= logistic(skip_log_odds(self, appt, cfg)):
            appt.outcome = Outcome.ATTENDED
            return
        appt.reason = Reason.LAPSE if self.lapsing else Reason.CHOSE_NOT_TO_COME
        notifies = self._u[NOTIFY] < cfg.behaviour.cancellation.notify_share
        appt.outcome = Outcome.CANCELLED if notifies else Outcome.NO_SHOW

    def attend_session(self) -> None:
        """An attended session: alliance grows, or drops sharply after an offence (seed 003)."""
        b = self.model.cfg.behaviour
        self.consecutive_misses = 0
        self.sessions_attended += 1
        if self._u[OFFENCE] < b.alliance.offence_probability:
            self.alliance *= 1 - b.alliance.offence_drop
        else:
            self.alliance += b.alliance.growth_per_session * (1 - self.alliance)
        self.boost += b.motivation.attended_boost  # read as motivation from the next appointment on

    def admitted_after_assessment(self) -> bool:
        return self._u[ADMIT] >= self.model.cfg.behaviour.treatment.not_admitted_share

    def quits_after_miss(self, charged_nok: float) -> bool:
        """After a missed or cancelled appointment: does the patient stop coming for good?"""
        d = self.model.cfg.behaviour.dropout
        p = d.quit_after_miss * (1 - self.motivation) + (d.fee_shame_quit if charged_nok > 0 else 0.0)
        return self._u[QUIT] < p

    def leave(self, day: int, reason: ExitReason) -> None:
        self.exit_day, self.exit_reason = day, reason
