"""Independent checks on several cores: the pre-check of a sweep composes each scenario in a
forked process (sim/config/precheck.py), so its time does not grow with the scenarios.

Forking, not spawning: a child inherits Hydra and the modules already loaded, and nothing is sent
to it but a number; only the (small) results come back. Where forking is not safe (no fork, or
threads running, as in a test runner's worker), or for one task, the tasks run here in turn.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Any, Callable

_task: Callable[[int], Any] | None = None  # the parent's task, inherited by its forked children


def can_fork() -> bool:
    """Whether forking is there and safe: a forked copy of a process with other threads running
    could inherit a lock one of them holds."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def forked_map(task: Callable[[int], Any], count: int) -> list[Any]:
    """[task(0), ..., task(count - 1)], in forked processes when that helps and is safe.

    `task` must return something picklable; an exception it raises is raised here.
    """
    global _task
    workers = min(count, os.cpu_count() or 1)
    if workers < 2 or not can_fork():
        return [task(i) for i in range(count)]
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(count), chunksize=1)
    finally:
        _task = None


def _run(index: int) -> Any:
    assert _task is not None
    return _task(index)
