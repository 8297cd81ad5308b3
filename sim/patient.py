"""The patient agent: a person referred to a clinic, with the states the sources describe.

Rule: at each appointment, bring motivation and craving up to the day, then forget, choose not to
come, or attend (`sim.attendance`); after an attended session the alliance grows, or drops sharply
after an offence; after a miss the patient may quit.

States move only when the patient has an appointment: motivation (an Ornstein-Uhlenbeck process
back to a personal baseline) and lapses (a two-state Markov chain) are advanced over the days since
the last appointment in one exact step, so a run costs per appointment, not per patient-day.
"""

from __future__ import annotations

import math
from enum import Enum

import mesa
import numpy as np

from sim.appointment import Appointment, Outcome, Reason
from sim.attendance import forgetting_probability, logistic, skip_log_odds
from sim.population import PatientProfile

# Draws used at every appointment, always all of them, so that scenarios stay aligned.
LAPSE, FORGET, SKIP, NOTIFY, OFFENCE, QUIT, ADMIT, N_UNIFORMS = range(8)


class ExitReason(str, Enum):
    COMPLETED = "completed"
    REFERRED_ON = "referred_on"  # not admitted after assessment, or sent to another service
    DISCHARGED_NON_ATTENDANCE = "discharged_non_attendance"
    DROPPED_OUT = "dropped_out"


class Patient(mesa.Agent):
    """A referred patient with motivation, craving, alliance, forgetfulness and trust."""

    def __init__(self, model, site: str, referral_day: int, profile: PatientProfile, rng):
        super().__init__(model)
        behaviour = model.cfg.behaviour
        self.site = site
        self.referral_day = referral_day
        self.profile = profile
        self.chance: np.random.Generator = rng  # this patient's own stream
        # Referral follows a crisis or rock-bottom moment: motivation starts high (seed 000).
        self.motivation = min(profile.motivation_baseline + behaviour.motivation.referral_boost, 1.0)
        self.lapsing = False
        self.state_day = referral_day
        self.alliance = behaviour.alliance.start
        self.consecutive_misses = 0
        self.sessions_attended = 0
        self.assessment_day: int | None = None
        self.first_treatment_day: int | None = None
        self.exit_day: int | None = None
        self.exit_reason: ExitReason | None = None
        self.no_show_fees_nok = 0.0
        self._u = np.zeros(N_UNIFORMS)

    @property
    def active(self) -> bool:
        return self.exit_reason is None

    def advance_to(self, day: int, u_lapse: float, z: float) -> None:
        """Move motivation and lapse state from the last appointment to `day` in one exact step."""
        days = day - self.state_day
        if days <= 0:
            return
        m = self.model.cfg.behaviour.motivation
        decay = math.exp(-m.reversion_per_day * days)
        spread = m.volatility_per_sqrt_day * math.sqrt((1 - decay**2) / (2 * m.reversion_per_day))
        baseline = self.profile.motivation_baseline
        self.motivation = min(max(baseline + (self.motivation - baseline) * decay + spread * z, 0.0), 1.0)
        onset = self.profile.lapse_onset_per_day
        recovery = 1 / self.model.cfg.behaviour.craving.lapse_duration_days
        stationary = onset / (onset + recovery)
        p_lapse = stationary + (self.lapsing - stationary) * (1 - onset - recovery) ** days
        self.lapsing = bool(u_lapse < p_lapse)
        self.state_day = day

    def respond(self, appt: Appointment) -> None:
        """Decide this appointment's outcome and reason (the attendance rule)."""
        cfg = self.model.cfg
        self._u = self.chance.random(N_UNIFORMS)
        self.advance_to(appt.day, self._u[LAPSE], self.chance.standard_normal())
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
        self.motivation = min(self.motivation + b.motivation.attended_boost, 1.0)

    def admitted_after_assessment(self) -> bool:
        return self._u[ADMIT] >= self.model.cfg.behaviour.treatment.not_admitted_share

    def quits_after_miss(self, charged_nok: float) -> bool:
        """After a missed or cancelled appointment: does the patient stop coming for good?"""
        d = self.model.cfg.behaviour.dropout
        p = d.quit_after_miss * (1 - self.motivation) + (d.fee_shame_quit if charged_nok > 0 else 0.0)
        return self._u[QUIT] < p

    def leave(self, day: int, reason: ExitReason) -> None:
        self.exit_day, self.exit_reason = day, reason
