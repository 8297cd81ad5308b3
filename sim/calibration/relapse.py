"""The relapse plausibility check: the chance that a patient referred from inpatient care starts a
lapse within 90 days, against about 60% within 3 months after any completed treatment (Hunt et al.
1971 in seed 001 l.1090-1096; not inpatient care in particular).

Why a property of the configuration and not of a run: a run's tables do not hold what the check
needs. A patient's first lapse is not recorded (only no-shows during a lapse are), nor is the
personal lapse hazard, and a new patients.csv column would change the tables, which issue 9 does
not allow. The check was therefore computed by drawing 4000 extra patient profiles through the
model's random streams, a calibration target reaching back into the model's runtime. It is now
an expectation over the configured population, computed with the population's own definition of
the lapse hazard (`sim.population.lapse_onset_per_day`) by Gauss-Hermite quadrature: a pure,
exact function of the config, the same for every seed and replication, drawing nothing. A lapse
path that starts sober has a first sober spell exponential with the personal hazard (sim/paths.py),
so the chance of a lapse within `days` is 1 - exp(-hazard x days); patients using at referral
(`craving.using_at_referral_share`) start in a lapse and are not in this chance.

Once the tables record each patient's first lapse (a `first_lapse_date` column, issue 11), the
check can be counted from what a run produced.
"""

from __future__ import annotations

import math

import numpy as np

from sim.config import RunConfig
from sim.population import lapse_onset_per_day

NODES = 64  # Gauss-Hermite nodes: exact to far below the check's tolerance of 0.20


def relapse_within(cfg: RunConfig, days: int) -> float:
    """Chance that a patient referred from inpatient care starts a lapse within `days` of referral."""
    z, weights = np.polynomial.hermite_e.hermegauss(NODES)  # weight exp(-z^2 / 2)
    weights = weights / math.sqrt(2 * math.pi)  # the standard normal
    craving = cfg.behaviour.craving
    chance = [1 - math.exp(-lapse_onset_per_day(craving, float(x), from_inpatient=True) * days) for x in z]
    return float(np.dot(weights, chance))
