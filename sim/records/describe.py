"""`python3 -m sim.records describe FILE`: tidy tables and charts of what the records show.

Written all or nothing into one folder: the reading report (`reading.txt`, and the rejected
rows' lines and reasons in `rejected_rows.csv`), a CSV per table and a PNG per no-show table.
No file holds a patient or clinician key, hashed or not: every table is an aggregate, and rows
from fewer than 5 patients are suppressed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.files import write_all_or_nothing
from sim.records import pathway_tables as pathway
from sim.records.no_show_tables import no_show_tables
from sim.records.read import Records


def described_tables(records: Records) -> dict[str, pd.DataFrame]:
    """`file stem -> table`: every table describe writes (none when no row was used)."""
    appointments = records.appointments
    if appointments.empty:
        return {}
    tables = {f"no_show_by_{name}": table for name, table in no_show_tables(appointments).items()}
    tables["no_show_after_previous"] = pathway.after_previous(appointments)
    tables["waits"] = pathway.waits(appointments)
    courses = pathway.courses(appointments)
    tables["course_lengths"] = pathway.course_lengths(courses)
    tables["course_endings"] = pathway.course_endings(courses)
    if (per_fte := pathway.per_fte(appointments)) is not None:
        tables["appointments_per_fte"] = per_fte
    return tables


def describe(records: Records, out: Path, charts: bool = True) -> list[Path]:
    """Write the reading report, the tables and (with `charts`) the charts into `out`."""
    tables = described_tables(records)

    def write(folder: Path) -> None:
        report = records.report
        (folder / "reading.txt").write_text("\n".join(report.lines()) + "\n", encoding="utf-8")
        report.rejected.to_csv(folder / "rejected_rows.csv", index=False)
        for name, table in tables.items():
            table.to_csv(folder / f"{name}.csv", index=False)
        if charts:
            _draw(tables, folder)

    return write_all_or_nothing(Path(out), write)


def _draw(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    from sim.records.charts import no_show_chart  # matplotlib only when drawing

    for name, table in tables.items():
        if name.startswith("no_show_by_"):
            no_show_chart(table, name.removeprefix("no_show_by_"), folder / f"{name}.png")
    if "no_show_after_previous" in tables:
        no_show_chart(tables["no_show_after_previous"], "after_previous",
                      folder / "no_show_after_previous.png")
