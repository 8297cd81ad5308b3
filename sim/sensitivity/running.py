"""Running a method's samples: every sample under the baseline and each policy, at the same
parameter values and replications (common random numbers, so the policy's effect is paired), many
runs to a process (`simulate_many`'s workers; no Hydra per run). Finished samples are written in
chunks to `runs_<method>/` in the study folder, each all or nothing: a study that is stopped and
started again reads them back and runs only the samples not yet done."""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from sim.config import RunConfig
from sim.files import write_all_or_nothing
from sim.results.kpis import ALL
from sim.sensitivity.ranges import Uncertain
from sim.study.many import measure_each, with_settings

# The key figures each run gives (defined in sim/results/kpis.py): the no-show rate first.
KPIS = ["no_show_rate", "real_loss_hours", "mean_days_referral_to_first_treatment"]
BASELINE = "baseline"
RUNS_PER_CHUNK = 64  # a chunk's runs are written together: a few seconds of work on two cores


def kpis_of(results) -> dict:
    """The study's key figures of one run, over all clinics (a module function: picklable)."""
    row = results.summary.set_index("clinic").loc[ALL]
    return {kpi: float(row[kpi]) for kpi in KPIS}


@dataclass
class Batch:
    """One method's samples and how to run them."""
    folder: Path  # runs_<method>/ in the study folder
    samples: pd.DataFrame  # one row a sample; a column per uncertain parameter (and labels)
    params: list[Uncertain]
    configs: dict[str, RunConfig]  # the baseline and each policy, each composed once
    replications: int
    n_jobs: int = 1

    @property
    def runs_per_sample(self) -> int:
        return len(self.configs) * self.replications

    def settings(self, sample: int) -> dict:
        row = self.samples.iloc[sample]
        return {p.path: p.fitted(row[p.path]) for p in self.params}


def finished(folder: Path) -> pd.DataFrame:
    """The runs already written to `folder` (empty if none)."""
    chunks = sorted(folder.glob("chunk_*.csv")) if folder.is_dir() else []
    if not chunks:
        return pd.DataFrame(columns=["sample", "policy", "replication", *KPIS])
    return pd.concat([pd.read_csv(path) for path in chunks], ignore_index=True)


def to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_batch(batch: Batch, say: Callable[[str], None] = to_stderr) -> pd.DataFrame:
    """Every run of `batch` (those already written read back, the rest run now)."""
    done = finished(batch.folder)
    todo = sorted(set(range(len(batch.samples))) - set(done["sample"].astype(int)))
    per_chunk = max(1, RUNS_PER_CHUNK // batch.runs_per_sample)
    if done.size and todo:
        say(f"{batch.folder.name}: {len(batch.samples) - len(todo)} samples already done, "
            f"{len(todo)} to run")
    started, frames = time.monotonic(), [done] if len(done) else []
    for start in range(0, len(todo), per_chunk):
        chunk = todo[start:start + per_chunk]
        frames.append(run_chunk(batch, chunk))
        ran = start + len(chunk)
        elapsed = time.monotonic() - started
        left = elapsed / ran * (len(todo) - ran)
        say(f"{batch.folder.name}: {ran}/{len(todo)} samples ({ran * batch.runs_per_sample} runs) "
            f"in {clock(elapsed)}, about {clock(left)} left")
    runs = pd.concat(frames, ignore_index=True).astype({"sample": int, "replication": int})
    return runs.sort_values(["sample", "policy", "replication"]).reset_index(drop=True)


def run_chunk(batch: Batch, chunk: list[int]) -> pd.DataFrame:
    """Run the samples in `chunk` under every policy and replication; write them as one file."""
    labels, configs = [], []
    for sample in chunk:
        settings = batch.settings(sample)
        for policy, base in batch.configs.items():
            for replication in range(batch.replications):
                labels.append({"sample": sample, "policy": policy, "replication": replication})
                configs.append(with_settings(base, {**settings, "replication": replication}))
    rows = measure_each(configs, kpis_of, batch.n_jobs)
    frame = pd.DataFrame([{**label, **row} for label, row in zip(labels, rows)])
    name = f"chunk_{chunk[0]:06d}.csv"
    write_all_or_nothing(batch.folder, lambda staging: frame.to_csv(staging / name, index=False))
    return frame


def clock(seconds: float) -> str:
    """A duration as a person reads it: 45 s, 12 min, 2 h 5 min."""
    if not math.isfinite(seconds):
        return "unknown"
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"
