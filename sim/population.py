"""Who is referred: patient attributes drawn from the population config (seed 004, 3.1-3.3)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.config import Behaviour, Population, SiteSettings


@dataclass(frozen=True)
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
    def under_30(self) -> bool:
        return self.age_group == "age_16_25"


def draw_profile(
    rng: np.random.Generator, population: Population, site: SiteSettings, behaviour: Behaviour
) -> PatientProfile:
    """Draw one patient's profile. Always uses the same number of draws (common random numbers)."""
    u = rng.random(6)
    z = rng.standard_normal(5)
    groups = list(population.age_group_shares)
    cumulative = np.cumsum([population.age_group_shares[g] for g in groups])
    age_group = groups[min(int(np.searchsorted(cumulative, u[0], side="right")), len(groups) - 1)]
    craving = behaviour.craving
    lapse_rate = craving.lapse_onset_per_day * _mean_one_lognormal(z[2], craving.lapse_onset_sd_log)
    from_inpatient = bool(u[3] < population.from_inpatient_share)
    if from_inpatient:
        lapse_rate *= craving.inpatient_onset_multiplier
    motivation = behaviour.motivation
    return PatientProfile(
        age_group=age_group,
        sex="male" if u[1] < population.male_share else "female",
        employed=bool(u[2] < population.employed_share),
        from_inpatient=from_inpatient,
        treated_before=bool(u[4] < population.treated_before_share),
        travel_minutes=float(site.travel_minutes_mean * _mean_one_lognormal(z[0], population.travel_sd_log)),
        public_transport=bool(u[5] < site.public_transport_share),
        trust=float(np.clip(population.trust_mean + population.trust_sd * z[1], 0.0, 1.0)),
        motivation_baseline=float(
            np.clip(motivation.baseline_mean + motivation.baseline_sd * z[3], 0.02, 0.98)
        ),
        lapse_onset_per_day=float(min(lapse_rate, 1.0)),
        forgetfulness=float(_mean_one_lognormal(z[4], behaviour.forgetting.forgetfulness_sd_log)),
        sessions_needed=int(rng.geometric(1.0 / behaviour.treatment.sessions_needed_mean)),
    )


def _mean_one_lognormal(z: float, sd_log: float) -> float:
    """A lognormal multiplier with mean 1 from a standard normal draw."""
    return float(np.exp(sd_log * z - 0.5 * sd_log**2))
