"""Compose every job of a command line as Hydra will, and check it, before any folder is made.

A single run is one job; a sweep (`-m`) is expanded as Hydra's basic sweeper does, and each
distinct scenario (each combination of the keys other than seed and replication) is composed and
checked once; the seeds and replications are checked against their ranges directly. Then the
output folder is checked for being writable, and a note is made of the time a big run will take.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from hydra.core.global_hydra import GlobalHydra
from hydra.core.hydra_config import HydraConfig
from hydra.errors import HydraException
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, read_write
from omegaconf.errors import OmegaConfBaseException

from sim.config import estimate
from sim.config.input_files import replaced_files
from sim.config.no_effect import scenarios_no_effect_notes
from sim.config.forked import forked_map
from sim.config.reference_jobs import reference_note
from sim.config.command_line import Plan
from sim.config import ConfigError, check_config
from sim.config.bookable import check_slots_left
from sim.config.job_folders import file_in_a_jobs_place, quoted, unwritable
from sim.config.schema import check_whole_number, field_at, schema_config
from sim.config.sweep_jobs import sweep_jobs
from sim.internals import UnsupportedVersion, create_hydra, files_read_once
from sim.config.overrides import REPLICATION_KEYS, is_hydra_key, override_key


class Problem(Exception):
    """One line saying what is wrong with the command line."""


def check(command: argparse.Namespace, plan: Plan) -> str | None:
    """Compose and check every job; fill in `plan` (folders, note); return the problem, if any."""
    mode = RunMode.MULTIRUN if command.multirun else RunMode.RUN
    try:
        with _hydra(command.folders) as hydra, files_read_once(hydra.config_loader):
            master = _compose(hydra, command.config_name, command.overrides, mode)
            jobs = (_jobs(master, command.overrides, hydra, plan) if command.multirun
                    else [command.overrides])
            composed = {} if command.multirun else {tuple(command.overrides): master}
            runs = _check_jobs(hydra, command, jobs, composed)
            HydraConfig.instance().set_config(master)  # its folder named as Hydra will name it
            _check_folder(master, plan)
            if command.multirun and (file := file_in_a_jobs_place(master, jobs, plan.sweep_dir)):
                raise Problem(file)
    except (Problem, UnsupportedVersion) as problem:
        return str(problem)
    sizes = [(run.scale, run.warmup_days, run.horizon_days) for run in runs]
    too_large = estimate.memory_problem(sizes)
    if too_large:
        return too_large
    notes = [*replaced_files(command.folders), plan.reference_note,
             *scenarios_no_effect_notes(runs),
             estimate.cost_note(sizes)]
    plan.note = "\n".join(note for note in notes if note) or None
    plan.run_config = None if command.multirun else runs[0]
    plan.hydra, plan.config, plan.config_name = hydra, master, command.config_name
    if plan.sweep_dir_added:  # the folder named now, in the configuration the sweep runs with
        with read_write(master.hydra):
            master.hydra.sweep.dir = str(plan.sweep_dir)
            master.hydra.overrides.hydra.append(plan.args[-1])
    return None


Hydra = Any  # Hydra's own object (sim/internals.py)


@contextmanager
def _hydra(folders: list[Path]) -> Iterator[Hydra]:
    """Hydra with the config search path the run composes with: the user's --config-dir first,
    then the project's folder, so that a user's file (e.g. policy/baseline.yaml) is the one read
    where both have it (Hydra's own order, the project's first, would ignore it without a word;
    the check says which files are replaced, sim/config/input_files.py)."""
    try:
        yield create_hydra(folders)
    finally:
        GlobalHydra.instance().clear()
        HydraConfig.instance().cfg = None  # run.py's own Hydra sets it again


def _compose(hydra: Hydra, name: str, overrides: list[str], mode: RunMode) -> DictConfig:
    try:
        cfg = hydra.compose_config(name, list(overrides), run_mode=mode)
    except (HydraException, OmegaConfBaseException) as error:
        raise Problem(_composition_problem(hydra, name, overrides, error)) from None
    HydraConfig.instance().set_config(cfg)  # for ${hydra:...} in the folder names
    return cfg


def _composition_problem(hydra: Hydra, name: str, overrides: list[str], error: Exception) -> str:
    """One line for a failed composition; for a key inside a dict (a site), the keys there are."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    key = re.match(r"Could not (?:override|delete(?: from config)?) '([^']+)'", first)
    if not key:
        return first
    parts = key.group(1).split(".")
    for depth in range(1, len(parts)):
        found = field_at(".".join(parts[:depth]))
        if found and getattr(found[1], "__origin__", None) is dict:
            return _unknown_dict_key(hydra, name, overrides, parts, depth) or first
    return f"{key.group(1)}: no such setting"


