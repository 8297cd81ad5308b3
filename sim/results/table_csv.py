"""A table written as CSV: the very bytes of pandas' `DataFrame.to_csv(index=False)`, written
faster, and its SHA-256 taken while it is written (not by reading the file again).

pandas hands every cell to Python's csv writer, one at a time: about 2.5 s for the 600,000
appointments of a run at scale 50. Here each column of a block of rows becomes text once per
distinct value (a date, a clinic key, a patient id is converted once per block), and the rows are
joined a block at a time. A table whose text this cannot match exactly (a column of another type,
a text that needs quotes) is written by pandas itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from sim.files import file_sha256

BLOCK_ROWS = 100_000  # rows turned into text at a time: the text of a block stays a few MB
NEEDS_QUOTES = re.compile(r'[,"\r\n]')  # pandas' csv writer would quote such a field
TEXT_TYPES = (str, dt.date)  # object columns written as str(value): none equals a value of another


class NotPlain(Exception):
    """The table has a column or a text that only pandas' own writer writes exactly."""


def write_table(table: pd.DataFrame, path: Path) -> dict:
    """Write `table` to `path` as `table.to_csv(path, index=False)` would; return what run_info.json
    records of it: its rows and SHA-256."""
    digest = hashlib.sha256()
    try:
        with open(path, "wb") as stream:
            for block in csv_blocks(table):
                stream.write(block)
                digest.update(block)
        sha256 = digest.hexdigest()
    except NotPlain:
        table.to_csv(path, index=False)
        sha256 = file_sha256(Path(path))
    return {"rows": int(len(table)), "sha256": sha256}


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
