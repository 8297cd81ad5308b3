"""Wall time of a sweep of 8 policies x 10 replications of the baseline year, one core vs all cores.

Runs the same `python run.py -m ...` sweep twice, into fresh temporary folders: with Hydra's basic
launcher (jobs one after another in one process) and with the joblib launcher (one worker process
per core). Prints the wall time of each, jobs per minute and the speed-up, and checks that both
end in the same comparison.csv. Per-run charts are off, as in experiment=policy_comparison.
Run:  python benchmarks/bench_sweep.py [--replications 10]
"""

import argparse
import os
import resource
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
LAUNCHERS = {
    "basic": [],
    "joblib": ["hydra/launcher=joblib", "hydra.launcher.n_jobs=-1"],
}


def sweep(launcher: str, replications: int, folder: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (of every process the sweep started) of one sweep."""
    command = [sys.executable, "run.py", "-m", f"policy={','.join(POLICIES)}",
               f"replication=range({replications})", "charts=false",
               f"hydra.sweep.dir={folder}", *LAUNCHERS[launcher]]
    before = _cpu_seconds()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: the {launcher} sweep failed:\n{result.stderr[-2000:]}")
    return seconds, _cpu_seconds() - before


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=10, help="replications per policy")
    args = parser.parse_args()
    jobs = len(POLICIES) * args.replications
    print(f"Sweep: {len(POLICIES)} policies x {args.replications} replications = {jobs} runs of the "
          f"baseline year (365 warm-up + 365 counted days); {os.cpu_count()} cores")
    load = os.getloadavg()[0]
    print(f"Load average before: {load:.2f}" + ("  (other work shares the cores: timings are pessimistic)"
                                                if load > 1 else ""))
    print(f"{'launcher':<8} {'wall s':>8} {'runs/min':>9} {'speed-up':>9} {'cores busy':>11}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    try:
        times, tables = {}, {}
        for launcher in LAUNCHERS:
            folder = tmp / launcher
            times[launcher], cpu = sweep(launcher, args.replications, folder)
            tables[launcher] = pd.read_csv(folder / "comparison.csv")
            speed_up = times["basic"] / times[launcher]
            print(f"{launcher:<8} {times[launcher]:>8.1f} {60 * jobs / times[launcher]:>9.1f} "
                  f"{speed_up:>8.2f}x {cpu / times[launcher]:>11.2f}", flush=True)
        pd.testing.assert_frame_equal(tables["basic"], tables["joblib"])
        n = tables["basic"].n
        print(f"Both launchers give the same comparison.csv ({tables['basic'].scenario.nunique()} "
              f"scenarios, {n.min()} replications each).")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"Peak memory of one process (the basic launcher runs all {jobs} in one): {peak:.0f} MB")
        print(f"Load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
