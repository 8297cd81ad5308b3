"""A records file as text and rows: its encoding, separator, header line and cells.

A spreadsheet saved as CSV often has a block of title lines above the table (the trust's name,
the period, who took it out): the header is the first line naming the records' columns, and the
lines above it are skipped and counted. Cells are kept as text here; vocabulary.py reads them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.records import RecordsError
from sim.records.vocabulary import COLUMNS, REQUIRED

SEPARATORS = (";", ",", "\t")
HEADER_SEARCH_LINES = 50  # how far down a header block may push the header
BOM = b"\xef\xbb\xbf"


@dataclass
class TableText:
    """The rows of a records file as text, indexed by their line number in the file."""

    cells: pd.DataFrame
    encoding: str
    separator: str
    header_line: int
    bad_rows: dict[int, str] = field(default_factory=dict)  # line -> reason, e.g. a short row
    blank_lines: int = 0
    unused_columns: tuple[str, ...] = ()


def read_table_text(path: Path) -> TableText:
    text, encoding = decode(read_bytes(path), path)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise RecordsError(f"{path}: the file is empty")
    at, separator, names = find_header(lines, path)
    table = TableText(pd.DataFrame(), encoding, separator, at + 1)
    rows, lines_of = [], []
    reader = csv.reader(io.StringIO("\n".join(lines[at + 1:])), delimiter=separator)
    for cells in reader:
        line = at + 1 + reader.line_num  # the row's last physical line, counted from 1
        if not any(cell.strip() for cell in cells):
            table.blank_lines += 1
            continue
        if len(cells) > len(names) and not any(c.strip() for c in cells[len(names):]):
            cells = cells[:len(names)]  # empty cells after the last column (spreadsheets add them)
        if len(cells) != len(names):
            table.bad_rows[line] = f"{len(cells)} fields, the header has {len(names)}"
            continue
        rows.append(cells)
        lines_of.append(line)
    used = [i for i, name in enumerate(names) if name in COLUMNS]
    frame = pd.DataFrame([[row[i] for i in used] for row in rows], index=lines_of,
                         columns=[names[i] for i in used], dtype=object)
    table.cells = frame.map(lambda cell: cell.strip() or None)
    table.unused_columns = tuple(name for name in names if name not in COLUMNS and name)
    if frame.empty and not table.bad_rows:
        raise RecordsError(f"{path}: no rows below the header (line {at + 1})")
    return table


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RecordsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RecordsError(f"{path}: is a folder, not a records file") from None
    except OSError as error:
        raise RecordsError(f"{path}: cannot be read ({error.strerror})") from None


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RecordsError(f"{path}: is UTF-16 text; save it as CSV in UTF-8 or Windows-1252")
    if raw.startswith(b"PK\x03\x04"):
        raise RecordsError(f"{path}: is a spreadsheet workbook (e.g. .xlsx), not a CSV file; "
                           "save it as CSV")
    if b"\x00" in raw[:4096]:
        raise RecordsError(f"{path}: is not a text table (it holds binary data; save it as CSV)")
    if raw.startswith(BOM):
        return _decoded(raw[len(BOM):], "utf-8", path), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decoded(raw, "cp1252", path), "cp1252"


def _decoded(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise RecordsError(f"{path}: is neither UTF-8 nor Windows-1252 text (byte "
                           f"{error.start + 1}); save it as CSV in UTF-8") from None


def column_name(cell: str) -> str:
    """A header cell as a column name: trimmed, lower case, spaces as underscores."""
    return "_".join(cell.strip().strip("\ufeff").lower().split())


def find_header(lines: list[str], path: Path) -> tuple[int, str, list[str]]:
    """(index, separator, column names) of the first line naming at least two of the records'
    columns; one line naming the missing columns or saying it is no table otherwise."""
    for at, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        splits = {sep: [column_name(c) for c in next(csv.reader([line], delimiter=sep))]
                  for sep in SEPARATORS if line.strip()}
        if not splits:
            continue
        separator, names = max(splits.items(), key=lambda item: len(set(item[1]) & set(COLUMNS)))
        if len(set(names) & set(COLUMNS)) < 2:
            continue
        if missing := [name for name in REQUIRED if name not in names]:
            raise RecordsError(f"{path}, line {at + 1}: no column {', '.join(missing)} (the "
                               f"required columns are {', '.join(REQUIRED)})")
        if duplicated := sorted({n for n in names if n in COLUMNS and names.count(n) > 1}):
            raise RecordsError(f"{path}, line {at + 1}: column {', '.join(duplicated)} "
                               "appears twice")
        return at, separator, names
    raise RecordsError(f"{path}: is not a records table: no line among its first "
                       f"{HEADER_SEARCH_LINES} names the columns {', '.join(REQUIRED)}")
