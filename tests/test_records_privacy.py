"""No patient or clinician key, as written or hashed, reaches a file, a printed line or a log
line of `python3 -m sim.records describe` or `fit`; the secret stays in its key file."""

import logging
import os

import pytest

from sim.records.__main__ import main
from sim.records.keys import key_file

HEADER = "patient_key;clinic;stage;booked_on;scheduled_for;outcome;clinician_key;age_group"
STAGES = ("Utredning", "Første behandling", "Behandling", "Behandling")
OUTCOMES = ("Møtt", "Ikke møtt", "Møtt", "Avlyst")


def _key(n: int) -> str:
    return f"PERSONNUMMER{n:05d}"


def _records(patients: int) -> str:
    rows = [HEADER]
    for n in range(patients):
        clinic = "Askim" if n % 3 else "Mysen"  # Mysen: few patients at some stages
        for visit, (stage, outcome) in enumerate(zip(STAGES, OUTCOMES)):
            dates = f"01.0{1 + visit}.2005;1{visit}.0{2 + visit}.2005"
            rows.append(f"{_key(n)};{clinic};{stage};{dates};{outcome};BEHANDLER{n % 4:03d};"
                        f"{'16-25' if n % 2 else '26-50'}")
    # rejected rows, each holding a key: the reasons must not show them
    rows += [f"{_key(900)};Askim;Utredning;31.02.2005;01.03.2005;Møtt;BEHANDLER999;16-25",
             f"{_key(901)};Askim;Kontroll;01.02.2005;01.03.2005;Møtt;BEHANDLER999;16-25",
             f"{_key(902)};Askim;Utredning;01.02.2005;01.03.2005;{_key(903)};BEHANDLER999;x",
             f"{_key(904)};Askim;Utredning;01.02.2005"]
    return "\n".join(rows) + "\n"


@pytest.fixture
def key_path(tmp_path, monkeypatch):
    path = tmp_path / "secret" / "records.key"
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(path))
    return path


def _hashes(path, keys):
    import pandas as pd

    from sim.records.keys import hashed, machine_secret

    return list(hashed(pd.Series(keys), machine_secret()))


def test_no_key_in_any_file_or_line_written(tmp_path, key_path, capsys, caplog):
    records = tmp_path / "records.csv"
    records.write_text(_records(40), encoding="utf-8")
    out = tmp_path / "described"
    caplog.set_level(logging.DEBUG)
    assert main(["describe", str(records), "--out", str(out)]) == 0
    assert main(["fit", str(records), "--name", "keyed", "--config-dir", str(out / "config"),
                 "--replications", "2", "--out", str(out / "fit"), "--iterations", "1",
                 "--fit-replications", "1"]) == 0
    printed = capsys.readouterr()
    keys = [_key(n) for n in [*range(40), *range(900, 905)]] + ["BEHANDLER"]
    keys += _hashes(key_path, keys[:-1] + [f"BEHANDLER{n:03d}" for n in (0, 1, 2, 3, 999)])
    secret = key_path.read_text().strip()
    texts = {"stdout": printed.out, "stderr": printed.err, "log": caplog.text}
    texts |= {str(p): p.read_bytes().decode("latin-1") for p in out.rglob("*") if p.is_file()}
    assert any(p.suffix == ".png" for p in out.iterdir())
    assert (out / "config" / "clinic" / "keyed.yaml").is_file()
    assert (out / "fit" / "fit_report.csv").is_file()
    assert (out / "fit" / "fit_parameters.csv").is_file()  # the fit ran and wrote its files
    for where, text in texts.items():
        found = [key for key in [*keys, secret] if key in text]
        assert not found, f"{where} holds {found[:3]}"
    assert "rejected, unknown stage: 1" in printed.out  # the rejections are said, without keys


def test_a_refused_file_does_not_echo_its_cells(tmp_path, key_path, capsys):
    records = tmp_path / "records.csv"
    records.write_text(_records(3).replace(";outcome;", ";utfall;"), encoding="utf-8")
    assert main(["describe", str(records), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no column outcome" in err and "PERSONNUMMER" not in err


def test_small_cells_are_suppressed(tmp_path, key_path):
    import pandas as pd

    records = tmp_path / "records.csv"
    records.write_text(_records(12), encoding="utf-8")  # Mysen: 4 patients
    assert main(["describe", str(records), "--out", str(tmp_path / "out"), "--no-charts"]) == 0
    by_clinic = pd.read_csv(tmp_path / "out" / "no_show_by_clinic.csv").set_index("clinic")
    assert by_clinic.loc["Mysen"].drop("suppressed").isna().all()
    assert by_clinic.loc["Mysen", "suppressed"] and by_clinic.loc["Askim", "patients"] == 8
    for table in (tmp_path / "out").glob("*.csv"):
        counted = pd.read_csv(table)
        if "patients" in counted:
            assert (counted.patients.dropna() >= 5).all(), table.name


def test_the_secret_is_made_once_readable_by_its_owner_only(tmp_path, key_path):
    first = _hashes(key_path, ["A1"])
    assert key_file() == key_path and oct(os.stat(key_path).st_mode & 0o777) == "0o600"
    assert _hashes(key_path, ["A1"]) == first and first != ["A1"]


def test_describing_an_export_writes_none_of_its_keys(tmp_path, key_path):
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "records"
    out = tmp_path / "out"
    assert main(["describe", str(example / "ostfold_synthetic.csv"), "--out", str(out)]) == 0
    for path in out.iterdir():
        assert b"sim-0" not in path.read_bytes(), path.name
