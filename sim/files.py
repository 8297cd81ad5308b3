"""Writing result files all or nothing, and errors as one line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable


def write_all_or_nothing(folder: Path, write: Callable[[Path], None]) -> list[Path]:
    """Call `write(staging)` to make files in a hidden staging folder inside `folder`, then move
    them into `folder`. If anything fails, no new file is left behind (and a folder this call
    created is removed). Returns the paths written."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    moved: list[Path] = []
    try:
        write(staging)
        for item in sorted(staging.iterdir()):
            target = folder / item.name
            item.replace(target)
            moved.append(target)
        return moved
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def one_line(error: BaseException) -> str:
    """The first line of an error's message, or its type when it has none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
