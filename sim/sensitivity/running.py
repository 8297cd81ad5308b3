"""Running a method's samples: every sample under the baseline and each policy, at the same
parameter values and replications (common random numbers, so the policy's effect is paired), many
runs to a process (`simulate_many`'s workers, or Ray tasks: sim/sensitivity/on_ray.py; no Hydra
per run). With a refit (sim/sensitivity/refit.py) each sample first refits the fitted parameters
at its values, in the process that then runs it. Finished samples are written in chunks to
`runs_<method>/` in the study folder (`chunk_<first sample>.csv`, and with a refit
`refit_<first sample>.csv`), each chunk all or nothing: a study that is stopped and started again
reads them back and runs only the samples not yet done."""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd
from joblib import Parallel, delayed

from sim.config import RunConfig
from sim.files import write_all_or_nothing
from sim.results.kpis import ALL
from sim.sensitivity.ranges import Uncertain
from sim.sensitivity.refit import Refit, free_parameters, refit, refit_rows, refitted_config
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
    refit: Refit | None = None  # refit the fitted parameters at each sample first
    executor: str = "local"  # or "ray": each chunk a Ray task
    address: str | None = None  # the Ray cluster to join (None: start one on this machine)

    @property
    def runs_per_sample(self) -> int:
        return len(self.configs) * self.replications

    def refit_runs(self) -> int:
        """The refit's runs per sample, at most (0 without a refit)."""
        if self.refit is None:
            return 0
        return self.refit.runs(len(free_parameters(self.configs[BASELINE])))

    def samples_per_chunk(self) -> int:
        """About RUNS_PER_CHUNK runs a chunk; a local refit gives each worker a sample."""
        per_chunk = max(1, RUNS_PER_CHUNK // (self.runs_per_sample + self.refit_runs()))
        if self.refit is not None and self.executor == "local":
            per_chunk = max(per_chunk, workers(self.n_jobs))
        return per_chunk

    def settings(self, sample: int) -> dict:
        row = self.samples.iloc[sample]
        return {p.path: p.fitted(row[p.path]) for p in self.params}


def workers(n_jobs: int) -> int:
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def finished(folder: Path, kind: str = "chunk") -> pd.DataFrame:
    """The runs already written to `folder` (empty if none); kind "refit": the refits."""
    chunks = sorted(folder.glob(f"{kind}_*.csv")) if folder.is_dir() else []
    if not chunks:
        return pd.DataFrame(columns=["sample", "policy", "replication", *KPIS])
    return pd.concat([pd.read_csv(path) for path in chunks], ignore_index=True)


def to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_batch(batch: Batch, say: Callable[[str], None] = to_stderr) -> pd.DataFrame:
    """Every run of `batch` (those already written read back, the rest run now)."""
    done = finished(batch.folder)
    todo = sorted(set(range(len(batch.samples))) - set(done["sample"].astype(int)))
    per_chunk = batch.samples_per_chunk()
    if done.size and todo:
        say(f"{batch.folder.name}: {len(batch.samples) - len(todo)} samples already done, "
            f"{len(todo)} to run")
    chunks = [todo[start:start + per_chunk] for start in range(0, len(todo), per_chunk)]
    started, frames, ran = time.monotonic(), [done] if len(done) else [], 0
    for chunk, (runs, refits) in ran_chunks(batch, chunks):
        write_chunk(batch.folder, chunk, runs, refits)
        frames.append(runs)
        ran += len(chunk)
        elapsed = time.monotonic() - started
        left = elapsed / ran * (len(todo) - ran)
        say(f"{batch.folder.name}: {ran}/{len(todo)} samples ({ran * batch.runs_per_sample} runs"
            f"{' after their refits' if batch.refit else ''}) in {clock(elapsed)}, "
            f"about {clock(left)} left")
    runs = pd.concat(frames, ignore_index=True).astype({"sample": int, "replication": int})
    return runs.sort_values(["sample", "policy", "replication"]).reset_index(drop=True)


def ran_chunks(batch: Batch, chunks: list[list[int]]) -> Iterator[tuple[list[int], tuple]]:
    """Each chunk with its (runs, refits), as they finish: here, or as Ray tasks."""
    if batch.executor == "ray":
        from sim.sensitivity.on_ray import on_ray

        jobs = [[(sample, batch.settings(sample)) for sample in chunk] for chunk in chunks]
        num_cpus = None if batch.address else workers(batch.n_jobs)
        shared = (batch.configs, batch.replications, batch.refit)
        for index, result in on_ray(run_samples, shared, jobs, batch.address, num_cpus):
            yield chunks[index], result
        return
    for chunk in chunks:
        yield chunk, run_chunk(batch, chunk)


def run_chunk(batch: Batch, chunk: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the samples in `chunk` under every policy and replication, on local processes."""
    jobs = [(sample, batch.settings(sample)) for sample in chunk]
    shared = (batch.configs, batch.replications, batch.refit)
    if batch.refit is None or batch.n_jobs == 1:
        return run_samples(shared, jobs, batch.n_jobs)
    # a refit is a chain of runs: each worker refits and runs a sample of its own
    parts = Parallel(n_jobs=batch.n_jobs)(delayed(run_samples)(shared, [job]) for job in jobs)
    return (pd.concat([runs for runs, _ in parts], ignore_index=True),
            pd.concat([refits for _, refits in parts], ignore_index=True))


def run_samples(shared: tuple, jobs: list[tuple[int, dict]],
                n_jobs: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The runs (and refits) of `jobs`, (sample, settings) each, in this process (a refit, or a
    Ray task) or without a refit spread over `n_jobs` local processes; `shared`: the configs,
    replications and refit. A module function: picklable for joblib and Ray."""
    configs, replications, effort = shared
    labels, runs, refits = [], [], []
    for sample, settings in jobs:
        sampled = {policy: with_settings(base, settings) for policy, base in configs.items()}
        if effort is not None:
            refitted = refit(sampled[BASELINE], effort)
            refits += refit_rows(sample, refitted)
            sampled = {p: refitted_config(cfg, refitted) for p, cfg in sampled.items()}
        for policy, cfg in sampled.items():
            for replication in range(replications):
                labels.append({"sample": sample, "policy": policy, "replication": replication})
                runs.append(with_settings(cfg, {"replication": replication}))
    rows = measure_each(runs, kpis_of, n_jobs)
    return (pd.DataFrame([{**label, **row} for label, row in zip(labels, rows)]),
            pd.DataFrame(refits))


def write_chunk(folder: Path, chunk: list[int], runs: pd.DataFrame,
                refits: pd.DataFrame) -> None:
    """The chunk's runs and, with a refit, its refitted values: together or not at all."""
    name = f"{chunk[0]:06d}.csv"

    def write(staging: Path) -> None:
        runs.to_csv(staging / f"chunk_{name}", index=False)
        if len(refits):
            refits.to_csv(staging / f"refit_{name}", index=False)

    write_all_or_nothing(folder, write)


def clock(seconds: float) -> str:
    """A duration as a person reads it: 45 s, 12 min, 2 h 5 min."""
    if not math.isfinite(seconds):
        return "unknown"
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"
