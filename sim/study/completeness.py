"""Is a sweep (or run) folder complete? The jobs its multirun.yaml planned against the jobs found
in it, each job's tables against what was written (sim/files.py), and the replications per
scenario. A comparison or report of an incomplete sweep is refused unless asked for (it would
quietly compare a different set of runs than the one planned)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from omegaconf import OmegaConf

from sim.files import table_problems
from sim.study import file_cache
from sim.study.jobs import Job, split_override
from sim.config.reference_jobs import is_lever_setting
from sim.study.sweep_progress import planned_combinations, sweep_choices

SHOWN = 3  # problems named in the one-line refusal; the rest are counted


class NotASweep(ValueError):
    """The folder is neither one sweep nor one run."""


@dataclass
class Incomplete:
    """What is missing: (job, what is wrong) pairs, out of `planned` jobs; uneven replications."""
    planned: int
    missing: list[tuple[str, str]] = field(default_factory=list)
    uneven: dict[str, int] = field(default_factory=dict)  # scenario -> replications, when they differ

    def __bool__(self) -> bool:
        return bool(self.missing or self.uneven)

    def summary(self) -> str:
        """One line: how many jobs are missing, the first few named."""
        if not self.missing:
            counts = ", ".join(f"{s}: {n}" for s, n in self.uneven.items())
            return f"the scenarios have different numbers of replications ({counts})"
        named = "; ".join(f"{job}: {problem}" for job, problem in self.missing[:SHOWN])
        more = f"; and {len(self.missing) - SHOWN} more" if len(self.missing) > SHOWN else ""
        return f"{len(self.missing)} of {self.planned} jobs are missing or failed ({named}{more})"

    def lines(self) -> list[str]:
        """The summary, then one line per missing job."""
        return [self.summary(), *(f"{job}: {problem}" for job, problem in self.missing)]


def check_folder(folder: Path) -> None:
    """Refuse a folder that holds unrelated runs (e.g. outputs/): not a sweep, not a run."""
    if not (folder / "multirun.yaml").is_file() and not (folder / "summary.csv").is_file():
        raise NotASweep(f"{folder}: not a sweep folder (no multirun.yaml) and not a run folder; point at "
                        "one sweep (multirun/...) or one run (outputs/<date>/<time>_<policy>)")


def planned_jobs(folder: Path) -> tuple[list[dict[str, str]], list[str]] | None:
    """The override combinations the sweep's multirun.yaml plans, and the keys swept over.

    None when there is no plan to check against (a single run, another sweeper, unreadable).
    """
    return file_cache.read(folder / "multirun.yaml", _plan)


def remember_plan(folder: Path) -> None:
    """Read the sweep's plan now, for the comparison at the end (sim/study/file_cache.py)."""
    file_cache.remember(folder / "multirun.yaml", _plan)


def _plan(path: Path) -> tuple[list[dict[str, str]], list[str]] | None:
    try:
        cfg = OmegaConf.load(path)
        choices = sweep_choices(cfg, OmegaConf.select(cfg, "hydra.overrides.task") or [])
    except Exception:  # noqa: BLE001 - no readable plan: the jobs found are all there is to check
        return None
    if choices is None:
        return None
    combos = planned_combinations(cfg, choices)
    swept = [k for k, v in choices.items() if len(v) > 1]
    if len(combos) > math.prod(len(v) for v in choices.values()) and "policy" not in swept:
        swept.insert(0, "policy")  # reference jobs added: a job is named with its policy
    return combos, swept


def job_problem(job: Job, tables: tuple[str, ...]) -> str | None:
    """What is wrong with one job's results, or None."""
    if job.status == "failed":
        return f"failed ({job.error or job.error_type or 'no error recorded'})"
    absent = [name for name in tables if not (job.folder / name).is_file()]
    if absent:
        return "no " + ", ".join(absent)
    return "; ".join(table_problems(job.folder, tables)) or None


def incomplete(folder: Path, jobs: list[Job], tables: tuple[str, ...]) -> tuple[Incomplete, set[Path]]:
    """What is missing from the sweep in `folder`, and the job folders that cannot be used."""
    plan = planned_jobs(folder)
    settings = {job.folder: dict(map(split_override, job.overrides)) for job in jobs}
    swept = plan[1] if plan else sorted({k for s in settings.values() for k in s
                                         if len({t.get(k) for t in settings.values()}) > 1})

    def name(values: dict[str, str], fallback: str) -> str:
        return " ".join(f"{k}={values[k]}" for k in swept if k in values) or fallback

    bad = {job.folder: problem for job in jobs if (problem := job_problem(job, tables))}
    missing = [(name(settings[job.folder], str(job.folder.relative_to(folder)) or "."), problem)
               for job in jobs if (problem := bad.get(job.folder))]
    planned = len(jobs)
    if plan:
        combos = plan[0]
        not_run = [c for c in combos if not any(_is_job_of(s, c) for s in settings.values())]
        if len(not_run) == len(combos) and jobs:  # no job matches the plan: count, do not name
            not_run = [{}] * max(0, len(combos) - len(jobs))
        missing += [(name(c, "a planned job"), "not run") for c in not_run]
        planned = max(len(combos), len(jobs))
    return Incomplete(planned, missing), set(bad)


def _is_job_of(settings: dict[str, str], combo: dict[str, str]) -> bool:
    """Whether a job with these settings is the planned `combo`; a reference job (no lever
    settings) is not one of the jobs that change a lever."""
    return (all(settings.get(k) == v for k, v in combo.items())
            and not any(is_lever_setting(k) and k not in combo for k in settings))
