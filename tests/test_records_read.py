"""Reading records files (sim/records/read.py): each bad or awkward file gives the right rows
used and rejected per reason, or one line, never a traceback (tests/records_cases.py)."""

import pytest

from records_cases import CASES, GOOD, table, utf8
from sim.records import RecordsError
from sim.records.__main__ import main
from sim.records.read import read_records
from sim.records.stage_map import read_stage_map


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(tmp_path / "records.key"))


@pytest.mark.parametrize("name,content,expected", CASES, ids=[c[0] for c in CASES])
def test_each_file_gives_its_count_and_reason_or_one_line(tmp_path, capsys, name, content,
                                                          expected):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    code = main(["describe", str(path), "--out", str(tmp_path / "out"), "--no-charts"])
    printed = capsys.readouterr()
    if isinstance(expected, str):
        assert code == 2
        assert printed.err == f"error: {path}{expected}\n"
        assert printed.out == "" and not (tmp_path / "out").exists()
        return
    used, reasons = expected
    report = read_records(path).report
    assert (report.rows_used, report.counts()) == (used, reasons)
    assert len(report.rejected) == sum(reasons.values())  # each rejected row once, with a line
    assert code == 0 and printed.err == ""
    written = (tmp_path / "out" / "rejected_rows.csv").read_text().splitlines()
    assert written[0] == "line,reason" and len(written) == 1 + sum(reasons.values())


def test_rejected_rows_name_their_line_in_the_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Timebok\n\n" + table(*GOOD, "1;Askim;Utredning;31.02.2005;15.03.2005;Møtt",
                                         GOOD[0]))
    rejected = read_records(path).report.rejected
    assert rejected.to_dict("records") == [{"line": 8, "reason": "booked_on impossible"},
                                           {"line": 9, "reason": "duplicate"}]


def test_a_stage_mapping_reads_a_trusts_own_appointment_types(tmp_path):
    path, mapping = tmp_path / "r.csv", tmp_path / "stages.csv"
    path.write_bytes(utf8(table(*GOOD, "9;Moss;Kontroll;01.03.2005;08.03.2005;Møtt",
                                "9;Moss;Førstegangssamtale;01.02.2005;08.02.2005;Møtt")))
    mapping.write_text("appointment_type;stage\nKontroll;treatment\n"
                       "Førstegangssamtale;utredning\n")
    records = read_records(path, read_stage_map(mapping))
    assert records.report.rows_used == 6
    assert list(records.appointments.stage[-2:]) == ["treatment", "assessment"]


def test_a_bad_stage_mapping_gives_one_line(tmp_path):
    mapping = tmp_path / "stages.csv"
    mapping.write_text("appointment_type;stage\nKontroll;follow-up\n")
    with pytest.raises(RecordsError, match=r"stages.csv, line 2: the stage must be one of"):
        read_stage_map(mapping)


def test_a_missing_file_or_a_folder_gives_one_line(tmp_path, capsys):
    assert main(["describe", str(tmp_path / "none.csv")]) == 2
    assert main(["describe", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path / 'none.csv'}: no such file\n"
                                       f"error: {tmp_path}: is a folder, not a records file\n")


def test_dates_and_numbers_are_typed(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(CASES[[c[0] for c in CASES].index("comma_separated_decimal_commas")][1])
    rows = read_records(path).appointments
    assert list(rows.travel_minutes) == [34.5, 12.0]
    assert list(rows.clinic_fte) == [4.2, 4.2]
    assert str(rows.scheduled_for.iloc[0].date()) == "2005-02-15" and rows.lead_days.iloc[0] == 14
