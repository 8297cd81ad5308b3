"""Sweeps (`python run.py -m ...`): one job per scenario and replication, kept apart and resumable.

- `sweep_job` runs one job inside Hydra's launcher. A job whose folder already holds a finished
  result for the same configuration is skipped; a job that raises is recorded in its `job.json`
  (overrides, error) and returns normally, so the other jobs go on and are aggregated.
- `SweepCallback` (registered in scenarios/config.yaml under hydra.callbacks) logs one line per
  finished job with how many remain and the time left, and at the end of the sweep writes
  comparison.csv and comparison.png (sim/compare.py) into the sweep folder, and the board report
  (sim/report.py) when `report.after_sweep` is true.

Jobs may run in other processes (hydra/launcher=joblib), so progress is counted on disk, in the
sweep folder's hidden `.sweep/` folder, not in memory.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import time
import traceback
from pathlib import Path
from typing import Any, Callable

import pandas as pd
from hydra.core.utils import JobReturn, JobStatus
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim.config import RunConfig, validate
from sim.files import one_line
from sim.jobs import JOB_FILE

log = logging.getLogger("sim")

PROGRESS = ".sweep"  # in the sweep folder: the sweep's start and size, and one file per finished job
KEEP = {".hydra"}  # written by Hydra for this job before it starts (and *.log): never removed

# Set by SweepCallback at the end of a sweep, in the launching process: run.py ends with this line
# (and exit code 1) when jobs failed or nothing could be compared.
last_problem: str | None = None


# ---------------------------------------------------------------------------------- one job

def sweep_job(cfg: DictConfig, out: Path, overrides: list[str], num: int,
              run: Callable[[RunConfig, Path], float], sweep_dir: Path | None = None) -> float:
    """Run one job of a sweep into `out`; never raises (a failure is recorded in job.json).

    `run` simulates and writes the results of one validated configuration.
    """
    start = time.perf_counter()
    record: dict[str, Any] = {"num": num, "overrides": overrides}
    name = " ".join(overrides) or "(no overrides)"
    try:
        run_cfg = validate(cfg)
        done = finished(out, run_cfg)
        if done is not None:
            previous = json.loads((out / JOB_FILE).read_text())
            _write_record(out, previous | record | {"reused": True})
            log.debug("%s: skipped (already done)", name)
            return done
        clear(out, everything=sweep_dir is None or out.resolve() != sweep_dir.resolve())
        value = run(run_cfg, out)
        _write_record(out, record | {"status": "done", "reused": False,
                                     "seconds": round(time.perf_counter() - start, 2)})
        return value
    except Exception as error:  # noqa: BLE001 - a failing job must not stop the sweep
        message = one_line(error)
        log.error("%s: failed: %s", name, message)
        try:
            _write_record(out, record | {
                "status": "failed", "reused": False, "seconds": round(time.perf_counter() - start, 2),
                "error_type": type(error).__name__, "error": message,
                "traceback": traceback.format_exc(),
            })
        except OSError as unwritable:  # e.g. the disk is full: the log line above must do
            log.error("%s: could not record the failure: %s", name, one_line(unwritable))
        return math.nan


def finished(out: Path, run_cfg: RunConfig) -> float | None:
    """The job's overall no-show rate if `out` holds a finished result of this configuration."""
    try:
        record = json.loads((out / JOB_FILE).read_text())
        if record.get("status") != "done" or not (out / "run_info.json").is_file():
            return None
        saved = OmegaConf.load(out / "config.yaml")
        if _results_config(saved) != _results_config(OmegaConf.structured(run_cfg)):
            return None
        summary = pd.read_csv(out / "summary.csv")
        return float(summary.set_index("clinic").loc["all", "no_show_rate"])
    except (OSError, ValueError, KeyError, pd.errors.ParserError):
        return None


def _results_config(cfg: DictConfig) -> str:
    """The config as text, less the `report` settings, which change no result."""
    cfg = OmegaConf.masked_copy(cfg, [k for k in cfg if k != "report"])
    return OmegaConf.to_yaml(cfg)


def clear(out: Path, everything: bool = True) -> None:
    """Remove what an earlier, unfinished or different, run of this job left in its folder.

    Only the job record when the job's folder is the sweep folder itself (a sweep of one job
    without overrides), which also holds the comparison.
    """
    (out / JOB_FILE).unlink(missing_ok=True)
    for item in out.iterdir() if everything else ():
        if item.name in KEEP or item.suffix == ".log":
            continue
        if item.is_file() or item.is_symlink():
            item.unlink()
        elif item.name.startswith(".staging-"):
            shutil.rmtree(item, ignore_errors=True)


