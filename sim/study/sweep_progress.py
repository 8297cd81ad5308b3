"""A sweep's progress: one log line per finished job, with how many remain and the time left.

Jobs may run in other processes (hydra/launcher=joblib), so progress is counted on disk, in the
sweep folder's hidden `.sweep/` folder, not in memory: `sweep.json` (start, size, swept keys) and
one `job-<num>.json` per finished job (status, error, overrides, start). Only these files are ever
removed from it, so nothing a user put there is lost.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import time
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

from sim.config.overrides import basic_sweep_arguments, override_key

log = logging.getLogger("sim")

PROGRESS = ".sweep"  # in the sweep folder
SWEEP_FILE = "sweep.json"
JOB_GLOB = "job-*.json"
PROBLEM_FILE = "problem.json"  # the end of a sweep: what went wrong, for the command that ran it


def start_progress(config: DictConfig) -> None:
    """At the start of a sweep: forget an earlier sweep's progress, note this one's size."""
    sweep_dir = Path(config.hydra.sweep.dir)
    remove_progress(sweep_dir)
    progress = sweep_dir / PROGRESS
    progress.mkdir(parents=True, exist_ok=True)
    try:
        total, swept = count_jobs(config)
    except Exception:  # noqa: BLE001 - an unusual sweep: progress without a total
        total, swept = None, []
    (progress / SWEEP_FILE).write_text(json.dumps({"started": time.time(), "total": total, "swept": swept}))
    log.info("Sweep of %s jobs into %s", total if total is not None else "?", sweep_dir)


def remove_progress(sweep_dir: Path) -> None:
    """Remove the progress files a sweep wrote (and the folder, if nothing else is in it)."""
    progress = Path(sweep_dir) / PROGRESS
    if not progress.is_dir():
        return
    for path in [progress / SWEEP_FILE, progress / PROBLEM_FILE, *progress.glob(JOB_GLOB)]:
        path.unlink(missing_ok=True)
    try:
        progress.rmdir()
    except OSError:  # not empty: the rest is not ours
        pass


def record_problem(sweep_dir: Path, problem: str | None) -> None:
    """At the end of a sweep: note what went wrong (None: nothing) for `take_problem`."""
    if problem is None:
        return
    progress = Path(sweep_dir) / PROGRESS
    progress.mkdir(parents=True, exist_ok=True)
    (progress / PROBLEM_FILE).write_text(json.dumps({"problem": problem}))


def take_problem(sweep_dir: Path) -> str | None:
    """What went wrong at the end of the sweep in `sweep_dir`, if anything; forgets it."""
    path = Path(sweep_dir) / PROGRESS / PROBLEM_FILE
    try:
        problem = json.loads(path.read_text())["problem"]
    except (OSError, ValueError, KeyError):
        return None
    remove_progress(sweep_dir)
    return str(problem)


def job_ends(sweep_dir: Path) -> list[dict]:
    """What each finished job of the sweep left in the progress folder."""
    ends = []
    for path in (Path(sweep_dir) / PROGRESS).glob(JOB_GLOB):
        try:
            ends.append(json.loads(path.read_text()))
        except (OSError, ValueError):  # another worker is writing it just now
            ends.append({})
    return ends


def log_job_end(sweep_dir: Path, num: int, overrides: list[str], record: dict, job_start: float) -> None:
    """Note a finished job (`record`: its status, error, reused) and log its progress line."""
    progress = Path(sweep_dir) / PROGRESS
    status, reused = record.get("status", "failed"), bool(record.get("reused"))
    try:
        progress.mkdir(parents=True, exist_ok=True)
        (progress / f"job-{num}.json").write_text(json.dumps(
            {"status": status, "reused": reused, "start": job_start, "error": record.get("error", ""),
             "overrides": overrides}))
    except OSError as error:  # progress is a nicety: the job's own record is what counts
        log.warning("progress not recorded: %s", error)
    ends = job_ends(sweep_dir)
    try:
        sweep = json.loads((progress / SWEEP_FILE).read_text())
    except (OSError, ValueError):
        sweep = {}
    now = time.time()
    total, finished_jobs = sweep.get("total"), len(ends)
    swept = set(sweep.get("swept") or [])
    name = " ".join(o for o in overrides if not swept or override_key(o) in swept)
    name = name or " ".join(overrides) or "(no overrides)"
    what = ("skipped (already done)" if reused else
            f"done in {now - job_start:.1f} s" if status == "done" else f"FAILED: {record.get('error', '?')}")
    line = f"[{finished_jobs}/{total}] {name}: {what}" if total else f"[{finished_jobs}] {name}: {what}"
    if total:
        remaining = max(total - finished_jobs, 0)
        line += f"; {remaining} remain"
        # Time left: the pace of the jobs run so far (not skipped), however many run at once.
        starts = [e["start"] for e in ends if "start" in e and not e.get("reused")]
        if remaining and starts:
            line += f", about {_duration((now - min(starts)) / len(starts) * remaining)} left"
    log.info(line)


def sweep_choices(config: DictConfig, task: list) -> dict[str, list[str]] | None:
    """The values each key takes in Hydra's basic sweeper: an experiment file's sweep parameters
    first, then the command line's `task` overrides, a later one winning. None for another
    sweeper, whose jobs are not known in advance."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    args = basic_sweep_arguments(config, task)
    if args is None:
        return None
    choices: dict[str, list[str]] = {}
    for override in OverridesParser.create().parse_overrides(args):
        choices[override.key_or_group] = (list(override.sweep_string_iterator())
                                          if override.is_sweep_override()
                                          else [override.get_value_element_as_str()])
    return choices


def count_jobs(config: DictConfig) -> tuple[int | None, list[str]]:
    """How many jobs Hydra's basic sweeper will launch, and the keys swept over.

    (None, []) for other sweepers, whose jobs are not known in advance.
    """
    choices = sweep_choices(config, list(config.hydra.overrides.task))
    if choices is None:
        return None, []
    combos = planned_combinations(config, choices)
    swept = [k for k, v in choices.items() if len(v) > 1]
    if len(combos) > math.prod(len(v) for v in choices.values()) and "policy" not in swept:
        swept.insert(0, "policy")  # reference jobs added: their lines name their policy
    return len(combos), swept


def planned_combinations(config: DictConfig,
                         choices: dict[str, list[str]]) -> list[dict[str, str]]:
    """Every job's settings (key -> value) the sweep plans, with the reference jobs of lever
    settings (sim/config/reference_jobs.py) when its sweeper adds them."""
    from sim.config.reference_jobs import adds_reference_jobs, with_reference_combinations

    combos = [dict(zip(choices, values)) for values in itertools.product(*choices.values())]
    if adds_reference_jobs(OmegaConf.select(config, "hydra.sweeper._target_")):
        return with_reference_combinations(combos)
    return combos


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "under 1 s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
