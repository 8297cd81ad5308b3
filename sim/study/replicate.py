"""Run replications of one configuration in parallel on all local cores."""

from __future__ import annotations

from typing import Callable, TypeVar

from sim.config import RunConfig
from sim.simulate import Results
from sim.study.many import measure_each, with_settings

T = TypeVar("T")


def with_replication(cfg: RunConfig, replication: int) -> RunConfig:
    return with_settings(cfg, {"replication": replication})


def replicate(cfg: RunConfig, replications: int, measure: Callable[[Results], T], n_jobs: int = -1) -> list[T]:
    """`measure` applied to replications 0..n-1 of `cfg` (common random numbers across configs)."""
    return measure_each((with_replication(cfg, r) for r in range(replications)), measure, n_jobs)
