"""The patient agent and the attendance rule it applies: does this patient come to this appointment?

The rule in one sentence: the patient may forget (more often in a lapse or after a long lead
time, less often after a reminder); if they remember, they choose not to come with probability
logistic(intercept + state effects + buffered costs), and a share of those who choose not to come
call to cancel (more when a lever gives a reason to, e.g. a no-show fee). Levers add their terms
through hooks (`sim.levers.base`). After an attended session the alliance grows, or drops sharply
after an offence; after a miss the patient may quit.
Every coefficient is named in `scenarios/behaviour/*.yaml` and sourced in `docs/evidence.md`.

Motivation is the personal baseline, plus jumps (at referral, after attended sessions) that fade
back to it, plus day-to-day noise; lapses come and go. Noise and lapses are paths in calendar time
(`sim.paths`), read only when the patient has an appointment, so a run costs per appointment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

from sim.enums import ExitReason, Outcome, Reason, Stage

if TYPE_CHECKING:
    from sim.appointment import Appointment
    from sim.paths import LapsePath, MotivationNoise
    from sim.population import PatientProfile
    from sim.streams import PatientDraws

# Draws used at every appointment, always all of them, so that scenarios stay aligned.
FORGET, SKIP, NOTIFY, OFFENCE, QUIT, ADMIT, N_UNIFORMS = range(7)
MAX_LEAD_WEEKS = 12  # the lead-time effect stops growing after about three months (seed 004, 4.4)


class Patient(mesa.Agent):
    """A referred patient with motivation, craving, alliance, forgetfulness and trust."""

    # Slots (Mesa's own attributes stay in the instance dict): a patient is read at every
    # appointment after days untouched, and slots are fewer places in memory to fetch.
    __slots__ = ("behaviour", "hooks", "site_key", "referral_day", "profile", "fixed_terms", "stream", "draws",
                 "lapse_path", "noise", "boost", "boost_day", "motivation", "lapsing", "alliance",
                 "sessions_attended", "no_shows", "no_shows_in_a_row", "assessment_day", "first_treatment_day", "exit_day",
                 "exit_reason")

    def __init__(self, model, site_key: str, referral_day: int, profile: PatientProfile,
                 stream: PatientDraws, lapse_path: LapsePath, noise: MotivationNoise):
        super().__init__(model)
        self.behaviour = behaviour = model.cfg.behaviour
        self.hooks = model.hooks  # the levers' hooks, read at every appointment
        self.site_key = site_key
        self.referral_day = referral_day
        self.profile = profile
        self.fixed_terms = fixed_terms(model.cfg, site_key, profile)
        self.stream = stream  # this patient's own random numbers (each appointment's chance events)
        self.draws = [0.0] * N_UNIFORMS  # this appointment's uniforms, indexed FORGET .. ADMIT
        self.lapse_path, self.noise = lapse_path, noise
        # Referral follows a crisis or rock-bottom moment: motivation starts high (seed 000).
        self.boost, self.boost_day = behaviour.motivation.referral_boost, referral_day
        self.motivation = min(profile.motivation_baseline + self.boost, 1.0)
        self.lapsing = False
        self.alliance = behaviour.alliance.start
        self.sessions_attended = 0
        self.no_shows = 0  # in this course
        self.no_shows_in_a_row = 0  # since the patient last came (a late cancellation leaves it)
        self.assessment_day: int | None = None
        self.first_treatment_day: int | None = None
        self.exit_day: int | None = None
        self.exit_reason: ExitReason | None = None

    def advance_to(self, day: int) -> None:
        """Bring motivation and lapse state to `day`: the boost fades, noise and lapses move on."""
        reversion = self.behaviour.motivation.reversion_per_day
        self.boost *= math.exp(-reversion * (day - self.boost_day))
        self.boost_day = day
        level = self.profile.motivation_baseline + self.boost + self.noise.at(day)
        self.motivation = min(max(level, 0.0), 1.0)
        self.lapsing = self.lapse_path.at(day)

    def add_motivation(self, gain: float, from_day: int | None = None) -> None:
        """Motivation a lever adds (0..1), fading like the referral boost: from the patient's last
        appointment (or referral) on, or from a later `from_day`."""
        if from_day is not None and from_day != self.boost_day:
            gain *= math.exp(self.behaviour.motivation.reversion_per_day * (from_day - self.boost_day))
        self.boost += gain

    def respond(self, appt: Appointment) -> None:
        """Decide this appointment's outcome and reason (the attendance rule)."""
        self.draws = draws = self.stream.appointment()
        self.advance_to(appt.day)
        for hook in self.hooks.before_decision:
            hook(self, appt)
        if draws[FORGET] < forgetting_probability(self, appt):
            appt.outcome, appt.reason = Outcome.NO_SHOW, Reason.FORGOT
            self._counts_no_show()
            return
        if draws[SKIP] >= logistic(skip_log_odds(self, appt)):
            appt.outcome = Outcome.ATTENDED
            self.no_shows_in_a_row = 0
            return
        appt.reason = Reason.LAPSE if self.lapsing else Reason.CHOSE_NOT_TO_COME
        if draws[NOTIFY] < notify_probability(self, appt):
            appt.outcome = Outcome.CANCELLED
        else:
            appt.outcome = Outcome.NO_SHOW
            self._counts_no_show()

    def _counts_no_show(self) -> None:
        """What the clinic can see of this patient's attendance: no-shows in this course, and in a
        row (levers read them: discharge, targeting, overbooking by risk, offering a switch)."""
        self.no_shows += 1
        self.no_shows_in_a_row += 1

    def attend_session(self) -> None:
        """An attended session: alliance grows, or drops sharply after an offence (seed 003)."""
        b = self.behaviour
        self.sessions_attended += 1
        if self.draws[OFFENCE] < b.alliance.offence_probability:
            self.alliance *= 1 - b.alliance.offence_drop
        else:
            self.alliance += b.alliance.growth_per_session * (1 - self.alliance)
        self.boost += b.motivation.attended_boost  # read as motivation from the next appointment on

    def quits_after_miss(self, appt: Appointment) -> bool:
        """After a missed or cancelled appointment: does the patient stop coming for good?
        Only a patient who chose to stay away (or was lapsing) may have decided to stop: one who
        forgot has decided nothing (levers' added chances, e.g. a fee's shame, still apply)."""
        d = self.behaviour.dropout
        p = 0.0 if appt.reason is Reason.FORGOT else d.quit_after_miss * (1 - self.motivation)
        for added in self.hooks.quit_chance:
            p += added(self, appt)
        return self.draws[QUIT] < p

    def leave(self, day: int, reason: ExitReason) -> None:
        self.exit_day, self.exit_reason = day, reason
        # A patient who has left draws and decides nothing more: let go of what only that needs.
        self.stream = self.lapse_path = self.noise = self.draws = self.fixed_terms = None


