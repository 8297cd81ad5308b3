"""Fit the free behavioural parameters to a table of targets: the Østfold 2005 targets here, a
trust's own records from `python3 -m sim.records fit` (sim/records/fit.py, with its own free set).

    python3 -m sim.calibration [--replications 8] [--max-iterations 12] [--dry-run]

Free parameters: the decision intercept (overall no-show level), one log-odds term per site for
differences the sources do not explain (kept small by a prior, so documented causes - waits,
travel, capacity, population - explain what they can first), the chance of quitting after a miss
and the mean course length (together: courses ended by stopping to come), the bookable slots per
FTE-day (the 2005 planned consultations include slots later cancelled and overbooking, which the
record does not give) and one factor on every site's referrals (together: planned volume and
consultations per FTE). The share of missed time refilled with other work is then solved exactly
for the real loss. Every evaluation uses the same replications (common random numbers), so the
objective changes only through the parameters.

Writes `fit.csv` and `fitted.yaml` to the output folder and, unless --dry-run, the same fitted
values to `scenarios/fitted/<clinic>.yaml` (sim/calibration/fitted.py), a config group the baseline selects
after the hand-written clinic and behaviour files; those keep their starting values untouched.
It then rewrites the calibrated values in docs/evidence.md from the same values
(sim/calibration/evidence_block.py).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from sim.config.command_line import fail
from sim.config.compose import load_config
from sim.config import RunConfig
from sim.files import OutputError, write_all_or_nothing
from sim.calibration.evidence_block import EVIDENCE, MissingBlock, write_fitted_block
from sim.calibration.fitted import FOLDER, fitted_text, fitted_values
from sim.calibration.free import Free, ostfold_2005
from sim.results.output import _git_commit as git_commit
from sim.study.replicate import replicate
from sim.calibration.targets import load_targets, metrics

STEP = 0.2  # finite-difference step of every parameter (log-odds, share or log-factor)


class Calibration:
    """The free parameters (sim/calibration/free.py), how they map onto a config, and the
    objective: each fitted target's misfit over its tolerance, and the site terms' priors.

    `targets`: a table of targets (`load_targets`; default the Østfold 2005 file), its rows named
    by clinic and metric (sim/calibration/targets.py); `free`: the parameters of `base` to fit
    (default the Østfold 2005 set)."""

    def __init__(self, base: RunConfig, replications: int, targets: pd.DataFrame | None = None,
                 free: Callable[[RunConfig], list[Free]] = ostfold_2005, n_jobs: int = -1):
        self.base, self.replications, self.n_jobs = base, replications, n_jobs
        self.sites = list(base.clinic.sites)
        self.free = free(base)
        self.targets = load_targets() if targets is None else load_targets(targets)
        self.fitted = self.targets[self.targets.kind == "fitted"]  # "solved" rows: after the fit
        self.evaluations, self.result = 0, None  # the optimiser's result, once fitted
        # By point: its mean metrics and residuals, simulated once (the fit's own point is reused)
        self._evaluated: dict[tuple, tuple[dict, np.ndarray]] = {}

    def start(self) -> np.ndarray:
        """Parameters as changes from the base config, all of order 1 (one step size suits all)."""
        return np.array([p.start for p in self.free])

    def bounds(self):
        return [p.low for p in self.free], [p.high for p in self.free]

    def config(self, theta: np.ndarray) -> RunConfig:
        cfg = copy.deepcopy(self.base)
        for parameter, value in zip(self.free, theta):
            parameter.apply(cfg, float(value))
        return cfg

    def simulate(self, theta: np.ndarray) -> dict:
        """The mean metrics at `theta` (a copy: the caller may change it)."""
        return dict(self._evaluate(theta)[0])

    def jacobian(self, theta: np.ndarray) -> np.ndarray:
        """Forward differences with a fixed step of STEP: large enough to stay above the noise
        that a finite run leaves even with common random numbers."""
        f0 = self.residuals(theta)
        upper = self.bounds()[1]
        columns = []
        for i in range(theta.size):
            h = STEP if theta[i] + STEP <= upper[i] else -STEP
            shifted = theta.copy()
            shifted[i] += h
            columns.append((self.residuals(shifted) - f0) / h)
        return np.column_stack(columns)

    def residuals(self, theta: np.ndarray) -> np.ndarray:
        return self._evaluate(theta)[1]

    def _evaluate(self, theta: np.ndarray) -> tuple[dict, np.ndarray]:
        key = _key(theta)
        if key not in self._evaluated:
            runs = replicate(self.config(theta), self.replications, metrics, self.n_jobs)
            simulated = {name: float(np.nanmean([r.get(name, np.nan) for r in runs]))
                         for name in runs[0]}
            self._evaluated[key] = simulated, self._residuals(theta, simulated)
        return self._evaluated[key]

    def _residuals(self, theta: np.ndarray, simulated: dict) -> np.ndarray:
        misfit = [(simulated.get((t.clinic, t.metric), np.nan) - t.value) / t.tolerance
                  for t in self.fitted.itertuples()]
        prior = [value / p.prior_sd for p, value in zip(self.free, theta) if p.prior_sd]
        # a metric a run could not give (no planned consultation there): no pull either way
        res = np.nan_to_num(np.array(misfit + prior), nan=0.0)
        self.evaluations += 1
        moved = "  ".join(f"{p.name.rsplit('.', 1)[-1]} {v:+.3f}"
                          for p, v in zip(self.free, theta) if not p.prior_sd)
        print(f"evaluation {self.evaluations:3d}: cost {0.5 * res @ res:8.3f}  no-show "
              f"{simulated.get(('all', 'no_show_rate'), np.nan):.3f}  {moved}", flush=True)
        return res


def _key(theta: np.ndarray) -> tuple:
    """A point as a cache key: rounded, so the optimiser's own copies of a point find it."""
    return tuple(np.round(theta, 12))