def _write_record(out: Path, record: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{JOB_FILE}.tmp"
    tmp.write_text(json.dumps(record, indent=2))
    tmp.replace(out / JOB_FILE)


# ---------------------------------------------------------------------------------- the callback

def count_jobs(config: DictConfig) -> tuple[int | None, list[str]]:
    """How many jobs Hydra's basic sweeper will launch, and the keys swept over.

    (None, []) for other sweepers, whose jobs are not known in advance.
    """
    from hydra.core.override_parser.overrides_parser import OverridesParser

    if not str(OmegaConf.select(config, "hydra.sweeper._target_") or "").endswith("BasicSweeper"):
        return None, []
    params = OmegaConf.select(config, "hydra.sweeper.params") or {}
    args = [f"{k}={v}" for k, v in params.items()] + list(config.hydra.overrides.task)
    sizes: dict[str, int] = {}
    for override in OverridesParser.create().parse_overrides(args):
        key = override.get_key_element()
        sizes[key] = len(list(override.sweep_string_iterator())) if override.is_sweep_override() else 1
    return math.prod(sizes.values()), [k for k, n in sizes.items() if n > 1]


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "under 1 s"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class SweepCallback(Callback):
    """Progress per job, and the comparison of scenarios at the end of a sweep."""

    def __init__(self) -> None:
        self._job_start = time.time()

    @staticmethod
    def _multirun(config: DictConfig) -> bool:
        return OmegaConf.select(config, "hydra.mode") == RunMode.MULTIRUN

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        progress = Path(config.hydra.sweep.dir) / PROGRESS
        shutil.rmtree(progress, ignore_errors=True)
        progress.mkdir(parents=True)
        try:
            total, swept = count_jobs(config)
        except Exception:  # noqa: BLE001 - an unusual sweep: progress without a total
            total, swept = None, []
        (progress / "sweep.json").write_text(
            json.dumps({"started": time.time(), "total": total, "swept": swept}))
        log.info("Sweep of %s jobs into %s", total if total is not None else "?", config.hydra.sweep.dir)

    def on_job_start(self, config: DictConfig, **kwargs: Any) -> None:
        self._job_start = time.time()

    def on_job_end(self, config: DictConfig, job_return: JobReturn, **kwargs: Any) -> None:
        if not self._multirun(config):
            return
        out = Path(config.hydra.runtime.output_dir)
        progress = Path(config.hydra.sweep.dir) / PROGRESS
        progress.mkdir(parents=True, exist_ok=True)
        try:
            record = json.loads((out / JOB_FILE).read_text())
        except (OSError, ValueError):
            record = {}
        status = record.get("status") or (
            "done" if job_return.status == JobStatus.COMPLETED else "failed")
        reused = bool(record.get("reused"))
        now = time.time()
        seconds = now - self._job_start
        num = config.hydra.job.num
        (progress / f"job-{num}.json").write_text(
            json.dumps({"status": status, "reused": reused, "start": self._job_start}))
        ends = []
        for path in progress.glob("job-*.json"):
            try:
                ends.append(json.loads(path.read_text()))
            except (OSError, ValueError):  # another worker is writing it just now
                ends.append({})
        try:
            sweep = json.loads((progress / "sweep.json").read_text())
        except (OSError, ValueError):
            sweep = {}
        total, finished_jobs = sweep.get("total"), len(ends)
        overrides = list(job_return.overrides or [])
        swept = set(sweep.get("swept") or [])
        name = " ".join(o for o in overrides if not swept or o.split("=", 1)[0].lstrip("+~") in swept)
        name = name or " ".join(overrides) or "(no overrides)"
        what = ("skipped (already done)" if reused else
                f"done in {seconds:.1f} s" if status == "done" else f"FAILED: {record.get('error', '?')}")
        line = f"[{finished_jobs}/{total}] {name}: {what}" if total else f"[{finished_jobs}] {name}: {what}"
        if total:
            remaining = max(total - finished_jobs, 0)
            line += f"; {remaining} remain"
            # Time left: the pace of the jobs run so far (not skipped), however many run at once.
            starts = [e["start"] for e in ends if "start" in e and not e.get("reused")]
            if remaining and starts:
                left = (now - min(starts)) / len(starts) * remaining
                line += f", about {_duration(left)} left"
        log.info(line)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        global last_problem
        from sim.compare import CompareError, compare

        sweep_dir = Path(config.hydra.sweep.dir)
        shutil.rmtree(sweep_dir / PROGRESS, ignore_errors=True)
        try:
            result = compare(sweep_dir)
        except CompareError as error:
            last_problem = f"no comparison: {error}"
            return
        log.info("\n%s", result.text)
        log.info("Comparison written to %s (comparison.csv, comparison.png)", sweep_dir)
        last_problem = None if result.failures.empty else (
            f"{len(result.failures)} job(s) of the sweep failed (see {sweep_dir / 'failures.csv'}); "
            f"comparison.csv holds the other {result.jobs_done}")
        if OmegaConf.select(config, "report.after_sweep", default=False):
            from sim.report import report_after_sweep  # the board report (README.md, "Board report")

            language = OmegaConf.select(config, "report.language", default="nb")
            last_problem = report_after_sweep(sweep_dir, language) or last_problem
