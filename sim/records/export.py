"""`python3 -m sim.records export RUN_FOLDER`: a finished run's appointments as records.

One row per booked appointment of the run's counted window, in the records format as a
Norwegian system writes it: `;` between cells, dd.mm.yyyy, "Møtt", "Ikke møtt", "Avlyst",
Norwegian stage names and decimal commas, UTF-8 with a byte-order mark (as spreadsheets save it).
The patient keys are the run's patient numbers (`sim-000056`): the run's patients are made up.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.enums import Outcome, Stage
from sim.files import table_problems, write_all_or_nothing
from sim.records import RecordsError
from sim.records.vocabulary import OUTCOME_NB, STAGE_NB

RUN_TABLES = ("appointments.csv", "patients.csv", "summary.csv")
DAY = "%d.%m.%Y"


def export_run(run_folder: Path, out: Path | None = None) -> tuple[Path, int]:
    """Write the run's appointments as records to `out` (default
    outputs/records/<run folder's name>.csv); return the file and its rows."""
    run_folder = Path(run_folder)
    appointments, patients, summary = _run_tables(run_folder)
    records = records_of_run(appointments, patients, summary)
    out = Path(out) if out else Path("outputs") / "records" / f"{run_folder.name}.csv"

    def write(staging: Path) -> None:
        records.to_csv(staging / out.name, sep=";", index=False, encoding="utf-8-sig")

    write_all_or_nothing(out.parent, write)
    return out, len(records)


def _run_tables(folder: Path) -> tuple[pd.DataFrame, ...]:
    if not folder.is_dir():
        raise RecordsError(f"{folder}: no such run folder")
    missing = [name for name in RUN_TABLES if not (folder / name).is_file()]
    if missing:
        raise RecordsError(f"{folder}: not a finished run: no {', '.join(missing)} (a folder "
                           "python3 run.py wrote)")
    if problems := table_problems(folder, RUN_TABLES):
        raise RecordsError(f"{folder}: the run's tables are not as written: {problems[0]}")
    return tuple(pd.read_csv(folder / name, dtype={"patient_id": "int64"}, keep_default_na=True)
                 for name in RUN_TABLES)


def records_of_run(appointments: pd.DataFrame, patients: pd.DataFrame,
                   summary: pd.DataFrame) -> pd.DataFrame:
    """The run's appointments in the records format, Norwegian spellings."""
    who = patients.set_index("patient_id")
    person = appointments.patient_id
    fte = summary.set_index("clinic").clinical_fte
    reminded = appointments.get("reminder", pd.Series("none", index=appointments.index))
    return pd.DataFrame({
        "patient_key": person.map("sim-{:06d}".format),
        "clinic": appointments.clinic,
        "stage": appointments.stage.map({s.value: STAGE_NB[s] for s in Stage}),
        "booked_on": _days(appointments.booked_on),
        "scheduled_for": _days(appointments.scheduled_for),
        "outcome": appointments.outcome.map({o.value: OUTCOME_NB[o] for o in Outcome}),
        "referral_date": _days(person.map(who.referral_date)),
        "age_group": person.map(who.age_group),
        "travel_minutes": person.map(who.travel_minutes).map(_decimal_comma, na_action="ignore"),
        "reminder_sent": reminded.ne("none").map({True: "ja", False: "nei"}),
        "clinic_fte": appointments.clinic.map(fte).map(_decimal_comma, na_action="ignore"),
    })


def _days(iso_dates: pd.Series) -> pd.Series:
    return pd.to_datetime(iso_dates, format="%Y-%m-%d").dt.strftime(DAY)


def _decimal_comma(number: float) -> str:
    return f"{number:g}".replace(".", ",")
