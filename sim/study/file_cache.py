"""Files read ahead: what the end of a sweep reads from each job folder, read while the sweep runs.

The launching process of a parallel sweep waits while its workers run the jobs
(sim/study/launcher.py). As each job ends, it reads that job's files (`remember`, through
sim/study/sweep_end.py), so that the comparison at the end (sim/study/compare.py) finds them read
and only computes. A file is served from memory only while it is unchanged on disk (the same
size, modification time and inode as when it was read), so a file written again since is read
again; each caller gets its own copy. Nothing is kept unless asked for: a comparison run on its
own (`python3 -m sim.study`) reads every file as before.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Callable

_kept: dict[tuple[Callable, str], tuple[tuple[int, int, int], Any]] = {}


def read(path: Path, reader: Callable[[Path], Any]) -> Any:
    """`reader(path)`, from memory if `remember` read this unchanged file already."""
    kept = _kept.get((reader, str(path)))
    if kept is not None and kept[0] == _stamp(path):
        return copy.deepcopy(kept[1])
    return reader(path)


def remember(path: Path, reader: Callable[[Path], Any]) -> None:
    """Read `path` now and keep what `reader` made of it (an error is left for the real read)."""
    try:
        before = _stamp(path)
        value = reader(path)
        if before is not None and _stamp(path) == before:  # not written while it was read
            _kept[(reader, str(path))] = (before, value)
    except Exception:  # noqa: BLE001 - unreadable now: the comparison reads it and says why
        pass


def forget() -> None:
    _kept.clear()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino
