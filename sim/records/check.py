"""Checking the records' rows with pandera: every rejected row with its line and reason.

The schema is pandera's (lazy validation: every failure of every row, not the first); this module
only turns its failure cases into `line -> reason`, and never shows a cell: pandera's own report
prints the failing values, and a value may be a patient key.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pandera.pandas as pa

from sim.enums import Outcome, Stage, values
from sim.records.vocabulary import YES_NO, parse_dates, parse_numbers

# Every reason a row is rejected for, first the one a row is counted under when it has several.
REASONS = (
    "wrong number of fields", "patient_key missing", "clinic missing",
    "booked_on missing", "booked_on impossible", "scheduled_for missing",
    "scheduled_for impossible", "scheduled before booked", "outcome missing", "unknown outcome",
    "stage missing", "unknown stage", "referral_date impossible", "cancelled_at impossible",
    "unknown reminder_sent", "travel_minutes not a number", "clinic_fte not a number",
    "duplicate",
)
DUPLICATE_KEY = ("patient_key", "clinic", "stage", "_scheduled", "outcome")


def _date(column: str, required: bool) -> pa.Column:
    impossible = pa.Check(lambda cells: parse_dates(cells).notna(), name=f"{column} impossible")
    return pa.Column(None, impossible, nullable=not required, required=required)


def _number(column: str) -> pa.Column:
    check = pa.Check(lambda cells: parse_numbers(cells).ge(0), name=f"{column} not a number")
    return pa.Column(None, check, nullable=True, required=False)


SCHEMA = pa.DataFrameSchema(
    {
        "patient_key": pa.Column(None, nullable=False),
        "clinic": pa.Column(None, nullable=False),
        "booked_on": _date("booked_on", True),
        "scheduled_for": _date("scheduled_for", True),
        "outcome": pa.Column(None, pa.Check.isin(values(Outcome)), nullable=False),
        "stage": pa.Column(None, pa.Check.isin(values(Stage)), nullable=False),
        "referral_date": _date("referral_date", False),
        "cancelled_at": _date("cancelled_at", False),
        "reminder_sent": pa.Column(None, pa.Check.isin(list(YES_NO)), nullable=True,
                                   required=False),
        "travel_minutes": _number("travel_minutes"),
        "clinic_fte": _number("clinic_fte"),
    },
    checks=[pa.Check(lambda rows: ~(rows._scheduled.dt.normalize() < rows._booked.dt.normalize()),
                     name="scheduled before booked")],
    unique=list(DUPLICATE_KEY),
    report_duplicates="exclude_first",  # the first of identical rows is kept, the others rejected
)


def rejected_rows(rows: pd.DataFrame) -> dict[int, str]:
    """`line -> reason` of each row that fails the schema (its first reason in REASONS); rows
    are indexed by their line in the file, and hold words already read (vocabulary.py)."""
    rows = rows.assign(_booked=parse_dates(rows.booked_on),
                       _scheduled=parse_dates(rows.scheduled_for))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandera's notes would print cells
            SCHEMA.validate(rows, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return _first_reasons(errors.failure_cases)
    return {}


def _first_reasons(failures: pd.DataFrame) -> dict[int, str]:
    reasons: dict[int, str] = {}
    for column, check, line in zip(failures.column, failures.check, failures["index"]):
        reason = _reason(str(column), str(check))
        if pd.isna(line):  # a failure of the whole table, not of a row: none is expected
            raise ValueError(f"the records schema failed as a whole: {reason}")
        line = int(line)
        if line not in reasons or _rank(reason) < _rank(reasons[line]):
            reasons[line] = reason
    return reasons


def _rank(reason: str) -> int:
    return REASONS.index(reason) if reason in REASONS else len(REASONS)


def _reason(column: str, check: str) -> str:
    if check == "not_nullable":
        return f"{column} missing"
    if check.startswith("isin"):
        return f"unknown {column}"
    if check == "multiple_fields_uniqueness":
        return "duplicate"
    return check if check in REASONS else f"{column}: {check}"