def _unknown_dict_key(hydra: Hydra, name: str, overrides: list[str], parts: list[str],
                      depth: int) -> str | None:
    groups_only = [o for o in overrides if "." not in o.split("=", 1)[0]]
    cfg = hydra.compose_config(name, groups_only, run_mode=RunMode.RUN)
    where, wrong = ".".join(parts[:depth]), parts[depth]
    known = sorted(OmegaConf.select(cfg, where) or {})
    what = "site" if where == "clinic.sites" else "key"
    close = difflib.get_close_matches(wrong, known, n=1)
    hint = f"did you mean {close[0]}? The" if close else "the"
    return f"{where}.{wrong}: no such {what}; {hint} {what}s are {', '.join(known)}"


def _jobs(master: DictConfig, overrides: list[str], hydra: Hydra, plan: Plan) -> list[list[str]]:
    """Each job's overrides, as Hydra's basic sweeper, or the project's, will launch them, each
    with the command line's settings of Hydra itself."""
    hydra_args = [o for o in overrides if _is_hydra(o)]
    task = [o for o in overrides if not _is_hydra(o)]
    try:
        found = sweep_jobs(master, task, hydra.config_loader)  # as the sweeper will expand them
    except HydraException as error:
        raise Problem(str(error).strip().splitlines()[0]) from None
    if found is None:
        return [overrides]  # another sweeper picks its jobs as it goes: check the first config
    jobs, added = found
    plan.reference_note = reference_note(added, len(jobs))
    return [job + hydra_args for job in jobs]


def _is_hydra(arg: str) -> bool:
    return is_hydra_key(override_key(arg))


def _check_jobs(hydra: Hydra, command: argparse.Namespace, jobs: list[list[str]],
                composed: dict[tuple[str, ...], DictConfig]) -> list:
    """Check each distinct scenario once (`composed`: those composed already), and every job's
    seed and replication; return each job's checked configuration (a RunConfig: a single run runs
    it, and its scale and days give the estimate of time and memory). The scenarios are checked
    on several cores (about 0.15 s each); the problem reported is the first scenario's in order,
    as when checked one after another."""
    scenarios: dict[tuple[str, ...], list[list[str]]] = {}
    for job in jobs:
        key = tuple(o for o in job if override_key(o) not in REPLICATION_KEYS)
        scenarios.setdefault(key, []).append(job)
    checks = []
    for scenario, its_jobs in scenarios.items():
        named = " ".join(o for o in scenario if not _is_hydra(o))
        prefix = f"job {named}: " if command.multirun and len(jobs) > 1 and named else ""
        checks.append((its_jobs, prefix))
    schema_config()  # built here once, not in every forked process
    found = forked_map(lambda i: _check_scenario(hydra, command.config_name, composed, *checks[i]),
                       len(checks))
    runs = []
    for result, (its_jobs, _) in zip(found, checks):
        if isinstance(result, str):
            raise Problem(result)
        runs += [result] * len(its_jobs)
    return runs


def _check_scenario(hydra: Hydra, name: str, composed: dict[tuple[str, ...], DictConfig],
                    its_jobs: list[list[str]], prefix: str):
    """One scenario's checked configuration (a RunConfig), or the line saying what is wrong."""
    try:
        cfg = composed.get(tuple(its_jobs[0])) or _compose_job(hydra, name, its_jobs[0], prefix)
    except Problem as problem:
        return str(problem)
    try:  # Hydra's node says which policy file was chosen: its file name is the policy's name
        run = check_config(cfg)
        check_slots_left(run)
    except ConfigError as error:
        return prefix + str(error)
    for override in (o for job in its_jobs for o in job if override_key(o) in REPLICATION_KEYS):
        bad = check_whole_number(override_key(override), override.split("=", 1)[1])
        if bad:
            return prefix + bad
    return run


def _compose_job(hydra: Hydra, name: str, job: list[str], prefix: str) -> DictConfig:
    try:
        return _compose(hydra, name, job, RunMode.RUN)
    except Problem as problem:
        raise Problem(prefix + str(problem)) from None


def _check_folder(master: DictConfig, plan: Plan) -> None:
    """The run (or sweep) folder must be creatable and writable; note what is in it now."""
    node = "sweep" if plan.multirun else "run"
    try:
        folder = Path(str(OmegaConf.select(master, f"hydra.{node}.dir")))
    except OmegaConfBaseException as error:
        raise Problem(f"hydra.{node}.dir: {str(error).splitlines()[0]}") from None
    reason = unwritable(folder)
    if reason:
        raise Problem(f"hydra.{node}.dir = {folder}: cannot write there ({reason})")
    if plan.multirun:
        plan.sweep_dir = folder
        raw = OmegaConf.to_container(master.hydra.sweep, resolve=False)["dir"]
        if "${" in str(raw) and not any(override_key(a) == "hydra.sweep.dir" for a in plan.args):
            # e.g. the time of day: name the folder now, so that the line on Ctrl-C can say
            # which command resumes the sweep in it
            plan.args.append(f"hydra.sweep.dir={quoted(str(folder))}")
            plan.sweep_dir_added = True
    else:
        plan.run_dir = folder
        plan.before = frozenset(os.listdir(folder)) if folder.is_dir() else None
        plan.first_existing = next(p for p in folder.absolute().parents if p.is_dir())
