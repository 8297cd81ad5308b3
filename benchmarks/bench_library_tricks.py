"""What each way of reaching into Hydra, joblib or Python buys in the time a user waits for.

Three waits are timed, wall seconds of a fresh process each (the least of `--repeat` tries):
  single    python3 run.py warmup_days=120 horizon_days=120
  precheck  the check of `python3 run.py -m experiment=single_levers` up to its first job
            (check_command_line, in a process that then ends)
  sweep     python3 run.py -m policy=baseline,sms_reminder,letter_reminder replication=0,1
            warmup_days=60 horizon_days=60 charts=false (6 jobs, end to end)
Each trick is switched off alone (a few lines run before run.py, below), and the ratio of the
time with it switched off to the time with everything as shipped is printed: 1.25 means the
trick saves a fifth of the wait. The processor time of the processes (user and system, workers
included) is printed too: on a shared machine it moves less than the wall time; and so are two
figures read inside the launching process (medians): the seconds Hydra spends composing there,
with and without the composition done once, and those from its last exit handler to its end. `--tree DIR` times another checkout of the project (e.g. the
commit before a change: `git archive COMMIT | tar -x -C DIR`) against this one, then each of its
tricks too; `--only WORDS` times only the tricks whose name holds them.
Run:  python3 benchmarks/bench_library_tricks.py [--repeat 3] [--tree DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWEEP = ["-m", "policy=baseline,sms_reminder,letter_reminder", "replication=0,1",
         "warmup_days=60", "horizon_days=60", "charts=false"]
WAITS = {
    "single": ["warmup_days=120", "horizon_days=120"],
    "precheck": ["-m", "experiment=single_levers"],
    "sweep": SWEEP,
}
# Run before run.py, in its process: each switches one trick off, in the trees that have it.
COMPOSED = "composed once (hydra.main composes twice more)"
OFF = {
    "composed once (hydra.main composes twice more)": (
        ["single", "sweep"],
        "import sim.config.command_line as c; check = c.check_command_line\n"
        "def unplanned(args):\n    plan = check(args); plan.config = None; return plan\n"
        "c.check_command_line = unplanned"),
    "each config file read once": (  # in the pre-check; before 2026-12, in the workers too
        ["precheck", "sweep"],
        "import contextlib\n"
        "try:\n    import sim.config.read_once as r; r.read_files_once = lambda loader: False\n"
        "except ImportError:\n"
        "    import sim.internals as i; i.files_read_once = lambda l: contextlib.nullcontext()"),
    "the end without tearing down (atexit, os._exit)": (
        ["single", "sweep"],
        "import sys, sim.study.sweep as s; s.end_launching_process = lambda: sys.exit(0)"),
    "workers forked, not spawned": (
        ["sweep"],
        "import multiprocessing as mp, sim.study.launcher as l\n"
        "if hasattr(l, 'worker_context'): l.worker_context = lambda: mp.get_context('spawn')\n"
        "else: mp.set_start_method('spawn', force=True)"),
    "the sweeper does not compose each job first": (
        ["sweep"], "SWEEPER"),
}
BASIC = "hydra.sweeper._target_=hydra._internal.core_plugins.basic_sweeper.BasicSweeper"
# Two figures read inside the launching process, which move less than a wall time: the seconds
# Hydra spends composing there, and those from its last exit handler to its end (the tear-down).
CLOCKED = (
    "import atexit, sys, time\nfrom hydra._internal.hydra import Hydra\nspent = [0.0, 0]\n"
    "compose = Hydra.compose_config\n"
    "def timed(self, *args, **kwargs):\n    start = time.perf_counter()\n"
    "    try:\n        return compose(self, *args, **kwargs)\n"
    "    finally:\n        spent[0] += time.perf_counter() - start; spent[1] += 1\n"
    "Hydra.compose_config = timed\n"
    "atexit.register(lambda: sys.stderr.write(f'CLOCKED {spent[0]} {spent[1]} {time.time()}\\n'))\n")


def command(wait: str, folder: Path, prelude: str = "") -> list[str]:
    """The command of one wait; `prelude` runs in its process first."""
    args = list(WAITS[wait])
    if prelude == "SWEEPER":
        prelude, args = "", args + [BASIC]
    args.append(f"hydra.{'sweep' if '-m' in args else 'run'}.dir={folder}")
    if wait == "precheck":
        tail = ("from sim.config.command_line import check_command_line\n"
                f"assert check_command_line({args!r}).problem is None")
    else:
        tail = f"import runpy, sys\nsys.argv = ['run.py', *{args!r}]\nrunpy.run_path('run.py', run_name='__main__')"
    return [sys.executable, "-c", prelude + "\n" + tail]


def seconds(tree: Path, wait: str, prelude: str) -> tuple[float, float]:
    """Wall seconds of one try, into a fresh folder, and the processor seconds of its processes."""
    with tempfile.TemporaryDirectory() as tmp:
        cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command(wait, Path(tmp) / "out", prelude), cwd=tree,
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(tree)})
        took = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"error: {wait} in {tree} failed:\n{done.stderr[-1500:]}")
    return took


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def clocked(tree: Path, wait: str, prelude: str, repeat: int) -> str:
    """The median seconds composing in the launching process, and from its last exit handler to
    its end, of `repeat` tries (with `prelude` run first)."""
    composing, ending = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(command(wait, Path(tmp) / "out", CLOCKED + prelude), cwd=tree,
                                  capture_output=True, text=True,
                                  env={**os.environ, "PYTHONPATH": str(tree)})
            end = time.time()
        line = [row for row in done.stderr.splitlines() if row.startswith("CLOCKED")][-1].split()
        composing.append(float(line[1]))
        ending.append(end - float(line[3]))
    return (f"{wait}: composing {statistics.median(composing):.2f} s ({line[2]} times), "
            f"the end {statistics.median(ending):.2f} s")


def compared(tree: Path, wait: str, prelude: str, repeat: int, other: Path | None = None) -> str:
    """The least wall and processor seconds as shipped, and with `prelude` run first (or in the
    `other` tree), over `repeat` tries of each taken in turn (the machine is shared: both see the
    same load); and the ratios, the second over the first."""
    shipped, off = [float("inf")] * 2, [float("inf")] * 2
    for _ in range(repeat):
        shipped = [min(pair) for pair in zip(shipped, seconds(other or tree, wait, ""))]
        off = [min(pair) for pair in zip(off, seconds(tree, wait, prelude))]
    return (f"{wait} {shipped[0]:.2f} -> {off[0]:.2f} s ({off[0] / shipped[0]:.2f}x; processor time "
            f"{shipped[1]:.2f} -> {off[1]:.2f} s, {off[1] / shipped[1]:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="another checkout of the project to time too")
    parser.add_argument("--only", help="time only the tricks whose name holds this")
    options = parser.parse_args()
    for tree in options.tree:
        print(f"{tree} -> this tree, as shipped:", flush=True)
        for wait in WAITS:
            print(f"  {compared(ROOT, wait, '', options.repeat, tree)}", flush=True)
    for tree in [*options.tree, ROOT]:
        print(f"\n{tree}", flush=True)
        for wait in ("single", "sweep"):
            print(f"  as shipped, {clocked(tree, wait, '', options.repeat)}; without composing once, "
                  f"{clocked(tree, wait, OFF[COMPOSED][1], options.repeat).split(': ', 1)[1]}",
                  flush=True)
        for trick, (waits, prelude) in OFF.items():
            if options.only and options.only not in trick:
                continue
            print(f"  without {trick}:", flush=True)
            for wait in waits:
                print(f"    {compared(tree, wait, prelude, options.repeat)}", flush=True)


if __name__ == "__main__":
    main()
