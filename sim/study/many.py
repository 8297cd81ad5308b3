"""Many runs in one call, without Hydra: configurations or replications in one process, or
spread over local cores, each on the compiled engine.

    from sim.study.many import simulate_many, with_settings
    base = load_config(["policy=sms_reminder"])  # composed once
    cfgs = [with_settings(base, {"replication": r, "behaviour.forgetting.base_probability": p})
            for r in range(30) for p in (0.05, 0.11, 0.2)]
    rows = simulate_many(cfgs)  # one summary row per run ("all" clinics), with its settings

For sensitivity analysis and the policy search, which need thousands of runs of a tenth of a
second: composing each with Hydra would cost more than the run.
"""

from __future__ import annotations

import copy
from typing import Callable, Iterable, TypeVar

import pandas as pd
from joblib import Parallel, delayed

from sim.config import ConfigError, RunConfig, check_ranges
from sim.results.kpis import ALL
from sim.simulate import Results, simulate

T = TypeVar("T")


def with_settings(cfg: RunConfig, settings: dict) -> RunConfig:
    """A copy of `cfg` with dotted settings changed (e.g. "behaviour.decision.lapse": 1.2), each
    checked against its range: one line naming the field, as on the command line."""
    changed = copy.deepcopy(cfg)
    for path, value in settings.items():
        *parents, name = path.split(".")
        node = changed
        for part in parents:
            node = node[part] if isinstance(node, dict) else getattr(node, part, None)
            if node is None:
                raise ConfigError(f"{path}: no such setting")
        if isinstance(node, dict) or not hasattr(node, name):
            raise ConfigError(f"{path}: no such setting")
        setattr(node, name, value)
    check_ranges(changed)
    return changed


def summary_row(results: Results) -> dict:
    """The run's key figures over all clinics (the summary's "all" row)."""
    return results.summary.set_index("clinic").loc[ALL].to_dict()


def simulate_many(configs: Iterable[RunConfig], measure: Callable[[Results], dict] = summary_row,
                  n_jobs: int = 1) -> pd.DataFrame:
    """`measure` of each config's run, one row each, with the run's policy, seed and replication
    (`n_jobs`: local processes; -1 all cores, each given many runs at a time)."""
    return pd.DataFrame(measure_each(configs, _Labelled(measure), n_jobs))


def measure_each(configs: Iterable[RunConfig], measure: Callable[[Results], T],
                 n_jobs: int = 1) -> list[T]:
    """`measure` of each config's run, in order: in this process (`n_jobs` 1), or spread over
    local processes (-1: all cores), each given many runs at a time."""
    if n_jobs == 1:
        return [measure(simulate(cfg)) for cfg in configs]
    return Parallel(n_jobs=n_jobs, batch_size="auto")(
        delayed(_measured)(cfg, measure) for cfg in configs)


def _measured(cfg: RunConfig, measure: Callable[[Results], T]) -> T:
    return measure(simulate(cfg))


class _Labelled:
    """A measure whose row also names the run's policy, seed and replication (picklable, for
    the worker processes)."""

    def __init__(self, measure: Callable[[Results], dict]):
        self.measure = measure

    def __call__(self, results: Results) -> dict:
        cfg = results.cfg
        return {"policy": cfg.policy.name, "seed": cfg.seed, "replication": cfg.replication,
                **self.measure(results)}
