"""A sweep job's configuration, composed by Hydra once per scenario in each worker.

Composing a job (Hydra reads, merges and checks every config file) took 0.2 s of a job's
0.5 s, and checking it into a RunConfig 0.07 s more. A sweep's jobs are mostly the same scenario
in replication after replication, so a worker of the project's launcher (sim/study/launcher.py)
composes and checks the first job of each scenario it meets, and makes the others as copies with
their replication set: the configuration, its task overrides and its folder name exactly as
Hydra composes them (tests/test_sweep_job_configs.py compares the two for whole sweeps). A job
whose overrides do not allow that (no replication, or another override naming "replication")
is composed as always. Hydra's basic launcher does not use this module.
"""

from __future__ import annotations

from typing import Any

from omegaconf import DictConfig, OmegaConf, open_dict, read_write

from sim.config import RunConfig, check_config

KEY = "replication"
_scenarios: dict[tuple[str, ...], tuple[DictConfig, str]] = {}  # composed, by scenario
_checked: dict[tuple[str, ...], RunConfig] = {}  # checked, by scenario
_active = [False]


def start() -> None:
    """A worker starts serving a sweep: nothing composed for another sweep is kept."""
    _scenarios.clear()
    _checked.clear()
    _active[0] = True


def compose(loader: Any, master: DictConfig, overrides: list[str]) -> DictConfig:
    """The job's configuration: `loader.load_sweep_config(master, overrides)`, or a copy of its
    scenario's with the replication set."""
    scenario, token = _scenario_of(overrides)
    if scenario is None:
        return loader.load_sweep_config(master, overrides)
    if scenario not in _scenarios:
        _scenarios[scenario] = (loader.load_sweep_config(master, overrides), token)
    job, was = _scenarios[scenario]
    # The same object, job after job (a copy of Hydra's configuration costs a third of a
    # composition): the replication's fields are set here, the job's number and folder by the
    # launcher and by Hydra's run_job for each job, and the task is given Hydra's own copy.
    # Hydra marks the hydra node read-only while a job runs; composed, it is writable.
    OmegaConf.set_readonly(job.hydra, False)
    if token != was:
        _set_replication(job, was, token)
        _scenarios[scenario] = (job, token)
    OmegaConf.copy_cache(from_config=master, to_config=job)
    return job


def checked(cfg: DictConfig, overrides: list[str]) -> RunConfig:
    """`check_config(cfg)`, or, in a worker of the project's launcher, its scenario's checked
    configuration with the replication set."""
    scenario, _ = _scenario_of(overrides) if _active[0] else (None, None)
    if scenario is None:
        return check_config(cfg)
    from sim.study.many import with_settings  # the model's modules: only where jobs run

    if scenario not in _checked:
        _checked[scenario] = check_config(cfg)
    return with_settings(_checked[scenario], {KEY: int(cfg[KEY])})


def _scenario_of(overrides: list[str]) -> tuple[tuple[str, ...] | None, str]:
    """The job's overrides less its replication, and its replication's override."""
    tokens = [o for o in overrides if o.startswith(f"{KEY}=")]
    others = tuple(o for o in overrides if not o.startswith(f"{KEY}="))
    if len(tokens) != 1 or not tokens[0][len(KEY) + 1:].isdigit() or any(
            KEY in o for o in others):
        return None, ""
    return others, tokens[0]


def _set_replication(job: DictConfig, was: str, token: str) -> None:
    """Hydra's own record of the job's overrides, its folder name (the overrides sorted and
    joined: one key's value does not change their order) and the value itself."""
    naming = job.hydra.job.config.override_dirname
    with read_write(job), open_dict(job):
        job[KEY] = int(token[len(KEY) + 1:])
        task = list(job.hydra.overrides.task)
        task[task.index(was)] = token
        job.hydra.overrides.task = task
        if KEY not in naming.exclude_keys:
            sep = naming.kv_sep
            job.hydra.job.override_dirname = job.hydra.job.override_dirname.replace(
                was.replace("=", sep), token.replace("=", sep))
