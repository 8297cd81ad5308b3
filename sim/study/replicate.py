"""Run replications of one configuration in parallel on all local cores."""

from __future__ import annotations

import copy
from typing import Callable, TypeVar

from joblib import Parallel, delayed

from sim.config import RunConfig
from sim.simulate import Results, simulate

T = TypeVar("T")


def with_replication(cfg: RunConfig, replication: int) -> RunConfig:
    changed = copy.deepcopy(cfg)
    changed.replication = replication
    return changed


def _run(cfg: RunConfig, measure: Callable[[Results], T]) -> T:
    return measure(simulate(cfg))


def replicate(cfg: RunConfig, replications: int, measure: Callable[[Results], T], n_jobs: int = -1) -> list[T]:
    """`measure` applied to replications 0..n-1 of `cfg` (common random numbers across configs)."""
    jobs = (delayed(_run)(with_replication(cfg, r), measure) for r in range(replications))
    return Parallel(n_jobs=n_jobs)(jobs)
