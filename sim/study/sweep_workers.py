"""The worker processes of a parallel sweep (hydra/launcher=parallel or joblib) end when it ends.

joblib's workers are separate processes that outlive a launching process that is killed (SIGKILL,
SIGTERM, a closed terminal): they would go on simulating, or wait for work, for minutes. So the
launching process marks itself in the environment the workers inherit, and each worker, as soon
as it starts (joblib's "loky" backend is given an initializer for that, sim/internals.py; the
project's launcher, sim/study/launcher.py, calls it from its own) and again at each job,
makes sure a thread runs that ends the worker once its parent is no longer the launching process
(an orphan is adopted by another process). A job cut short this way leaves no finished record, so
resuming the sweep runs it again.
"""

from __future__ import annotations

import os
import threading
import time

LAUNCHER = "SIM_SWEEP_LAUNCHER_PID"  # the launching process's id, inherited by its workers
POLL_SECONDS = 0.5
EXIT_CODE = 3  # a worker ended because its launching process had gone

_watching = False


def mark_launcher(joblib_workers: bool = True) -> None:
    """In the launching process, before any worker starts; `joblib_workers`: the sweep's
    launcher is joblib's (other launchers' workers need no joblib, nor its import)."""
    os.environ[LAUNCHER] = str(os.getpid())
    if not joblib_workers:
        return
    from sim.internals import loky_with_initializer

    # a worker that never gets a job must watch too: from its start (with another joblib, or
    # none, workers watch from their first job)
    loky_with_initializer(watch_launcher)


def watch_launcher() -> None:
    """In a job: if this process is a worker of the launching process, end it when that goes.

    Does nothing in the launching process itself (the basic launcher runs jobs there), so a
    sweep started in the background (nohup) goes on after its terminal closes.
    """
    global _watching
    launcher = _launcher_pid()
    if _watching or launcher is None or launcher == os.getpid() or os.getppid() != launcher:
        return
    _watching = True
    threading.Thread(target=_end_when_orphaned, args=(launcher,), daemon=True,
                     name="sweep-launcher-watch").start()


def _launcher_pid() -> int | None:
    try:
        return int(os.environ[LAUNCHER])
    except (KeyError, ValueError):
        return None


def _end_when_orphaned(launcher: int) -> None:
    while os.getppid() == launcher:
        time.sleep(POLL_SECONDS)
    os._exit(EXIT_CODE)  # no clean-up: nobody is left to receive this worker's results
