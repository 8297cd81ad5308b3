"""Wall time and speed-up of a sweep of 8 policies x 10 replications of the baseline year, on 1, 2
and all workers, and what it predicts for bigger machines.

Runs the same `python run.py -m ...` sweep with the project's launcher (hydra/launcher=parallel)
on 1, 2 and every core, into fresh temporary folders, and checks that all end in the same
comparison.csv. Prints each sweep's wall time, runs per minute and speed-up over one worker;
the work done serially per run in the launching process (the launcher logs it), which bounds the
speed-up however many cores there are, and the serial work once per sweep (start-up, the check of
each scenario, the comparison at the end: the wall time outside the launcher); and the speed-up
these predict for 16 and 64 cores, for this sweep, for the issue's 64 runs (8 policies x 8
replications) and for the sizes of the shipped experiments (240 and 690 runs):
(F + u + N r) / (F + u + N (s + r / n)), with N runs, r a run's time on one worker, s the serial
work per run, F the serial work per sweep and u a worker's start-up (its imports before its first
run: every worker pays it at once, so it does not shrink with more cores). r and u come from two
sweeps on one worker, of 8 runs and of N: their launchers took u + 8 r and u + N r.
Per-run charts are off, as in experiment=policy_comparison.
Run:  python benchmarks/bench_sweep.py [--replications 10]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ["baseline", "sms_reminder", "letter_reminder", "phone_reminder", "double_sms",
            "no_show_fee", "no_visit_fee", "short_wait"]
EXPERIMENTS = {240: "experiment=policy_comparison", 690: "experiment=single_levers"}  # runs of the year each
LAUNCHER = re.compile(r"Launcher: \d+ jobs in ([\d.]+) s; the launching process worked ([\d.]+) ms per job")


def sweep(workers: int, replications: int, folder: Path) -> tuple[float, float, float]:
    """Wall seconds of one sweep, of its launcher, and the launcher's serial work per run."""
    command = [sys.executable, "run.py", "-m", f"policy={','.join(POLICIES)}",
               f"replication=range({replications})", "charts=false", f"hydra.sweep.dir={folder}",
               "hydra/launcher=parallel", f"hydra.launcher.n_jobs={workers}"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: the sweep on {workers} worker(s) failed:\n{result.stderr[-2000:]}")
    launcher = LAUNCHER.search(result.stdout + result.stderr)
    if not launcher:
        sys.exit("error: the launcher's line (jobs, seconds, work per job) is not in the log")
    return seconds, float(launcher.group(1)), float(launcher.group(2)) / 1000


def run_and_start_up(launcher_s: float, runs: int, folder: Path) -> tuple[float, float]:
    """A run's time on one worker and the worker's start-up, from the launcher's time for `runs`
    runs (`launcher_s`) and, measured here, for one replication (8 runs)."""
    if runs <= len(POLICIES):
        return launcher_s / runs, 0.0  # one size only: the start-up is counted in the runs
    small = sweep(1, 1, folder)[1]
    run = (launcher_s - small) / (runs - len(POLICIES))
    return run, max(small - len(POLICIES) * run, 0.0)


def predicted(runs: int, run: float, serial: float, fixed: float, cores: int) -> float:
    return (fixed + runs * run) / (fixed + runs * (serial + run / cores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=10, help="replications per policy")
    args = parser.parse_args()
    runs, cores = len(POLICIES) * args.replications, os.cpu_count() or 1
    print(f"Sweep: {len(POLICIES)} policies x {args.replications} replications = {runs} runs of the "
          f"baseline year (365 warm-up + 365 counted days); {cores} cores")
    load = os.getloadavg()[0]
    print(f"Load average before: {load:.2f}" + ("  (other work shares the cores: timings are pessimistic)"
                                                if load > 1 else ""))
    print(f"{'workers':>7} {'wall s':>8} {'runs/min':>9} {'speed-up':>9} {'serial ms/run':>14}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    try:
        times, launches, serials, tables = {}, {}, {}, {}
        for workers in dict.fromkeys([1, 2, cores]):
            folder = tmp / f"workers-{workers}"
            times[workers], launches[workers], serials[workers] = sweep(workers, args.replications, folder)
            tables[workers] = pd.read_csv(folder / "comparison.csv")
            print(f"{workers:>7} {times[workers]:>8.1f} {60 * runs / times[workers]:>9.1f} "
                  f"{times[1] / times[workers]:>8.2f}x {1000 * serials[workers]:>14.1f}", flush=True)
        for workers, table in tables.items():
            pd.testing.assert_frame_equal(tables[1], table)
        print(f"All give the same comparison.csv ({tables[1].scenario.nunique()} scenarios, "
              f"{tables[1].n.min()} replications each).")
        run, start_up = run_and_start_up(launches[1], runs, tmp / "one-replication")
        serial, fixed = max(serials.values()), min(times[w] - launches[w] for w in times)
        print(f"A run on one worker: {run:.2f} s; a worker's start-up: {start_up:.2f} s; serial work "
              f"per run in the launching process: {1000 * serial:.1f} ms (the most seen); per sweep: {fixed:.2f} s")
        for n_runs, name in {runs: "this sweep", 64: "the issue's", **EXPERIMENTS}.items():
            print(f"Predicted speed-up of a sweep of {n_runs} runs ({name}): " + "; ".join(
                f"{n} cores {predicted(n_runs, run, serial, fixed + start_up, n):.1f}x" for n in (16, 64))
                + f" (runs alone: {predicted(n_runs, run, serial, 0, 16):.1f}x and "
                  f"{predicted(n_runs, run, serial, 0, 64):.1f}x)")
        print(f"Load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
