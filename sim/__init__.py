"""Agent-based simulation of attendance at outpatient substance-use clinics.

Mesa <= 3.3.1 sets multiprocessing's start method to "spawn" when it is imported (its batch
runner), which makes every worker process of a parallel sweep start slowly. Mesa is imported only
by the modules that simulate, so that commands that do not (compare, report, a sweep's launching
process) need not wait for it; when it is imported, the start method it found is given back.
"""

import importlib.abc
import importlib.util
import multiprocessing as _mp
import sys


class _GiveBackStartMethod(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when `mesa` is first imported, runs Mesa's own loader and then
    restores the start method that was set before."""

    def find_spec(self, name, path=None, target=None):
        if name != "mesa":
            return None
        sys.meta_path.remove(self)  # once is enough; and find the real spec without this finder
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            method = _mp.get_start_method(allow_none=True)
            try:
                load(module)
            finally:
                _mp.set_start_method(method, force=True)

        spec.loader.exec_module = exec_module
        return spec


if "mesa" not in sys.modules:
    sys.meta_path.insert(0, _GiveBackStartMethod())
