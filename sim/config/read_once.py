"""Hydra reading each config file once: while the pre-check composes a sweep's scenarios, and in
each worker of a sweep.

Hydra reads and parses every YAML file of a configuration again for each composition (about a
third of its time). The pre-check (sim/config/precheck.py) composes the sweep, then each of its
scenarios, in forked processes that inherit what the first composition read: within
`files_read_once`, Hydra's repository of config files keeps what it read (by search path and
file) and hands out copies. A sweep's worker (sim/study/launcher.py) does the same for the
sweep's life (`read_files_once`): its jobs compose from the files as the worker first read them,
70 -> 45 ms a job, and a worker that serves a later sweep (Ray's) reads them again.
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


def read_files_once(loader: ConfigLoader) -> bool:
    """From now on `loader` (a Hydra's config loader) reads each config file once; what was read
    before is forgotten. False (files read as usual) with another Hydra than this was made for."""
    _read.clear()
    repository = getattr(loader, "repository", None)
    if ConfigRepository is None or type(repository) not in (ConfigRepository, _ReadOnce):
        return False
    repository.__class__ = _ReadOnce
    return True


@contextmanager
def files_read_once(loader: ConfigLoader) -> Iterator[None]:
    """Within the block, `loader` reads each config file once."""
    if not read_files_once(loader):
        yield
        return
    try:
        yield
    finally:
        loader.repository.__class__ = ConfigRepository
        _read.clear()