def refilled_share(cfg: RunConfig, simulated: dict, target_share: float) -> float:
    """The share of missed time refilled that gives the target real loss (exact: no feedback)."""
    wait, slot = cfg.clinic.wait_before_giving_up_minutes, cfg.clinic.slot_minutes
    idle_target = cfg.clinic.idle_minutes_per_no_show() * target_share / simulated[("all", "real_loss_share_of_work")]
    return float(np.clip(1 - (idle_target - wait) / (slot - wait), 0.0, 1.0))


def fit_table(targets: pd.DataFrame, simulated: dict) -> pd.DataFrame:
    table = targets.copy()
    table["simulated"] = [simulated.get((t.clinic, t.metric), np.nan) for t in table.itertuples()]
    table["within_tolerance"] = (table.simulated - table.value).abs() <= table.tolerance
    return table


def _check_arguments(args: argparse.Namespace) -> None:
    """Stop with one line before hours of fitting that could not be written or make no sense."""
    if args.replications < 1:
        fail(f"--replications = {args.replications}: must be at least 1")
    if args.max_iterations < 1:
        fail(f"--max-iterations = {args.max_iterations}: must be at least 1")
    for path in (args.out, *args.out.parents):
        if path.exists():
            if not path.is_dir():
                fail(f"--out = {args.out}: {'it' if path == args.out else path} is a file; give a folder")
            break


def _provenance(args: argparse.Namespace, cfg: RunConfig, cost: float, evaluations: int) -> dict:
    return {
        "command": f"python3 -m sim.calibration --replications {args.replications} --max-iterations {args.max_iterations}",
        "date": dt.date.today().isoformat(),
        "replications": f"{args.replications} (replications 0 to {args.replications - 1}, common random numbers)",
        "seed": cfg.seed,
        "commit": git_commit(),
        "cost": f"{cost:.3f} after {evaluations} evaluations",
    }


def fit(cal: Calibration, max_iterations: int) -> tuple[RunConfig, dict, float]:
    """The fitted config, its simulated metrics and the final cost."""
    result = least_squares(cal.residuals, cal.start(), jac=cal.jacobian, bounds=cal.bounds(),
                           ftol=1e-3, max_nfev=max_iterations)
    cfg = cal.config(result.x)
    simulated = cal.simulate(result.x)
    solved = cal.targets[cal.targets.metric == "real_loss_share_of_work"]
    if len(solved):  # optional: few trusts know their real loss
        idle_before = cfg.clinic.idle_minutes_per_no_show()
        cfg.clinic.missed_time_refilled_share = refilled_share(cfg, simulated,
                                                               solved.value.iloc[0])
        for key in [k for k in simulated if k[1] == "real_loss_share_of_work"]:
            # refilling does not feed back on behaviour
            simulated[key] *= cfg.clinic.idle_minutes_per_no_show() / idle_before
    cal.result = result
    return cfg, simulated, float(result.cost)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m sim.calibration",
                                     description="Fit the baseline to the Østfold 2005 targets.")
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--max-iterations", type=int, default=12, help="optimiser steps; each costs one evaluation per parameter plus one")
    parser.add_argument("--out", type=Path, default=Path("outputs/calibration") / dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S"))
    parser.add_argument("--dry-run", action="store_true", help="write the fit to --out only; leave scenarios/fitted/ alone")
    args = parser.parse_args(argv)
    _check_arguments(args)

    cal = Calibration(load_config(["charts=false"]), args.replications)
    cfg, simulated, cost = fit(cal, args.max_iterations)
    text = fitted_text(fitted_values(cfg), _provenance(args, cfg, cost, cal.evaluations))
    table = fit_table(cal.targets, simulated)

    def write(folder: Path) -> None:
        table.to_csv(folder / "fit.csv", index=False)
        (folder / "fitted.yaml").write_text(text, encoding="utf-8")

    try:
        write_all_or_nothing(args.out, write)
    except OutputError as error:
        fail(f"--out = {args.out}: {error}")
    print(table[["target", "value", "tolerance", "simulated", "within_tolerance"]].to_string(index=False))
    print(f"fit written to {args.out}")
    if not args.dry_run:
        target = FOLDER / f"{cfg.clinic.name}.yaml"
        try:  # whole or not at all: Hydra reads this file in every run
            write_all_or_nothing(FOLDER, lambda staging: (staging / target.name).write_text(text, encoding="utf-8"))
        except OutputError as error:
            fail(str(error))
        print(f"fitted values written to {target}")
        try:  # the calibrated values in the docs, from the same values (cannot go stale)
            write_fitted_block(cfg, EVIDENCE)
        except (OutputError, MissingBlock) as error:
            fail(f"{EVIDENCE}: {error}")
        print(f"calibrated values written to {EVIDENCE}")

