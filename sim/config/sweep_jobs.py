"""A sweep's jobs, as Hydra's basic sweeper (hydra-core 1.3) expands its overrides: the product
of each key's values, keys in the order first given, a later override of a key replacing an
earlier one. The pre-check (sim/config/precheck.py) and the project's sweeper
(hydra_plugins/clinic_sim/sweep_plugins.py) both expand a sweep with it, from Hydra's public
override parser.
"""

from __future__ import annotations

import itertools
from typing import Any, Iterator

from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override
from hydra.errors import HydraException
from omegaconf import DictConfig, OmegaConf

from sim.config.overrides import basic_sweep_arguments
from sim.config.reference_jobs import adds_reference_jobs, with_reference_jobs


def sweep_jobs(config: DictConfig, task: list[str],
               config_loader: Any) -> tuple[list[list[str]], int] | None:
    """The jobs of a sweep of `task` overrides under `config` (the sweep's, with its sweeper's
    params), in launch order, and how many of them are reference jobs the project's sweeper adds
    (sim/config/reference_jobs.py); None for a sweeper other than the basic ones. Raises
    HydraException for overrides that do not parse or a sweep that cannot be listed."""
    args = basic_sweep_arguments(config, task)
    if args is None:
        return None
    jobs = basic_sweep_jobs(OverridesParser.create(config_loader=config_loader)
                            .parse_overrides(args))
    if not adds_reference_jobs(OmegaConf.select(config, "hydra.sweeper._target_")):
        return jobs, 0
    with_references = with_reference_jobs(jobs)
    return with_references, len(with_references) - len(jobs)


def basic_sweep_jobs(overrides: list[Override]) -> list[list[str]]:
    """Each job's overrides (`key=value` strings), in the order the basic sweeper launches them.
    Raises HydraException for a sweep it cannot list (an interval)."""
    values: dict[str, list[str]] = {}
    for override in overrides:
        key = override.get_key_element()
        if not override.is_sweep_override():
            values[key] = [f"{key}={override.get_value_element_as_str()}"]
        elif override.is_discrete_sweep():
            values[key] = [f"{key}={value}" for value in override.sweep_string_iterator()]
        else:
            kind = override.value_type.name if override.value_type else "unknown"
            raise HydraException(f"BasicSweeper does not support sweep type : {kind}")
    return [list(job) for job in itertools.product(*values.values())]


def batches(jobs: list[list[str]], size: int | None) -> Iterator[list[list[str]]]:
    """The jobs in batches of `size` (None or -1: one batch), launched one batch after another."""
    size = max(len(jobs), 1) if size is None or size == -1 else size
    if size <= 0:
        raise ValueError(f"hydra.sweeper.max_batch_size = {size}: give a whole number above 0")
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]
