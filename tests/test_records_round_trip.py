"""A run's appointments exported as records (sim/records/export.py) and read back give the run's
own no-show by clinic and stage, exactly: the committed example, and a fresh short run."""

import re
from pathlib import Path

import pandas as pd
import pytest

from sim.enums import Stage
from sim.records.__main__ import main
from sim.records.describe import described_tables
from sim.records.read import read_records

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "records"
COUNTS = {"booked": "appointments_booked", "planned": "planned", "attended": "attended",
          "no_shows": "no_shows", "cancelled": "late_cancellations"}


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(tmp_path / "records.key"))


def _assert_same_as_run(tables: dict, summary: pd.DataFrame) -> None:
    run = summary.set_index("clinic")
    by_clinic = tables["no_show_by_clinic"].set_index("clinic")
    assert not by_clinic.suppressed.any()
    for ours, theirs in COUNTS.items():
        assert by_clinic[ours].astype(int).to_dict() == run[theirs].drop("all").to_dict(), ours
    assert by_clinic.no_show_rate.to_dict() == run.no_show_rate.drop("all").to_dict()
    by_stage = tables["no_show_by_clinic_and_stage"].set_index(["clinic", "stage"]).no_show_rate
    for (clinic, stage), rate in by_stage.items():
        assert rate == run.loc[clinic, f"no_show_rate_{stage}"], (clinic, stage)
    stages = tables["no_show_by_stage"].set_index("stage").no_show_rate
    assert stages.to_dict() == {s.value: run.loc["all", f"no_show_rate_{s.value}"] for s in Stage}


def test_the_example_export_gives_its_runs_no_show_by_clinic_and_stage():
    records = read_records(EXAMPLE / "ostfold_synthetic.csv")
    assert records.report.encoding == "utf-8-sig" and records.report.separator == ";"
    assert len(records.report.rejected) == 0
    _assert_same_as_run(described_tables(records), pd.read_csv(EXAMPLE / "run_summary.csv"))
    fte = described_tables(records)["appointments_per_fte"].set_index("clinic").clinic_fte
    run = pd.read_csv(EXAMPLE / "run_summary.csv").set_index("clinic").clinical_fte
    assert fte.to_dict() == run.drop("all").to_dict()


def test_a_fresh_run_exported_and_read_back_matches_it(tmp_path, capsys):
    from conftest import short_config
    from sim.results.output import write_run
    from sim.simulate import simulate

    results = simulate(short_config("scale=0.5", "horizon_days=120"))
    write_run(results, tmp_path / "run", draw_charts=False)
    exported = tmp_path / "records.csv"
    assert main(["export", str(tmp_path / "run"), "--out", str(exported)]) == 0
    assert capsys.readouterr().out == f"{len(results.appointments)} appointments written to " \
                                      f"{exported}\n"
    text = exported.read_text(encoding="utf-8-sig")
    assert "Ikke møtt" in text and ";Utredning;" in text
    assert re.search(r"\d{4}-\d\d-\d\d", text) is None  # dates as dd.mm.yyyy
    records = read_records(exported)
    assert records.report.rows_used == len(results.appointments)
    _assert_same_as_run(described_tables(records), results.summary)


def test_exporting_a_folder_that_is_no_run_gives_one_line(tmp_path, capsys):
    assert main(["export", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path}: not a finished run: no "
                                       "appointments.csv, patients.csv, summary.csv (a folder "
                                       "python3 run.py wrote)\n")
