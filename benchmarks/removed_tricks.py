"""The speed tricks taken out of sim/ (issue 18 item 11), kept here only so that
benchmarks/bench_tricks.py can measure them against the public way that replaced them. Each
`put_back_*` puts one back into the running process; nothing in sim/ imports this module.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import hashlib
import os
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd


def put_back_csv_writer() -> None:
    """The hand-written CSV writer (sim/results/table_csv.py before): pandas' bytes, by block."""
    import sim.results.output as output

    output.write_table = write_table_by_hand


def put_back_philox_ctypes() -> None:
    """Each block's Philox key and counter written into numpy's C state through ctypes."""
    import sim.streams as streams

    streams.KeyedUniforms.block = block_through_ctypes


def put_back_gc_freeze() -> None:
    """The finished model set aside by gc.freeze instead of freed by gc.collect (a single run)."""
    import sim.simulate as simulate

    simulate.gc = _FreezeInsteadOfCollect()


def put_back_site_counts() -> None:
    """The daily counts as a dict whose __deepcopy__ returns itself (Mesa deep-copies each)."""
    import sim.model as model

    daily_series = model.AttendanceModel._daily_series
    model.AttendanceModel._daily_series = lambda self: {
        name: (lambda report: lambda m: SiteCounts(report(m)))(report)
        for name, report in daily_series(self).items()}


class SiteCounts(dict):
    def __deepcopy__(self, memo) -> SiteCounts:
        return self


class _FreezeInsteadOfCollect:
    def __getattr__(self, name):
        return getattr(gc, name)

    def collect(self, generation: int = 2) -> int:
        gc.freeze()
        return 0


class _PhiloxState(ctypes.Structure):
    """The head of numpy's C `philox_state` (numpy/random/src/philox/philox.h)."""

    _fields_ = [("counter", ctypes.POINTER(ctypes.c_uint64 * 4)),
                ("key", ctypes.POINTER(ctypes.c_uint64 * 2)), ("buffer_pos", ctypes.c_int)]


def block_through_ctypes(self, key, counter, n: int) -> np.ndarray:
    c_state = self.__dict__.get("c_state")
    if c_state is None:
        c_state = self.c_state = _PhiloxState.from_address(self.bits.ctypes.state_address)
    c_key, c_counter = c_state.key.contents, c_state.counter.contents
    c_key[0], c_key[1] = key
    c_counter[0], c_counter[1], c_counter[2], c_counter[3] = counter
    c_state.buffer_pos = 4
    return self.rng.random(n)


def write_table_by_hand(table: pd.DataFrame, path: Path) -> dict:
    digest = hashlib.sha256()
    try:
        with open(path, "wb") as stream:
            for block in csv_blocks(table):
                stream.write(block)
                digest.update(block)
        sha256 = digest.hexdigest()
    except NotPlain:
        table.to_csv(path, index=False)
        sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {"rows": int(len(table)), "sha256": sha256}


BLOCK_ROWS = 100_000  # rows turned into text at a time: the text of a block stays a few MB
NEEDS_QUOTES = re.compile(r'[,"\r\n]')  # pandas' csv writer would quote such a field
TEXT_TYPES = (str, dt.date)  # object columns written as str(value): none equals a value of another


class NotPlain(Exception):
    """The table has a column or a text that only pandas' own writer writes exactly."""


def csv_blocks(table: pd.DataFrame) -> Iterator[bytes]:
    """The CSV text of `table` (header first), a block of rows at a time, as UTF-8. Raises
    NotPlain, before the first block, when a column's type is not one written here, and at the
    block where a text would need quotes."""
    names = list(table.columns)
    if len(names) < 2 or not all(type(name) is str and not NEEDS_QUOTES.search(name) for name in names):
        raise NotPlain  # e.g. one column: a row with an empty cell is written as ""
    kinds = [_kind(table[name]) for name in names]
    end = os.linesep  # pandas' line end
    yield (",".join(names) + end).encode()
    for first in range(0, len(table), BLOCK_ROWS):
        block = table.iloc[first:first + BLOCK_ROWS]
        columns = [_text(block.iloc[:, i], kind) for i, kind in enumerate(kinds)]
        yield (end.join(map(",".join, zip(*columns))) + end).encode()


def _kind(column: pd.Series) -> str:
    """How a column becomes text: "float" (numpy's shortest repr, as pandas writes it) or
    "distinct" (str() of each distinct value); NotPlain for any other type."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return "float"
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return "distinct"
    if isinstance(dtype, pd.StringDtype) or dtype == object:
        return "distinct"  # an object column's values are checked per block (_text)
    raise NotPlain


def _text(column: pd.Series, kind: str) -> list[str]:
    """Each cell's text; a missing value is the empty string, as pandas writes it."""
    if kind == "float":  # not by distinct value: -0.0 equals 0.0 but is written "-0.0"
        text = column.to_numpy().astype(str).astype(object)
        text[column.isna().to_numpy()] = ""
        return text.tolist()
    codes, distinct = pd.factorize(column)  # a missing value has the code -1
    if column.dtype == object and not all(type(value) in TEXT_TYPES for value in distinct):
        raise NotPlain  # e.g. 1 and True are one distinct value but two texts
    words = [str(value) for value in distinct]
    if any(NEEDS_QUOTES.search(word) for word in words):
        raise NotPlain
    return np.array([*words, ""], dtype=object)[codes].tolist()  # code -1 picks the ""
