"""Result files are written all or nothing, a folder that cannot be written is one clear line, and a
table truncated or edited after it was written is noticed (run_info.json records each table)."""

import errno
import hashlib
import json
import pickle
import shutil
import tempfile

import pandas as pd
import pytest

from sim.config.compose import load_config
from sim.files import OutputError, one_line, table_problems, write_all_or_nothing
from sim.results.output import TABLES, write_run
from sim.simulate import simulate


@pytest.fixture(scope="module")
def written_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("written") / "run"
    write_run(simulate(load_config(["warmup_days=60", "horizon_days=60", "charts=false"])), folder, False)
    return folder


@pytest.fixture
def run(written_run, tmp_path):
    """A copy of the written run, to damage."""
    return shutil.copytree(written_run, tmp_path / "run")


def recorded(folder):
    return json.loads((folder / "run_info.json").read_text())["tables"]


def test_run_info_records_every_table_with_its_rows_and_checksum(run):
    tables = recorded(run)
    assert sorted(tables) == sorted(TABLES)
    for name, written in tables.items():
        assert written["rows"] == len(pd.read_csv(run / name)) > 0
        assert written["sha256"] == hashlib.sha256((run / name).read_bytes()).hexdigest()
    assert table_problems(run) == []


def test_a_truncated_table_is_noticed_with_its_row_counts(run):
    written = recorded(run)["appointments.csv"]["rows"]
    lines = (run / "appointments.csv").read_text().splitlines(keepends=True)
    kept = written // 2
    (run / "appointments.csv").write_text("".join(lines[:kept + 1]))  # the header and half the rows
    assert table_problems(run) == [
        f"appointments.csv: {kept:,} rows, but {written:,} were written (truncated or edited?)"]

    (run / "appointments.csv").write_text("".join(lines)[:-7])  # cut in the middle of the last row
    assert table_problems(run, ["appointments.csv"]) == [
        "appointments.csv: ends in the middle of a row (truncated or edited?)"]


def test_an_edited_or_missing_table_is_noticed(run):
    summary = pd.read_csv(run / "summary.csv")
    summary.loc[0, "planned"] += 1
    summary.to_csv(run / "summary.csv", index=False)
    (run / "patients.csv").unlink()
    assert table_problems(run) == ["patients.csv: missing",
                                   "summary.csv: changed since it was written (checksum differs)"]
    assert table_problems(run, ["summary.csv"]) == [
        "summary.csv: changed since it was written (checksum differs)"]
    assert table_problems(run, ["waiting_list.csv", "not_a_table.csv"]) == []


def test_a_run_written_before_tables_were_recorded_cannot_be_checked(run):
    info = json.loads((run / "run_info.json").read_text())
    del info["tables"]
    (run / "run_info.json").write_text(json.dumps(info))
    (run / "appointments.csv").write_text("patient_id\n1\n")
    assert table_problems(run) == []
    (run / "run_info.json").unlink()
    assert table_problems(run) == []


def write_a_table(folder):
    pd.DataFrame({"a": [1, 2]}).to_csv(folder / "table.csv", index=False)


def test_a_folder_that_is_a_file_is_one_clear_line(tmp_path):
    a_file = tmp_path / "results"
    a_file.write_text("the user's notes")
    with pytest.raises(OutputError) as caught:
        write_all_or_nothing(a_file, write_a_table)
    assert one_line(caught.value) == f"cannot write to {a_file}: it is a file"
    inside = a_file / "run"
    with pytest.raises(OutputError) as caught:
        write_all_or_nothing(inside, write_a_table)
    assert one_line(caught.value) == f"cannot write to {inside}: {a_file} is a file"
    assert a_file.read_text() == "the user's notes"


def test_no_permission_is_one_clear_line_and_leaves_no_folder(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    folder = tmp_path / "new" / "run"
    with pytest.raises(OutputError) as caught:
        write_all_or_nothing(folder, write_a_table)
    assert one_line(caught.value) == f"cannot write to {folder}: permission denied"
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EACCES
    assert list(tmp_path.iterdir()) == []  # both folders it made are gone


def test_a_full_disk_is_one_clear_line_and_leaves_no_file(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "mine.txt").write_text("kept")

    def fills_the_disk(staging):
        write_a_table(staging)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError) as caught:
        write_all_or_nothing(folder, fills_the_disk)
    assert one_line(caught.value) == f"cannot write to {folder}: no space left on the disk"
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]


def test_an_output_error_survives_the_trip_from_a_worker_process(tmp_path):
    error = pickle.loads(pickle.dumps(OutputError(tmp_path, "permission denied", errno.EACCES)))
    assert str(error) == f"cannot write to {tmp_path}: permission denied"
    assert error.errno == errno.EACCES


def test_a_folder_where_a_result_file_goes_is_named_in_the_line(tmp_path):
    folder = tmp_path / "run"
    (folder / "table.csv").mkdir(parents=True)
    with pytest.raises(OutputError) as caught:
        write_all_or_nothing(folder, write_a_table)
    assert one_line(caught.value) == f"cannot write to {folder / 'table.csv'}: it is a folder"
    assert [p.name for p in folder.iterdir()] == ["table.csv"] and (folder / "table.csv").is_dir()
