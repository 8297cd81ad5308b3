"""Reading a records file: text, keys hashed, words read, rows checked, columns typed.

`read_records(path)` gives the rows used, with their types, and a reading report: the rows read,
used and rejected (each with its line and reason), so that nothing is dropped unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.enums import Stage
from sim.records.check import REASONS, rejected_rows
from sim.records.keys import hashed, machine_secret
from sim.records.table_text import TableText, read_table_text
from sim.records.vocabulary import (
    DATES, KEYS, NUMBERS, OUTCOME_WORDS, STAGE_WORDS, YES_NO, parse_dates, parse_numbers, words_of,
)


@dataclass
class Records:
    """The rows used (one per booked appointment) and how the file was read."""

    appointments: pd.DataFrame
    report: "ReadingReport"


@dataclass
class ReadingReport:
    path: Path
    encoding: str
    separator: str
    header_line: int
    rows_read: int
    rejected: pd.DataFrame  # line, reason: no cell of the file
    blank_lines: int
    unused_columns: tuple[str, ...]

    @property
    def rows_used(self) -> int:
        return self.rows_read - len(self.rejected)

    def counts(self) -> dict[str, int]:
        """Rows rejected per reason, in the order of REASONS."""
        counted = self.rejected.reason.value_counts()
        return {reason: int(counted[reason]) for reason in REASONS if reason in counted}

    def lines(self) -> list[str]:
        """What a person reads about the reading: a few lines, no cell of the file."""
        said = [f"{self.path}: {self.rows_read} rows read, {self.rows_used} used, "
                f"{len(self.rejected)} rejected"]
        said += [f"  rejected, {reason}: {count}" for reason, count in self.counts().items()]
        if self.header_line > 1:
            said.append(f"  the header is on line {self.header_line}; the "
                        f"{self.header_line - 1} lines above it were skipped")
        if self.blank_lines:
            said.append(f"  blank rows skipped: {self.blank_lines}")
        if self.unused_columns:
            said.append(f"  columns not used: {', '.join(self.unused_columns)}")
        return said


def read_records(path: Path, stage_map: dict[str, Stage] | None = None) -> Records:
    """The records in `path`; RecordsError (one line) if it is not a records table at all."""
    table = read_table_text(Path(path))
    cells = _read_words(_hash_keys(table.cells), stage_map or {})
    reasons = {line: "wrong number of fields" for line in table.bad_rows}
    reasons |= rejected_rows(cells)
    lines = sorted(reasons)
    rejected = pd.DataFrame({"line": lines, "reason": [reasons[line] for line in lines]})
    used = cells.drop(index=[line for line in reasons if line in cells.index])
    report = ReadingReport(Path(path), table.encoding, table.separator, table.header_line,
                           len(cells) + len(table.bad_rows), rejected, table.blank_lines,
                           table.unused_columns)
    return Records(_typed(used), report)


def _hash_keys(cells: pd.DataFrame) -> pd.DataFrame:
    present = [column for column in KEYS if column in cells]
    if not present:
        return cells
    secret = machine_secret()
    return cells.assign(**{column: hashed(cells[column], secret) for column in present})


def _read_words(cells: pd.DataFrame, stage_map: dict[str, Stage]) -> pd.DataFrame:
    """Outcomes, stages and yes/no in the model's words; an unknown word is kept as it is read
    (lower case), for the check to reject."""
    stage_words = {**STAGE_WORDS, **stage_map}
    read = {"outcome": words_of(cells.outcome).map(lambda w: _value(OUTCOME_WORDS, w)),
            "stage": words_of(cells.stage).map(lambda w: _value(stage_words, w)),
            "clinic": cells.clinic}
    if "reminder_sent" in cells:
        read["reminder_sent"] = words_of(cells.reminder_sent)
    return cells.assign(**read)


def _value(known: dict, word):
    if not isinstance(word, str):
        return word
    return known[word].value if word in known else word


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    """The used rows with dates as timestamps, numbers as floats and yes/no as booleans."""
    typed = rows.assign(**{c: parse_dates(rows[c]) for c in DATES if c in rows},
                        **{c: parse_numbers(rows[c]) for c in NUMBERS if c in rows})
    if "reminder_sent" in rows:
        typed["reminder_sent"] = rows.reminder_sent.map(YES_NO, na_action="ignore")
    typed["lead_days"] = (typed.scheduled_for.dt.normalize()
                          - typed.booked_on.dt.normalize()).dt.days
    typed.index.name = "line"
    return typed
