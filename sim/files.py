"""Writing result files all or nothing, checking them when read back, and errors as one line."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

RUN_INFO = "run_info.json"  # a run's record; its "tables" key holds each table's rows and checksum
# (taken from the bytes written: sim/results/table_csv.py)

# Why a folder cannot be written, in the words a user reads (by errno).
_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "it is a folder",
}


class OutputError(OSError):
    """A result folder or file that cannot be written; str() is one line: "cannot write to X: why"."""

    def __init__(self, path: Path | str, reason: str, code: int | None = None) -> None:
        super().__init__(code, reason, str(path))
        self.path, self.reason = str(path), reason

    def __str__(self) -> str:
        return f"cannot write to {self.path}: {self.reason}"

    def __reduce__(self):  # survives the trip from a worker process (joblib) intact
        return type(self), (self.path, self.reason, self.errno)


def write_all_or_nothing(folder: Path, write: Callable[[Path], None]) -> list[Path]:
    """Call `write(staging)` to make files in a hidden staging folder inside `folder`, then move
    them into `folder`. If anything fails, no new file is left behind (and folders this call
    created are removed). Returns the paths written. Raises OutputError when `folder` cannot be
    written (a file, no permission, disk full)."""
    check_writable_path(folder)
    created = _missing_folders(folder)
    moved: list[Path] = []
    staging: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
        write(staging)
        for item in sorted(staging.iterdir()):
            target = folder / item.name
            item.replace(target)
            moved.append(target)
        return moved
    except BaseException as error:
        for path in moved:
            path.unlink(missing_ok=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        _remove_created(created)
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise output_error(folder, error) from error
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def output_error(folder: Path, error: OSError) -> OutputError:
    """`error`, met while writing into `folder`, as an OutputError naming the file or folder."""
    in_the_way = _file_in_the_way(folder)
    if in_the_way:
        return OutputError(folder, in_the_way, error.errno)
    reason = _REASONS.get(error.errno or 0) or (error.strerror or one_line(error)).lower()
    return OutputError(_path_in(folder, error.filename2 or error.filename), reason, error.errno)


def _path_in(folder: Path, name) -> Path:
    """The file in `folder` the error is about (as the user will see it, not staged), or `folder`."""
    try:
        path = Path(name)
        inside = path.relative_to(folder)
    except (TypeError, ValueError):
        return folder
    parts = inside.parts[1:] if inside.parts and inside.parts[0].startswith(".staging-") else inside.parts
    return folder.joinpath(*parts) if parts else folder


def check_writable_path(folder: Path) -> None:
    """Fail early, in the user's words, when `folder` or a folder above it is a file."""
    reason = _file_in_the_way(folder)
    if reason:
        raise OutputError(folder, reason, errno.ENOTDIR)


def _file_in_the_way(folder: Path) -> str | None:
    """Why `folder` cannot be a folder: it, or the nearest existing path above it, is a file."""
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            if path.is_dir():
                return None
            return "it is a file" if path == folder else f"{path} is a file"
    return None


def _missing_folders(folder: Path) -> list[Path]:
    """The folders, deepest first, that mkdir(parents=True) would create for `folder`."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing.append(path)
    return missing


def _remove_created(created: list[Path]) -> None:
    if created:
        shutil.rmtree(created[0], ignore_errors=True)
    for path in created[1:]:  # parents made for it: only if still empty (someone may use them)
        try:
            path.rmdir()
        except OSError:
            break


# ---------------------------------------------------------------------------------- checking tables

def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_problems(folder: Path, names: Iterable[str] | None = None) -> list[str]:
    """One line per table of the run in `folder` that is not as it was written: missing,
    truncated, or changed. `names` None checks every table recorded in run_info.json. A run
    written before tables were recorded (or without a readable run_info.json) cannot be checked:
    no problems."""
    try:
        tables = json.loads((Path(folder) / RUN_INFO).read_text()).get("tables")
    except (OSError, ValueError, AttributeError):
        return []
    if not isinstance(tables, dict):
        return []
    problems = []
    for name in tables if names is None else names:
        if name in tables:
            problem = _table_problem(Path(folder) / name, tables[name])
            if problem:
                problems.append(f"{name}: {problem}")
    return problems


def _table_problem(path: Path, written: dict) -> str | None:
    try:
        if file_sha256(path) == written.get("sha256"):
            return None
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"cannot be read ({one_line(error)})"
    rows = _count_rows(path)
    expected = written.get("rows")
    if rows is None:
        return "cannot be read as a table (truncated or edited?)"
    if isinstance(expected, int) and rows != expected:
        return f"{rows:,} rows, but {expected:,} were written (truncated or edited?)"
    if not _ends_a_line(path):  # every table is written with a line end after its last row
        return "ends in the middle of a row (truncated or edited?)"
    return "changed since it was written (checksum differs)"


def _ends_a_line(path: Path) -> bool:
    with open(path, "rb") as stream:
        stream.seek(0, 2)
        if stream.tell() == 0:
            return False
        stream.seek(-1, 2)
        return stream.read(1) == b"\n"


def _count_rows(path: Path) -> int | None:
    try:
        return len(pd.read_csv(path, usecols=[0]))
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None


def one_line(error: BaseException) -> str:
    """The first line of an error's message, or its type when it has none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
