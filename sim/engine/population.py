"""Who is referred, as rows of arrays: every patient's profile and starting state, drawn at once.

The same rules as `sim.population` (seed 004, 3.1-3.3), compiled: each patient's numbers come
from the patient's own key (`sim.engine.rng`), so the profile does not depend on who else was
referred or on the policy. The referrals are drawn before the run (Poisson per site and day, as
`AttendanceModel` always did), so the patients are known in advance and drawn in one pass.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from sim.engine import layout as L
from sim.engine import rng
from sim.engine import settings as S
from sim.levers.chance import REMINDER_REACH

POPULATION = (
    "male_share", "employed_share", "from_inpatient_share", "treated_before_share",
    "travel_sd_log", "trust_mean", "trust_sd", "hourly_wage_nok", "baseline_mean",
    "baseline_sd", "lapse_onset_per_day", "lapse_onset_sd_log", "inpatient_onset_multiplier",
    "forgetting_base", "forgetfulness_sd_log", "course_sessions", "sessions_needed_mean",
    "intercept", "age_16_25", "low_trust", "travel_per_hour", "public_transport_multiplier",
    "lost_pay_per_1000_nok", "slot_hours", "reminder_reach", "age_16_25_group",
)
for _index, _name in enumerate(POPULATION):  # PO_MALE_SHARE, ...: indices for compiled code
    globals()[f"PO_{_name.upper()}"] = _index
YOUNG_GROUP = "age_16_25"


def population_numbers(cfg, reminder_reach: float) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The population's numbers, the age groups' cumulative shares, and the groups' names."""
    p, b = cfg.population, cfg.behaviour
    groups = list(p.age_group_shares)
    numbers = {
        "male_share": p.male_share, "employed_share": p.employed_share,
        "from_inpatient_share": p.from_inpatient_share,
        "treated_before_share": p.treated_before_share, "travel_sd_log": p.travel_sd_log,
        "trust_mean": p.trust_mean, "trust_sd": p.trust_sd, "hourly_wage_nok": p.hourly_wage_nok,
        "baseline_mean": b.motivation.baseline_mean, "baseline_sd": b.motivation.baseline_sd,
        "lapse_onset_per_day": b.craving.lapse_onset_per_day,
        "lapse_onset_sd_log": b.craving.lapse_onset_sd_log,
        "inpatient_onset_multiplier": b.craving.inpatient_onset_multiplier,
        "forgetting_base": b.forgetting.base_probability,
        "forgetfulness_sd_log": b.forgetting.forgetfulness_sd_log,
        "course_sessions": b.treatment.course_sessions or 0,
        "sessions_needed_mean": b.treatment.sessions_needed_mean,
        "intercept": b.decision.intercept, "age_16_25": b.decision.age_16_25,
        "low_trust": b.decision.low_trust, "travel_per_hour": b.decision.travel_per_hour,
        "public_transport_multiplier": b.decision.public_transport_multiplier,
        "lost_pay_per_1000_nok": b.decision.lost_pay_per_1000_nok,
        "slot_hours": cfg.clinic.slot_minutes / 60, "reminder_reach": reminder_reach,
        "age_16_25_group": groups.index(YOUNG_GROUP) if YOUNG_GROUP in groups else -1,
    }
    values = np.array([numbers[name] for name in POPULATION], dtype=np.float64)
    return values, np.cumsum(list(p.age_group_shares.values())), groups


def site_numbers(cfg) -> np.ndarray:
    """Per site: mean travel minutes, share without a car, unexplained log-odds."""
    return np.array([[s.travel_minutes_mean, s.public_transport_share, s.unexplained_log_odds]
                     for s in cfg.clinic.sites.values()], dtype=np.float64)


@njit(cache=True)
def draw_patients(pr, pn, key, pop, age_cumulative, sites, rs):
    """Fill every patient's profile, fixed terms and starting state (site, number and referral
    day are set already)."""
    u = np.empty(12)
    for i in range(pn.shape[0]):
        site, number, referred = pn[i, L.P_SITE], pn[i, L.P_NUMBER], pn[i, L.P_REFERRAL_DAY]
        rng.uniforms_into(u, key, site, number, rng.PROFILE, 0)
        group = len(age_cumulative) - 1
        for g in range(len(age_cumulative)):
            if u[0] < age_cumulative[g]:
                group = g
                break
        young = group == pop[PO_AGE_16_25_GROUP]
        employed = u[2] < pop[PO_EMPLOYED_SHARE]
        from_inpatient = u[3] < pop[PO_FROM_INPATIENT_SHARE]
        public_transport = u[5] < sites[site, 1]
        z0, z1, z2, z3, z4 = (rng.normal_quantile(u[7]), rng.normal_quantile(u[8]),
                              rng.normal_quantile(u[9]), rng.normal_quantile(u[10]),
                              rng.normal_quantile(u[11]))
        travel = sites[site, 0] * _mean_one_lognormal(z0, pop[PO_TRAVEL_SD_LOG])
        trust = min(max(pop[PO_TRUST_MEAN] + pop[PO_TRUST_SD] * z1, 0.0), 1.0)
        baseline = min(max(pop[PO_BASELINE_MEAN] + pop[PO_BASELINE_SD] * z3, 0.02), 0.98)
        onset = pop[PO_LAPSE_ONSET_PER_DAY] * _mean_one_lognormal(z2, pop[PO_LAPSE_ONSET_SD_LOG])
        if from_inpatient:
            onset *= pop[PO_INPATIENT_ONSET_MULTIPLIER]
        forgetfulness = _mean_one_lognormal(z4, pop[PO_FORGETFULNESS_SD_LOG])
        pn[i, L.P_AGE_GROUP] = group
        pn[i, L.P_MALE] = u[1] < pop[PO_MALE_SHARE]
        pn[i, L.P_EMPLOYED] = employed
        pn[i, L.P_FROM_INPATIENT] = from_inpatient
        pn[i, L.P_TREATED_BEFORE] = u[4] < pop[PO_TREATED_BEFORE_SHARE]
        pn[i, L.P_PUBLIC_TRANSPORT] = public_transport
        pn[i, L.P_SESSIONS_NEEDED] = _sessions_needed(pop, u[6])
        pr[i, L.P_TRAVEL_MINUTES] = travel
        pr[i, L.P_TRUST] = trust
        pr[i, L.P_MOTIVATION_BASELINE] = baseline
        pr[i, L.P_LAPSE_ONSET_PER_DAY] = min(onset, 1.0)
        pr[i, L.P_FORGETFULNESS] = forgetfulness
        _fixed_terms(pr, i, pop, sites[site, 2], young, employed, public_transport, travel, trust,
                     forgetfulness)
        _starting_state(pr, pn, i, key, rs, referred, baseline)
        reach = rng.uniform(key, site, number, rng.LEVER_TAG0 + REMINDER_REACH, 0)
        pn[i, L.P_REMINDER_REACHED] = reach < pop[PO_REMINDER_REACH]


