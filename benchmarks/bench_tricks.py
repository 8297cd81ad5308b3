"""What each speed trick buys of the time a user waits for, against the public way, in one session.

The wait is the whole command `python3 run.py warmup_days=365 horizon_days=365 [scale=S]`
(imports, composing, the run, its files and charts), each time in a fresh process: with the code
as it is, and with each trick put back from benchmarks/removed_tricks.py (a trick kept would be
replaced by the public way instead). The variants take turns, so a busy machine slows them
alike; the best of the repeats is shown (the nearest to an idle machine). The trick's own step is
also timed in this process both ways (CPU seconds, the best of the repeats, steadier on a shared
machine). A trick is kept only where it buys more than 10% of the command's time
(docs/architecture.md, "Tricks kept"; the charts drawn in a forked process were measured at
commit 83eaf2e, where this script has them too).

Run:  python3 benchmarks/bench_tricks.py [--scale 1] [--repeats 5]
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
RUN = ["warmup_days=365", "horizon_days=365"]
NOW = ""  # the code as it is

# Each trick: the code run before run.py for (the trick, the public way); NOW for the code as is.
TRICKS = {
    "CSV written by hand (table_csv.py, removed) / DataFrame.to_csv":
        ("import removed_tricks as r; r.put_back_csv_writer()", NOW),
    "Philox state set through ctypes (streams.py, removed) / Philox.state":
        ("import removed_tricks as r; r.put_back_philox_ctypes()", NOW),
    "gc.freeze of the finished model (simulate.py, removed) / gc.collect":
        ("import removed_tricks as r; r.put_back_gc_freeze()", NOW),
    "SiteCounts.__deepcopy__ returns itself (model.py, removed) / a dict":
        ("import removed_tricks as r; r.put_back_site_counts()", NOW),
}
RUN_PY = ("import runpy, sys; sys.path[:0] = ['.', 'benchmarks']; {patch}; "
          "sys.argv = ['run.py', *sys.argv[1:]]; runpy.run_path('run.py', run_name='__main__')")


def command_seconds(patch: str, settings: list[str]) -> float:
    """Wall seconds of `python3 run.py ...` with `patch` run first (results to a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        code = RUN_PY.format(patch=patch or "pass")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *settings, f"hydra.run.dir={folder}/run"],
                       check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - start


def whole_command(settings: list[str], repeats: int, tricks: list[str]) -> dict[str, float]:
    """The best wall seconds of the command for each variant of `tricks` (NOW: the code as is)."""
    patches = [NOW, *(patch for name in tricks for patch in TRICKS[name] if patch != NOW)]
    times: dict[str, list[float]] = {patch: [] for patch in patches}
    for _ in range(repeats):
        for patch in patches:
            times[patch].append(command_seconds(patch, settings))
    return {patch: min(seconds) for patch, seconds in times.items()}


def best_of_both(with_trick, public_way, repeats: int) -> tuple[float, float]:
    """The best CPU seconds of each, the two measured in turn."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for measure, seconds in zip((with_trick, public_way), times):
            seconds.append(measure())
    return min(times[0]), min(times[1])


def cpu_seconds(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def swapped(owner, name: str, value, work):
    """`work()` with `owner.name` set to `value` meanwhile."""
    def run():
        kept = getattr(owner, name)
        setattr(owner, name, value)
        try:
            return work()
        finally:
            setattr(owner, name, kept)
    return run


def steps(settings: list[str], repeats: int) -> list[tuple[float, float]]:
    """Each trick's own step in this process: (CPU seconds with the trick, the public way)."""
    import removed_tricks as removed
    import sim.model
    import sim.simulate
    import sim.streams
    from sim.config.compose import load_config
    from sim.results.table_csv import write_table

    cfg = load_config([*settings, "charts=false"])
    results = sim.simulate.simulate(cfg)
    tables = (results.appointments, results.patients, results.waiting_list, results.summary)
    out = Path(tempfile.mkdtemp())

    def write(writer):
        return lambda: cpu_seconds(lambda: [writer(t, out / f"{i}.csv") for i, t in enumerate(tables)])

    def simulated() -> float:
        seconds = cpu_seconds(lambda: sim.simulate.simulate(cfg))
        gc.unfreeze()  # what the frozen variant set aside
        gc.collect()
        return seconds

    model = sim.model.AttendanceModel
    daily_series = model._daily_series

    def site_counts(self) -> dict:
        return {name: (lambda report: lambda m: removed.SiteCounts(report(m)))(report)
                for name, report in daily_series(self).items()}

    return [
        best_of_both(write(removed.write_table_by_hand), write(write_table), repeats),
        best_of_both(swapped(sim.streams.KeyedUniforms, "block", removed.block_through_ctypes, simulated),
                     simulated, repeats),
        best_of_both(swapped(sim.simulate, "gc", removed._FreezeInsteadOfCollect(), simulated),
                     simulated, repeats),
        best_of_both(swapped(model, "_daily_series", site_counts, simulated), simulated, repeats),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", default="", help="the tricks whose name holds this text, e.g. CSV")
    args = parser.parse_args()
    settings = [*RUN, f"scale={args.scale:g}"]
    tricks = [name for name in TRICKS if args.only in name]
    whole = whole_command(settings, args.repeats, tricks)
    print(f"python3 run.py {' '.join(settings)}: {whole[NOW]:.2f} s as the code is "
          f"(the best of {args.repeats})")
    print(f"{'trick / public way':<72} {'command s':>11} {'buys':>6} {'step CPU s':>13} {'buys':>6}")
    for name, step in zip(TRICKS, steps(settings, args.repeats)):
        if name not in tricks:
            continue
        command = whole[TRICKS[name][0]], whole[TRICKS[name][1]]
        print(f"{name:<72} {command[0]:>5.2f}/{command[1]:<5.2f} "
              f"{100 * (command[1] - command[0]) / whole[NOW]:>5.1f}% {step[0]:>6.3f}/{step[1]:<6.3f} "
              f"{100 * (step[1] - step[0]) / whole[NOW]:>5.1f}%")
    print("command s: the command's wall time with the trick / the public way; buys: the difference "
          "as a share\nof the command's time as the code is. step CPU s: the trick's own step with "
          "it / the public way;\nbuys: the difference as a share of the command's time as the code is")


if __name__ == "__main__":
    main()