def forgetting_probability(patient: Patient, appt: Appointment) -> float:
    """Chance the patient forgets the appointment altogether."""
    fg = patient.behaviour.forgetting
    p = patient.fixed_terms.forgetting
    if patient.lapsing:
        p *= fg.lapse_multiplier
    p *= 1 + fg.per_week_of_lead * lead_weeks(appt)
    if p > 1.0:
        p = 1.0
    for cut in patient.hooks.forgetting_cut:
        p *= 1 - cut(patient, appt)
    return p


def notify_probability(patient: Patient, appt: Appointment) -> float:
    """Chance that a patient who chose not to come calls to cancel ahead: the share who do
    (`behaviour.cancellation.notify_share`), and of those who would not, the share each lever adds
    (`Lever.extra_notify_share`). The levers' shares combine as independent chances; the factors
    are multiplied in sorted order, so the answer does not depend on the levers' order."""
    share = patient.behaviour.cancellation.notify_share
    extras = patient.hooks.extra_notify_share
    if not extras:
        return share  # no lever acts: the share itself, to the last bit
    silent = math.prod(sorted(1 - extra(patient, appt) for extra in extras))
    return 1 - (1 - share) * silent


def skip_log_odds(patient: Patient, appt: Appointment) -> float:
    """Log-odds that a patient who remembers chooses not to come."""
    d = patient.behaviour.decision
    fixed = patient.fixed_terms
    in_treatment = appt.stage is not Stage.ASSESSMENT
    # The bond the patient has now, at every stage: at the assessment still the bond brought from
    # referral (`alliance.start`), as at the first treatment, since the assessment does not change
    # it. Reading 0 there made the fitted intercept, set by treatment sessions with a grown bond,
    # fall in full on the assessment (issue 19 item 5).
    alliance = patient.alliance
    state = (
        fixed.site
        + d.motivation * (patient.motivation - 0.5)
        + d.alliance * alliance
        + fixed.age_16_25
        + fixed.low_trust
    )
    costs = (
        d.lapse * patient.lapsing
        + fixed.travel
        + (d.lead_time_per_week if in_treatment else d.assessment_lead_time_per_week) * lead_weeks(appt)
        + fixed.lost_pay
    )
    for term in patient.hooks.decision_terms:
        costs += term(patient, appt)
    # Motivation and alliance together let a patient tolerate more adversity (seed 000).
    buffer = 1 - d.adversity_buffer * patient.motivation * alliance
    return state + buffer * costs


@dataclass(slots=True)
class FixedTerms:
    """The terms of `skip_log_odds`, and the base chance of forgetting, that a patient keeps from
    referral on, worked out once."""

    site: float  # the intercept and the site's unexplained log-odds
    age_16_25: float  # the age term: behaviour.decision.age_16_25 for age group 16-25, else 0
    low_trust: float
    travel: float
    lost_pay: float
    forgetting: float  # the chance of forgetting before lapses, lead time and reminders


def fixed_terms(cfg, site_key: str, profile: PatientProfile) -> FixedTerms:
    d = cfg.behaviour.decision
    travel_hours = profile.travel_minutes / 60
    travel = d.travel_per_hour * travel_hours
    if profile.public_transport:
        travel *= d.public_transport_multiplier
    slot_hours = cfg.clinic.slot_minutes / 60
    lost_pay_nok = profile.employed * cfg.population.hourly_wage_nok * (2 * travel_hours + slot_hours)
    return FixedTerms(
        site=d.intercept + cfg.clinic.sites[site_key].unexplained_log_odds,
        age_16_25=d.age_16_25 * profile.aged_16_25,
        low_trust=d.low_trust * (1 - profile.trust),
        travel=travel,
        lost_pay=d.lost_pay_per_1000_nok * lost_pay_nok / 1000,
        forgetting=cfg.behaviour.forgetting.base_probability * profile.forgetfulness,
    )


def lead_weeks(appt: Appointment) -> float:
    """Weeks from booking to the appointment, up to MAX_LEAD_WEEKS (both the chance of forgetting
    and the cost of coming grow with it)."""
    weeks = appt.lead_days / 7
    return weeks if weeks < MAX_LEAD_WEEKS else MAX_LEAD_WEEKS


def logistic(x: float) -> float:
    if x < -700:  # exp(-x) would overflow (e.g. a very large voucher); 1 / (1 + e^-x) ~ e^x here
        return math.exp(x)
    return 1 / (1 + math.exp(-x))
