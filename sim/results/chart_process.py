"""A run's charts drawn in a second process, so that a run's two halves overlap on two cores.

Started (forked) before the run imports Mesa and simulates, the second process imports matplotlib
(a third of a second) meanwhile; it is then sent the small tables the charts are drawn from, and
draws them while the first process writes the big tables. The charts go into the run's staging
folder like every other file, and the first process waits for them before the files are moved in,
so the results stay all or nothing: an error in the second process is raised in the first.

A single run uses it (`run.py`; a sweep's jobs already fill the cores), and so does the end of a
sweep for its comparison chart (`sim.study.compare_chart.ChartDrawing`), both through
`start_chart_process`: where forking is not safe (no fork, or threads running, as in a test
runner) it gives None and the charts are drawn in the process itself. It buys about a quarter of a
single run's wait (docs/architecture.md, "Tricks kept"; benchmarks/bench_tricks.py).
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
from typing import Any

RUN_CHARTS = "sim.results.charts:run_charts"  # a run's charts


def start_chart_process(draw: str = RUN_CHARTS) -> ChartProcess | None:
    """A ChartProcess for `draw`, started now, where forking is there and safe; else None (the
    caller draws in its own process)."""
    from sim.config.forked import can_fork

    return ChartProcess(draw) if can_fork() else None


class ChartProcess:
    """A forked process that imports the drawing function `draw` ("module:function"), then draws
    it on the arguments sent by `send`; `wait` returns when it is done and raises its error, if any."""

    def __init__(self, draw: str = RUN_CHARTS) -> None:
        task_read, task_write = os.pipe()
        done_read, done_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the second process: never returns
            os.close(task_write)
            os.close(done_read)
            _serve(draw, task_read, done_write)
        os.close(task_read)
        os.close(done_write)
        self._to_it, self._from_it = os.fdopen(task_write, "wb"), os.fdopen(done_read, "rb")

    def send(self, *args: Any) -> None:
        with self._to_it:
            pickle.dump(args, self._to_it, protocol=pickle.HIGHEST_PROTOCOL)

    def wait(self) -> None:
        """Wait for the task sent; raise the error it raised, if any."""
        with self._from_it:
            answer = self._from_it.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if not answer:
            raise RuntimeError(f"the process drawing the charts ended without drawing them (status {status})")
        error = pickle.loads(answer)
        if error is not None:
            raise error

    def close(self) -> None:
        """Stop the process if it was not waited for (the run failed): no chart of it may appear
        in the staging folder after this."""
        self._to_it.close()
        self._from_it.close()
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def _serve(draw: str, task_read: int, done_write: int) -> None:
    """The second process's whole life; its exit skips the first's exit handlers and buffers."""
    try:
        try:
            module, function = draw.split(":")
            run_charts = getattr(importlib.import_module(module), function)
            error = None
        except Exception as failed:  # e.g. no matplotlib: said where the charts are wanted
            error = failed
        with os.fdopen(task_read, "rb") as pipe:
            message = pipe.read()
        if message and error is None:
            try:
                run_charts(*pickle.loads(message))
            except Exception as failed:  # raised in the first process, where it is handled
                error = failed
        if message:
            with os.fdopen(done_write, "wb") as pipe:
                pipe.write(_pickled(error))
    except BaseException:  # e.g. Ctrl-C, which the first process reports
        os._exit(1)
    os._exit(0)


def _pickled(error: Exception | None) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:  # an error that does not pickle goes back as its message
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
