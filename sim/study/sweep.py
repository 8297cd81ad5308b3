"""Sweeps (`python run.py -m ...`): one job per scenario and replication, kept apart and resumable.

- `sweep_job` runs one job inside Hydra's launcher. A job whose folder already holds a finished
  result for the same configuration is skipped; a job that raises is recorded in its `job.json`
  (overrides, error) and returns normally, so the other jobs go on and are aggregated.
- `SweepCallback` (registered in scenarios/config.yaml under hydra.callbacks) logs one line per
  finished job with how many remain and the time left, and at the end of the sweep writes
  comparison.csv and comparison.png (sim/study/compare.py) into the sweep folder, and the board report
  (sim/report/__init__.py) when `report.after_sweep` is true.

Jobs may run in other processes (hydra/launcher=parallel, joblib, ray_cluster, submitit_*; the
project's launcher is sim/study/launcher.py): progress is counted on disk
(sim/study/sweep_progress.py), and local workers end when the launching process does
(sim/study/sweep_workers.py). The end of a sweep (failed jobs, no comparison) is recorded in the
sweep folder for the command that ran it (`sweep_problem`), not kept in this module.
A job is finished only when its job.json says so and its tables are as they were written, so a
job killed mid-write, or whose files were truncated since, runs again when the sweep is resumed.
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

from hydra.core.utils import JobReturn, JobStatus
from hydra.experimental.callback import Callback
from hydra.types import RunMode
import yaml
from omegaconf import DictConfig, OmegaConf

from sim.config import RunConfig
from sim.config.text import plain, results_settings
from sim.study import job_configs
from sim.files import RUN_INFO, one_line, output_error, table_problems
from sim.study.jobs import JOB_FILE, read_json
from sim.study.sweep_progress import log_job_end, record_problem, remove_progress, start_progress, take_problem
from sim.study.sweep_workers import mark_launcher, watch_launcher

log = logging.getLogger("sim")

# Failures whose job.json could not be written (an unwritable job folder), by job number: the
# progress line of the job, written in the same process, reports them instead.
unrecorded: dict[int, dict] = {}



# ---------------------------------------------------------------------------------- one job

def sweep_job(cfg: DictConfig, out: Path, overrides: list[str], num: int,
              run: Callable[[RunConfig, Path], float], sweep_dir: Path | None = None) -> float:
    """Run one job of a sweep into `out`; never raises (a failure is recorded in job.json, or
    in the job's progress line when its folder cannot be written).

    `run` simulates and writes the results of one checked configuration.
    """
    watch_launcher()
    start = time.perf_counter()
    record: dict[str, Any] = {"num": num, "overrides": overrides}
    name = " ".join(overrides) or "(no overrides)"
    try:
        run_cfg = job_configs.checked(cfg, overrides)
        previous = read_record(out)  # read once: whether the job is done, and what it recorded
        done = finished(out, run_cfg, previous)
        if done is not None:
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
        failure = {"status": "failed", "reused": False, "error_type": type(error).__name__,
                   "error": message, "seconds": round(time.perf_counter() - start, 2)}
        try:
            _write_record(out, record | failure | {"traceback": traceback.format_exc()})
        except OSError as unwritable:  # e.g. the disk is full: the log and progress lines must do
            unrecorded[num] = failure
            log.error("%s: could not record the failure: %s", name, one_line(unwritable))
        return math.nan


def finished(out: Path, run_cfg: RunConfig, record: dict | None = None) -> float | None:
    """The job's overall no-show rate if `out` holds a finished result of this configuration;
    `record` is its job.json, when read already."""
    import pandas as pd

    record = read_record(out) if record is None else record
    try:
        if record.get("status") != "done" or not (out / RUN_INFO).is_file() or table_problems(out):
            return None
        saved = yaml.safe_load((out / "config.yaml").read_text(encoding="utf-8")) or {}
        if results_settings(saved) != results_settings(plain(run_cfg)):
            return None
        summary = pd.read_csv(out / "summary.csv")
        return float(summary.set_index("clinic").loc["all", "no_show_rate"])
    except (OSError, ValueError, KeyError, pd.errors.ParserError, yaml.YAMLError):
        return None


def read_record(out: Path) -> dict:
    """The job's record (job.json); empty when it is missing or unreadable."""
    return read_json(out / JOB_FILE)


def clear(out: Path, everything: bool = True) -> None:
    """Remove the files an earlier, unfinished or different, run of this job wrote in its folder
    (what a run writes, and its staging folders); anything else is the user's and stays.

    Only the job record when the job's folder is the sweep folder itself (a sweep of one job
    without overrides), which also holds the comparison. Raises OutputError when the folder
    cannot be changed.
    """
    from sim.results.output import RUN_FILES

    try:
        (out / JOB_FILE).unlink(missing_ok=True)
        for item in out.iterdir() if everything else ():
            if item.name in RUN_FILES and (item.is_file() or item.is_symlink()):
                item.unlink()
            elif item.name.startswith(".staging-") and item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
    except OSError as error:
        raise output_error(out, error) from error


def _write_record(out: Path, record: dict) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / f".{JOB_FILE}.tmp"
        tmp.write_text(json.dumps(record, indent=2))
        tmp.replace(out / JOB_FILE)
    except OSError as error:
        raise output_error(out, error) from error


# ---------------------------------------------------------------------------------- the callback

class SweepCallback(Callback):
    """Progress per job, and the comparison of scenarios at the end of a sweep."""

    def __init__(self) -> None:
        self._job_start = time.time()

    @staticmethod
    def _multirun(config: DictConfig) -> bool:
        return OmegaConf.select(config, "hydra.mode") == RunMode.MULTIRUN

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        launcher = str(OmegaConf.select(config, "hydra.launcher._target_") or "")
        mark_launcher("joblib" in launcher.lower())  # before the launcher starts any worker process
        start_progress(config)

    def on_job_start(self, config: DictConfig, **kwargs: Any) -> None:
        self._job_start = time.time()

    def on_job_end(self, config: DictConfig, job_return: JobReturn, **kwargs: Any) -> None:
        if not self._multirun(config):
            return
        num = config.hydra.job.num
        # a failure its folder could not hold comes first
        record = (unrecorded.pop(num, None) or read_record(Path(config.hydra.runtime.output_dir))
                  or {"status": "done" if job_return.status == JobStatus.COMPLETED else "failed"})
        log_job_end(Path(config.hydra.sweep.dir), num, list(job_return.overrides or []), record,
                    self._job_start)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        sweep_dir = Path(config.hydra.sweep.dir)
        remove_progress(sweep_dir)
        record_problem(sweep_dir, self._compare(config, sweep_dir))

    @staticmethod
    def _compare(config: DictConfig, sweep_dir: Path) -> str | None:
        """Write the comparison (and any board report); the line the sweep must end with, if any."""
        from sim.study.compare import CompareError, compare

        try:  # failed jobs are reported (exit 1): compare the rest, saying what is missing
            result = compare(sweep_dir, allow_incomplete=True)
        except (CompareError, OSError) as error:
            return f"no comparison: {error}"
        log.info("\n%s", result.text)
        log.info("Comparison written to %s (comparison.csv, comparison.png)", sweep_dir)
        problem = None if result.failures.empty else (
            f"{len(result.failures)} job(s) of the sweep failed (see {sweep_dir / 'failures.csv'}); "
            f"comparison.csv holds the other {result.jobs_done}")
        from sim.report import report_after_sweep, stale_reports  # the board report (README.md)

        languages = stale_reports(sweep_dir)  # a report made before this sweep resumed: refresh it
        if OmegaConf.select(config, "report.after_sweep", default=False):
            languages.append(OmegaConf.select(config, "report.language", default="nb"))
        for language in dict.fromkeys(languages):
            problem = report_after_sweep(sweep_dir, language) or problem
        return problem


def sweep_problem(sweep_dir: Path) -> str | None:
    """After a sweep, in the command that ran it: the line it ends with (exit 1) when jobs failed
    or nothing could be compared, as the sweep's callback recorded it in the sweep folder."""
    return take_problem(Path(sweep_dir))