@njit(cache=True)
def _fixed_terms(pr, i, pop, unexplained, young, employed, public_transport, travel, trust,
                 forgetfulness):
    """The terms of the decision a patient keeps from referral on (sim.patient.fixed_terms)."""
    hours = travel / 60
    travel_term = pop[PO_TRAVEL_PER_HOUR] * hours
    if public_transport:
        travel_term *= pop[PO_PUBLIC_TRANSPORT_MULTIPLIER]
    wage = employed * pop[PO_HOURLY_WAGE_NOK]
    per_nok = pop[PO_LOST_PAY_PER_1000_NOK] / 1000
    pr[i, L.P_SITE_TERM] = pop[PO_INTERCEPT] + unexplained
    pr[i, L.P_AGE_TERM] = pop[PO_AGE_16_25] * young
    pr[i, L.P_LOW_TRUST_TERM] = pop[PO_LOW_TRUST] * (1 - trust)
    pr[i, L.P_TRAVEL_TERM] = travel_term
    pr[i, L.P_LOST_PAY_TERM] = per_nok * wage * (2 * hours + pop[PO_SLOT_HOURS])
    pr[i, L.P_FORGETTING_BASE] = pop[PO_FORGETTING_BASE] * forgetfulness
    pr[i, L.P_TRAVEL_LOG_ODDS] = travel_term + per_nok * wage * 2 * hours


@njit(cache=True)
def _starting_state(pr, pn, i, key, rs, referred, baseline):
    """Motivation high after the referral's crisis (seed 000), the bond brought to the
    assessment, using or not at referral, and no appointment behind."""
    pr[i, L.P_BOOST] = rs[S.R_REFERRAL_BOOST]
    pr[i, L.P_BOOST_DAY] = referred
    pr[i, L.P_MOTIVATION] = min(baseline + rs[S.R_REFERRAL_BOOST], 1.0)
    pr[i, L.P_ALLIANCE] = rs[S.R_ALLIANCE_START]
    pr[i, L.P_NOISE] = 0.0
    pr[i, L.P_NO_SHOW_FEES_NOK] = 0.0
    pn[i, L.P_NOISE_DAY] = referred
    using = rs[S.R_USING_AT_REFERRAL_SHARE]
    intake = rng.uniform_pair(key, pn[i, L.P_SITE], pn[i, L.P_NUMBER], rng.INTAKE, 0)
    pn[i, L.P_LAPSING] = using > 0 and intake[1] < using
    for column in (L.P_ASSESSMENT_DAY, L.P_FIRST_TREATMENT_DAY, L.P_EXIT_DAY, L.P_POST,
                   L.P_MET_THERAPIST):
        pn[i, column] = L.NONE
    pn[i, L.P_EXIT_REASON] = L.IN_CARE
    pr[i, L.P_SPELL_END] = referred + spell_days(pr, pn, i, key, rs)


@njit(cache=True)
def spell_days(pr, pn, i, key, rs):
    """The length of the patient's next sober spell or lapse: exponential, by inversion."""
    if pn[i, L.P_LAPSING]:
        mean = rs[S.R_LAPSE_DURATION_DAYS]
    else:
        onset = pr[i, L.P_LAPSE_ONSET_PER_DAY]
        if onset <= 0:
            return math.inf
        mean = 1 / onset
    drawn = pn[i, L.P_SPELLS_DRAWN]
    pn[i, L.P_SPELLS_DRAWN] = drawn + 1
    u = rng.uniform(key, pn[i, L.P_SITE], pn[i, L.P_NUMBER], rng.SPELLS, drawn)
    return -mean * math.log1p(-u)


@njit(cache=True)
def _sessions_needed(pop, u):
    """A fixed course's sessions, or geometric around the mean, by inversion of `u`."""
    fixed = pop[PO_COURSE_SESSIONS]
    if fixed > 0:
        return int(fixed)
    p = 1.0 / pop[PO_SESSIONS_NEEDED_MEAN]
    if p >= 1.0:
        return 1
    return max(math.ceil(math.log1p(-u) / math.log1p(-p)), 1)


@njit(cache=True)
def _mean_one_lognormal(z, sd_log):
    return math.exp(sd_log * z - 0.5 * sd_log**2)
