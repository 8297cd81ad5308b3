"""Write a run's results: tables, charts, and what is needed to reproduce it.

Files are first written to a hidden staging folder and moved into place only when all are done,
so a run that fails never leaves a half-written result.
"""

from __future__ import annotations

import functools
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from sim.config.text import config_text
from sim.files import RUN_INFO, write_all_or_nothing
from sim.results.kpis import weekly_no_show
from sim.results.table_csv import write_table
from sim.simulate import Results

PACKAGES = ("mesa", "numpy", "pandas", "matplotlib", "hydra-core", "omegaconf")
TABLES = ("appointments.csv", "patients.csv", "waiting_list.csv", "summary.csv")
CHARTS = ("no_show_by_clinic_and_stage.png", "weekly_no_show.png", "waiting_list.png")
# Every file a run writes: what a rerun of a sweep job may remove (nothing else in its folder).
RUN_FILES = frozenset({*TABLES, *CHARTS, "summary.json", "config.yaml", RUN_INFO})


def write_run(results: Results, folder: Path, draw_charts: bool = True) -> list[Path]:
    """Write every output of one run into `folder`, all or nothing; return the paths written."""
    return write_all_or_nothing(folder, lambda staging: _write_all(results, staging, draw_charts))


def _write_all(results: Results, out: Path, draw_charts: bool) -> None:
    tables = {}  # each table's rows and checksum, so that a truncated or edited file is noticed
    frames = (results.appointments, results.patients, results.waiting_list, results.summary)
    for name, table in zip(TABLES, frames):
        tables[name] = write_table(table, out / name)
    records = json.loads(results.summary.to_json(orient="records"))
    (out / "summary.json").write_text(json.dumps(records, indent=2, ensure_ascii=False))
    (out / "config.yaml").write_text(config_text(results.cfg))
    (out / RUN_INFO).write_text(json.dumps(run_info(results.cfg) | {"tables": tables}, indent=2))
    if draw_charts:
        _draw_charts(*_chart_tables(results, out))


def _chart_tables(results: Results, out: Path) -> tuple:
    """What charts.run_charts draws a run's charts from: its summary, weekly no-show, waiting list
    and clinic names (small tables, whatever the run's size), and the charts' paths."""
    names = dict(zip(results.summary.clinic, results.summary.clinic_name))
    weekly = weekly_no_show(results.appointments, results.cfg.start_date, results.cfg.horizon_days)
    return results.summary, weekly, results.waiting_list, names, tuple(out / name for name in CHARTS)


def _draw_charts(*chart_tables) -> None:
    from sim.results import charts  # matplotlib only for a run that draws: a third of a second

    charts.run_charts(*chart_tables)


def run_info(cfg) -> dict:
    """The seed, code version and package versions behind a result."""
    return {
        "seed": cfg.seed,
        "replication": cfg.replication,
        "policy": cfg.policy.name,
        "git_commit": _git_commit(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
    }


@functools.cache  # six package lookups per run, again in every run of a sweep
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.cache  # two git calls per run add up in a sweep of hundreds of runs in one process
def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if out.returncode != 0:
        return "unknown"
    return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
