"""A sweep's jobs, as Hydra's basic sweeper (hydra-core 1.3) expands its overrides: the product
of each key's values, keys in the order first given, a later override of a key replacing an
earlier one. The pre-check (sim/config/precheck.py) and the project's sweeper
(hydra_plugins/clinic_sim/sweep_plugins.py) both expand a sweep with it, from Hydra's public
override parser.
"""

from __future__ import annotations

import itertools
from typing import Iterator

from hydra.core.override_parser.types import Override
from hydra.errors import HydraException


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
