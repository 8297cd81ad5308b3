"""Hydra reading each config file once while the pre-check composes a sweep's scenarios.

Hydra reads and parses every YAML file of a configuration again for each composition (about a
third of its time). The pre-check (sim/config/precheck.py) composes the sweep, then each of its
scenarios, in forked processes that inherit what the first composition read: within
`files_read_once`, Hydra's repository of config files keeps what it read (by search path and
file) and hands out copies. Only for the pre-check's short life: the sweep's jobs read the files
as Hydra always does.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from typing import Any, Iterator, Optional

from hydra.core.config_loader import ConfigLoader
from hydra.plugins.config_source import ConfigResult

try:  # Hydra's own (internal) class: another Hydra may move it, and then files are read as usual
    from hydra._internal.config_repository import ConfigRepository
except ImportError:  # pragma: no cover
    ConfigRepository = None

_read: dict[tuple[Any, str], Optional[ConfigResult]] = {}


class _ReadOnce(ConfigRepository or object):
    """Hydra's repository of config files, keeping what it read (Hydra copies the repository
    for each composition; what is kept here is shared by the copies)."""

    def load_config(self, config_path: str) -> Optional[ConfigResult]:
        key = (tuple((source.provider, source.path) for source in self.sources), config_path)
        if key not in _read:
            _read[key] = super().load_config(config_path)
        return copy.deepcopy(_read[key])


@contextmanager
def files_read_once(loader: ConfigLoader) -> Iterator[None]:
    """Within the block, `loader` (a Hydra's config loader) reads each config file once."""
    repository = getattr(loader, "repository", None)
    if ConfigRepository is None or type(repository) is not ConfigRepository:  # another Hydra than this was made for
        yield
        return
    repository.__class__ = _ReadOnce
    try:
        yield
    finally:
        repository.__class__ = ConfigRepository
        _read.clear()
