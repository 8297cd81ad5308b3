"""The runs behind the search: the baseline composed once, candidates built from it, many runs in
one call spread over local processes (sim/study/many.py), and the baseline's and the reference
policies' runs kept in the search folder, so that each is run once per replication.

Replication r of every candidate sees the same patients and chance events as replication r of
the baseline (common random numbers): the search uses replications 0..R-1, the check of the
recommendation replications from FRESH_FROM on, which the search never saw.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from sim.config import RunConfig
from sim.config.compose import load_config
from sim.files import write_all_or_nothing
from sim.optimise.measures import derived
from sim.optimise.space import candidate
from sim.study.many import simulate_many, with_settings

FRESH_FROM = 100_000  # first replication of the fresh runs (the search's are 0..replications-1)
BASELINE_RUNS = "baseline_runs.csv"
REFERENCE_RUNS = "reference_runs.csv"
BASELINE = "baseline"


class Runner:
    """Runs candidates (dotted settings over the baseline) on given replications."""

    def __init__(self, overrides: Sequence[str], fees: bool, processes: int):
        self.overrides = ["charts=false", *overrides]
        self.base = load_config(self.overrides)
        self.fees, self.processes = fees, processes
        clinic = self.base.clinic
        self.fte_hours = clinic.workday_hours * clinic.annual_working_days  # an FTE's hours a year
        self.seconds, self.count = 0.0, 0  # the runs made so far and their wall time

    def measured(self, rows: pd.DataFrame) -> pd.DataFrame:
        return derived(rows, self.base.horizon_days, self.fees, self.fte_hours)

    def run(self, candidates: Sequence[dict[str, Any]], replications: Sequence[int]) -> list[pd.DataFrame]:
        """Each candidate's summary rows (with the search's measures), indexed by replication."""
        configs = [_replicated(candidate(self.base, c), r) for c in candidates for r in replications]
        return self._split(configs, len(candidates), len(replications))

    def policy_config(self, name: str) -> RunConfig:
        return load_config([*self.overrides, f"policy={name}"])

    def run_policies(self, names: Sequence[str], replications: Sequence[int]) -> list[pd.DataFrame]:
        """Policy files (scenarios/policy/) on the same replications, each composed once."""
        bases = [self.policy_config(name) for name in names]
        configs = [_replicated(b, r) for b in bases for r in replications]
        runs = self._split(configs, len(names), len(replications))
        return [rows.assign(display_name_nb=b.policy.display_name["nb"],
                            display_name_en=b.policy.display_name["en"])
                for rows, b in zip(runs, bases)]

    def _split(self, configs: list[RunConfig], groups: int, size: int) -> list[pd.DataFrame]:
        started = time.monotonic()
        rows = self.measured(simulate_many(configs, n_jobs=self.processes))
        self.seconds += time.monotonic() - started  # for the estimate: wall time a run
        self.count += len(configs)
        return [rows.iloc[i * size:(i + 1) * size].set_index("replication") for i in range(groups)]

    def baseline(self, folder: Path, replications: Sequence[int]) -> pd.DataFrame:
        """The baseline's rows on `replications`, run once and kept in `folder`."""
        kept = _read(folder / BASELINE_RUNS)
        missing = [r for r in replications if kept is None or r not in set(kept.index)]
        if missing:
            new = self.run([{}], missing)[0]
            kept = new if kept is None else pd.concat([kept, new])
            _write(folder, BASELINE_RUNS, kept)
        return kept.loc[list(replications)]

    def references(self, folder: Path, names: Sequence[str], replications: Sequence[int]) -> dict:
        """Policy name -> its rows on `replications`, run once and kept in `folder`."""
        kept = _read(folder / REFERENCE_RUNS)
        done = set() if kept is None else set(kept.reference)
        todo = [n for n in names if n not in done]
        if todo:
            runs = self.run_policies(todo, replications)
            new = pd.concat([rows.assign(reference=name) for name, rows in zip(todo, runs)])
            kept = new if kept is None else pd.concat([kept, new])
            _write(folder, REFERENCE_RUNS, kept)
        return {name: kept[kept.reference == name] for name in names}


def _replicated(cfg: RunConfig, replication: int) -> RunConfig:
    return with_settings(cfg, {"replication": replication})


def _read(path: Path) -> pd.DataFrame | None:
    return pd.read_csv(path).set_index("replication") if path.is_file() else None


def _write(folder: Path, name: str, rows: pd.DataFrame) -> None:
    write_all_or_nothing(folder, lambda staging: rows.reset_index().to_csv(staging / name, index=False))
