"""Who is referred: patient attributes drawn from the population config (seed 004, 3.1-3.3)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.config import Behaviour, Population, SiteSettings
from sim.config.behaviour import Craving
from sim.streams import PatientDraws


@dataclass(frozen=True, slots=True)
class PatientProfile:
    """What a patient brings at referral and keeps: attributes and personal baselines."""

    age_group: str
    sex: str
    employed: bool
    from_inpatient: bool
    treated_before: bool
    travel_minutes: float  # one way, minutes
    public_transport: bool
    trust: float  # 0..1, trust in services
    motivation_baseline: float  # 0..1
    lapse_onset_per_day: float  # 1/day, personal hazard of a lapse starting
    forgetfulness: float  # multiplier on the chance of forgetting, mean 1
    sessions_needed: int  # treatment sessions to complete a course

    @property
    def aged_16_25(self) -> bool:
        return self.age_group == "age_16_25"


def draw_profile(
    draws: PatientDraws, population: Population, site: SiteSettings, behaviour: Behaviour
) -> PatientProfile:
    """Draw one patient's profile. Always uses the same number of draws (common random numbers)."""
    u, z = draws.profile(7, 5)
    age_group = _pick(population.age_group_shares, u[0])
    from_inpatient = u[3] < population.from_inpatient_share
    motivation = behaviour.motivation
    return PatientProfile(
        age_group=age_group,
        sex="male" if u[1] < population.male_share else "female",
        employed=u[2] < population.employed_share,
        from_inpatient=from_inpatient,
        treated_before=u[4] < population.treated_before_share,
        travel_minutes=site.travel_minutes_mean * _mean_one_lognormal(z[0], population.travel_sd_log),
        public_transport=u[5] < site.public_transport_share,
        trust=_clip(population.trust_mean + population.trust_sd * z[1], 0.0, 1.0),
        motivation_baseline=_clip(motivation.baseline_mean + motivation.baseline_sd * z[3], 0.02, 0.98),
        lapse_onset_per_day=lapse_onset_per_day(behaviour.craving, z[2], from_inpatient),
        forgetfulness=_mean_one_lognormal(z[4], behaviour.forgetting.forgetfulness_sd_log),
        sessions_needed=sessions_needed(behaviour.treatment, u[6]),
    )


def sessions_needed(treatment, u: float) -> int:
    """Treatment sessions to complete a course: the fixed course's, or geometric around the mean
    (no fixed number, seed 000), by inversion of `u` (drawn either way: scenarios stay aligned)."""
    if treatment.course_sessions is not None:
        return treatment.course_sessions
    return _geometric(u, 1.0 / treatment.sessions_needed_mean)


def lapse_onset_per_day(craving: Craving, z: float, from_inpatient: bool) -> float:
    """A patient's personal hazard of a lapse starting, from a standard normal draw `z`."""
    rate = craving.lapse_onset_per_day * _mean_one_lognormal(z, craving.lapse_onset_sd_log)
    if from_inpatient:
        rate *= craving.inpatient_onset_multiplier
    return min(rate, 1.0)


def _pick(shares: dict[str, float], u: float) -> str:
    """The group whose band of cumulative shares holds `u` (the last group if rounding leaves a gap)."""
    cumulative = 0.0
    for group, share in shares.items():
        cumulative += share
        if u < cumulative:
            return group
    return group


def _geometric(u: float, p: float) -> int:
    """Trials up to the first success, each a success with chance `p`, by inversion of `u`."""
    if p >= 1.0:
        return 1
    return max(math.ceil(math.log1p(-u) / math.log1p(-p)), 1)


def _clip(x: float, low: float, high: float) -> float:
    return min(max(x, low), high)


def _mean_one_lognormal(z: float, sd_log: float) -> float:
    """A lognormal multiplier with mean 1 from a standard normal draw."""
    return math.exp(sd_log * z - 0.5 * sd_log**2)
