"""What `python3 -m sim.records describe` prints for each bad or awkward records file of the
tests (tests/records_cases.py), one numbered line per file: the issue 21 list.

    python3 scripts/records_bad_files.py
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from records_cases import CASES  # noqa: E402
from sim.records.__main__ import main  # noqa: E402


def printed(folder: Path, name: str, content: bytes) -> tuple[int, list[str]]:
    """The exit code and the lines describe prints for one file (its folder left out)."""
    path = folder / f"{name}.csv"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["describe", str(path), "--out", str(folder / f"out_{name}"), "--no-charts"])
    text = (err.getvalue() + out.getvalue()).replace(f"{folder}/", "")
    return code, [line.strip() for line in text.splitlines()
                  if line.strip() and not line.startswith("tables and")]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, content, _) in enumerate(CASES, 1):
            code, lines = printed(Path(folder), name, content)
            print(f"{number}. `{name}` (exit {code}): " + "; ".join(f"`{l}`" for l in lines))
