"""The attendance rule, written once: does this patient come to this appointment?

In one sentence: the patient may forget (more often in a lapse or after a long lead time, less
often after a reminder); if they remember, they choose not to come with probability
logistic(intercept + state effects + buffered costs), and a share of those who choose not to come
call to cancel. Every coefficient is named in `scenarios/behaviour/*.yaml` and sourced in
`docs/evidence.md`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.appointment import Appointment, Stage
from sim.config import Behaviour, RunConfig
from sim.levers.fees import fee_log_odds

if TYPE_CHECKING:
    from sim.patient import Patient

MAX_LEAD_WEEKS = 12  # the lead-time effect stops growing after about three months (seed 004, 4.4)


def forgetting_probability(patient: Patient, appt: Appointment, behaviour: Behaviour) -> float:
    """Chance the patient forgets the appointment altogether."""
    fg = behaviour.forgetting
    p = fg.base_probability * patient.profile.forgetfulness
    if patient.lapsing:
        p *= fg.lapse_multiplier
    p *= 1 + fg.per_week_of_lead * min(appt.lead_days / 7, MAX_LEAD_WEEKS)
    return min(p, 1.0) * (1 - appt.reminder.forgetting_cut)


def skip_log_odds(patient: Patient, appt: Appointment, cfg: RunConfig) -> float:
    """Log-odds that a patient who remembers chooses not to come."""
    d = cfg.behaviour.decision
    profile = patient.profile
    in_treatment = appt.stage is not Stage.ASSESSMENT
    alliance = patient.alliance if in_treatment else 0.0
    state = (
        d.intercept
        + cfg.clinic.sites[appt.site].unexplained_log_odds
        + d.motivation * (patient.motivation - 0.5)
        + d.alliance * alliance
        + d.under_30 * profile.under_30
        + d.low_trust * (1 - profile.trust)
    )
    travel_hours = profile.travel_minutes / 60
    travel = d.travel_per_hour * travel_hours
    if profile.public_transport:
        travel *= d.public_transport_multiplier
    slot_hours = cfg.clinic.slot_minutes / 60
    lost_pay_nok = profile.employed * cfg.population.hourly_wage_nok * (2 * travel_hours + slot_hours)
    costs = (
        d.lapse * patient.lapsing
        + travel
        + d.lead_time_per_week * min(appt.lead_days / 7, MAX_LEAD_WEEKS)
        + fee_log_odds(cfg.policy.fees, d, profile.employed)
        + d.lost_pay_per_1000_nok * lost_pay_nok / 1000
        + d.extra_reminder * max(appt.reminder.count - 1, 0)
    )
    # Motivation and alliance together let a patient tolerate more adversity (seed 000).
    buffer = 1 - d.adversity_buffer * patient.motivation * alliance
    return state + buffer * costs


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))
