"""A run's settings as the compiled day reads them: two flat arrays of numbers, by name.

`REAL` and `INT` name every number the day's logic reads: the behaviour (`scenarios/behaviour/`),
the clinics' shared rules, and the levers' terms. The model's own numbers are filled from the run
config here; each lever fills its own terms (`Lever.array_terms`), so a lever's sizes stay in its
module and its YAML. A term no lever sets keeps its neutral value (0: no effect).
"""

from __future__ import annotations

import math

import numpy as np

REAL = (
    # motivation, craving, alliance (sim/engine/motivation.py, attendance.py)
    "referral_boost", "reversion_per_day", "noise_keep", "noise_step_sd", "attended_boost",
    "lapse_duration_days", "using_at_referral_share",
    "alliance_start", "alliance_growth", "offence_probability", "offence_drop",
    # forgetting and the decision
    "lapse_forgetting_multiplier", "forgetting_per_week_of_lead",
    "motivation_term", "alliance_term", "adversity_buffer", "lapse_term", "lead_time_per_week",
    "assessment_lead_time_per_week", "extra_reminder", "notify_share",
    # quitting and the pathway
    "quit_after_miss", "lost_after_missed_assessment", "lost_after_missed_first_treatment",
    "turned_down_share", "not_admitted_share", "slot_minutes",
    # lever terms (each lever's `array_terms`)
    "reminder_cut_assessment", "reminder_cut_first_treatment", "reminder_cut_treatment",
    "reminder_alliance_gain", "reminder_call_minutes", "reminder_reach",
    "fee_term_unemployed", "fee_term_employed", "fee_extra_notify_share", "fee_shame_quit",
    "no_show_fee_nok", "incentive_pull", "outreach_share", "outreach_home_term",
    "follow_up_reach", "follow_up_motivation_gain", "follow_up_alliance_gain",
    "follow_up_forgetting_cut", "follow_up_call_minutes", "referrer_motivation_gain",
    "drop_in_uptake", "drop_in_motivation_gain", "drop_in_forgetting_cut",
    "overbooking_share", "risk_threshold", "prior_no_show_share", "prior_appointments",
    "assessment_held_share", "prepared_motivation_gain",
    "therapists_per_fte", "therapist_turnover_per_day",
)
INT = (
    "interval_days", "rebook_days", "warmup_days", "n_days", "assessment_within_days",
    "max_first_treatment_wait_days", "assessment_lead_days",
    # lever terms
    "reminder_channel", "reminder_days_ahead", "reminder_count", "reminder_missed_before_only",
    "reminder_assessment", "reminder_first_treatment", "reminder_treatment",
    "voucher_every_nth", "outreach_mode", "follow_up_channel", "tell_referrer",
    "drop_in_slots", "drop_in_window_days", "overbooking_by_risk", "referrer_contact",
    "discharge_after_missed", "switch_after_missed",
    "bookable_changes",
)
R = {name: index for index, name in enumerate(REAL)}
I = {name: index for index, name in enumerate(INT)}  # noqa: E741 (I: the integer settings)


def model_settings(cfg) -> tuple[np.ndarray, np.ndarray]:
    """The run's numbers, before the levers add their terms."""
    b, clinic = cfg.behaviour, cfg.clinic
    m = b.motivation
    keep = math.exp(-m.reversion_per_day)
    real = {
        "referral_boost": m.referral_boost, "reversion_per_day": m.reversion_per_day,
        "noise_keep": keep,
        "noise_step_sd": (m.volatility_per_sqrt_day
                          * math.sqrt((1 - keep**2) / (2 * m.reversion_per_day))),
        "attended_boost": m.attended_boost,
        "lapse_duration_days": b.craving.lapse_duration_days,
        "using_at_referral_share": b.craving.using_at_referral_share,
        "alliance_start": b.alliance.start, "alliance_growth": b.alliance.growth_per_session,
        "offence_probability": b.alliance.offence_probability,
        "offence_drop": b.alliance.offence_drop,
        "lapse_forgetting_multiplier": b.forgetting.lapse_multiplier,
        "forgetting_per_week_of_lead": b.forgetting.per_week_of_lead,
        "motivation_term": b.decision.motivation, "alliance_term": b.decision.alliance,
        "adversity_buffer": b.decision.adversity_buffer, "lapse_term": b.decision.lapse,
        "lead_time_per_week": b.decision.lead_time_per_week,
        "assessment_lead_time_per_week": b.decision.assessment_lead_time_per_week,
        "extra_reminder": b.decision.extra_reminder,
        "notify_share": b.cancellation.notify_share,
        "quit_after_miss": b.dropout.quit_after_miss,
        "lost_after_missed_assessment": b.dropout.lost_after_missed_assessment,
        "lost_after_missed_first_treatment": b.dropout.lost_after_missed_first_treatment,
        "turned_down_share": b.treatment.turned_down_share,
        "not_admitted_share": b.treatment.not_admitted_share,
        "slot_minutes": clinic.slot_minutes,
        "reminder_reach": 1.0,  # every patient, unless a reminder's own reach says less
    }
    ints = {
        "interval_days": b.treatment.interval_days, "rebook_days": b.treatment.rebook_days,
        "warmup_days": cfg.warmup_days, "n_days": cfg.warmup_days + cfg.horizon_days,
        "assessment_within_days": clinic.assessment_within_days,
        "max_first_treatment_wait_days": clinic.max_first_treatment_wait_days,
        "assessment_lead_days": clinic.assessment_lead_days,
    }
    return fill(np.zeros(len(REAL)), R, real), fill(np.zeros(len(INT), np.int64), I, ints)


def fill(array: np.ndarray, names: dict[str, int], values: dict) -> np.ndarray:
    """Set `values` by name (an unknown name is a programming error, said at once)."""
    for name, value in values.items():
        if name not in names:
            raise KeyError(f"no engine setting named {name!r} (sim/engine/settings.py)")
        array[names[name]] = value
    return array


def _number(names: tuple[str, ...], prefix: str) -> None:
    """Module constants (R_NOTIFY_SHARE, I_REBOOK_DAYS, ...) for the compiled code's indexing."""
    for index, name in enumerate(names):
        globals()[f"{prefix}{name.upper()}"] = index


_number(REAL, "R_")
_number(INT, "I_")
