"""The only places the project reaches into a library's internals, each checked against the
version it was written for (docs/architecture.md, "Library internals", says what each buys,
measured with benchmarks/bench_library_tricks.py). Everything else uses public APIs.

- Hydra (hydra-core 1.3): the pre-check composes with Hydra's own object, on the search path
  run.py runs with (a user's --config-dir first), and run.py runs that composition without
  composing it again (sim/config/composed_run.py): hydra.main would compose it twice more.
  While the pre-check composes a sweep's scenarios, Hydra's repository of config files keeps
  what it read (Hydra reads and parses every file again for each composition).
  Another Hydra gets one line saying which to install.
- joblib (1.x): hydra/launcher=joblib's workers watch for the end of the launching process from
  their start (sim/study/sweep_workers.py). Hydra's joblib launcher names its backend ("loky")
  itself, so joblib's public `parallel_config(initializer=...)` never reaches its workers; with
  another joblib, a worker watches from its first job instead.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

HYDRA_WRITTEN_FOR = "1.3."
JOBLIB_WRITTEN_FOR = "1."


class UnsupportedVersion(Exception):
    """One line: the installed library is not the version this module was written for."""


def check_hydra() -> None:
    """Raise UnsupportedVersion unless hydra-core is the version written for."""
    import hydra

    if not hydra.__version__.startswith(HYDRA_WRITTEN_FOR):
        raise UnsupportedVersion(
            f"hydra-core {hydra.__version__} is installed; this project runs with hydra-core "
            f"{HYDRA_WRITTEN_FOR}x: python3 -m pip install 'hydra-core>=1.3.5,<1.4'")


def create_hydra(folders: list[Path]) -> Any:
    """Hydra's own object (hydra._internal.hydra.Hydra), searching `folders[0]` (the project's
    config folder) with any further folders (--config-dir) ahead of it."""
    check_hydra()
    from hydra._internal.hydra import Hydra
    from hydra._internal.utils import create_config_search_path
    from hydra.core.config_search_path import SearchPathQuery

    search_path = create_config_search_path(str(folders[0]))
    for folder in folders[1:]:
        search_path.prepend(provider="command-line", path=f"file://{folder}",
                            anchor=SearchPathQuery(provider="main"))
    return Hydra.create_main_hydra2(task_name="run", config_search_path=search_path)


def hydra_callbacks(config: Any) -> Any:
    """Hydra's dispatcher of the callbacks `config` names (hydra.callbacks), as hydra.main's."""
    check_hydra()
    from hydra._internal.callbacks import Callbacks

    return Callbacks(config)


def run_and_report(run: Callable[[], Any]) -> Any:
    """`run()`, an exception reported as hydra.main reports it (its message, exit 1)."""
    check_hydra()
    from hydra._internal.utils import run_and_report as hydras

    return hydras(run)


@contextmanager
def files_read_once(loader: Any) -> Iterator[None]:
    """Within the block, Hydra's config loader `loader` reads each config file once: its
    repository (hydra._internal.config_repository.ConfigRepository, which Hydra copies for each
    composition) is given a class that keeps what it read, by search path and file, and hands out
    copies. Forked processes inherit what was read before they forked."""
    check_hydra()
    from hydra._internal.config_repository import ConfigRepository

    read: dict[tuple[Any, str], Any] = {}

    class ReadOnce(ConfigRepository):
        def load_config(self, config_path: str) -> Any:
            key = (tuple((source.provider, source.path) for source in self.sources), config_path)
            if key not in read:
                read[key] = super().load_config(config_path)
            return copy.deepcopy(read[key])

    repository = loader.repository
    if type(repository) is not ConfigRepository:  # e.g. within another such block: as it is
        yield
        return
    repository.__class__ = ReadOnce
    try:
        yield
    finally:
        repository.__class__ = ConfigRepository


def loky_with_initializer(initializer: Callable[[], None]) -> bool:
    """joblib's "loky" backend, as Hydra's joblib launcher asks for it, runs `initializer` in each
    worker as it starts. False (nothing changed) with another joblib."""
    try:
        import joblib
        from joblib import register_parallel_backend
        from joblib._parallel_backends import LokyBackend
    except ImportError:
        return False
    if not joblib.__version__.startswith(JOBLIB_WRITTEN_FOR):
        return False

    def loky(**kwargs: Any) -> Any:
        return LokyBackend(initializer=initializer, **kwargs)

    register_parallel_backend("loky", loky)
    return True

