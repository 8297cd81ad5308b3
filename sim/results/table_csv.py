"""A table written as CSV by pandas (`DataFrame.to_csv(index=False)`), and the SHA-256 of the
bytes written, taken from them rather than by reading the file again.

(A hand-written writer of the same bytes once stood here: it saved under 1% of a run's time,
as benchmarks/bench_tricks.py measured before issue 20 removed it.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd


def write_table(table: pd.DataFrame, path: Path) -> dict:
    """Write `table` to `path` as `table.to_csv(path, index=False)` does; return what run_info.json
    records of it: its rows and SHA-256."""
    data = table.to_csv(index=False).encode()  # UTF-8, os.linesep: the bytes to_csv(path) writes
    with open(path, "wb") as stream:
        stream.write(data)
    return {"rows": int(len(table)), "sha256": hashlib.sha256(data).hexdigest()}
