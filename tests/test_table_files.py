"""A run's files are written exactly, all or nothing: a table's bytes are those pandas writes to a
file, with their checksum."""

import datetime as dt
import errno
import hashlib

import numpy as np
import pandas as pd
import pytest

from conftest import short_config
from sim.files import OutputError, one_line
from sim.results import charts
from sim.results.output import write_run
from sim.results.table_csv import write_table
from sim.simulate import simulate

DAY = dt.date(2005, 3, 1)


@pytest.fixture(scope="module")
def run_results():
    """A short run of its own: its config is written (config.yaml) with the policy schema of now,
    after other tests' plug-in levers have changed it."""
    return simulate(short_config("policy=no_show_fee"))


def _as_pandas_writes(table: pd.DataFrame, path) -> bytes:
    table.to_csv(path, index=False)
    return path.read_bytes()


TABLES = {
    "numbers and missing values": pd.DataFrame({
        "id": [3, 10**12, -7, 0], "flag": [True, False, True, True],
        "share": [0.1, np.nan, -0.0, 1e-05], "big": [np.inf, 2.5e17, 3.0, 1 / 3],
        "small": np.array([0.5, 1.25, np.nan, 2.0], dtype=np.float32)}),
    "texts, dates and missing ones": pd.DataFrame({
        "clinic": ["sarpsborg", None, "fredrikstad", "æøå"], "on": [DAY, None, DAY, dt.date(2006, 1, 2)],
        "code": pd.Series(["a", "b", None, "a"], dtype="string"), "n": [1, 2, 3, 4]}),
    "one and True in one column": pd.DataFrame({"mixed": [1, True, 1.0, "1"], "n": [1, 2, 3, 4]}),
    "a text with a comma": pd.DataFrame({"clinic": ["a", "b, c"], "n": [1, 2]}),
    "a text with a quote": pd.DataFrame({"clinic": ['say "no"', "b"], "n": [1, 2]}),
    "a line end in a text": pd.DataFrame({"clinic": ["a\nb", "c"], "n": [1, 2]}),
    "one column with an empty cell": pd.DataFrame({"clinic": ["a", None, "b"]}),
    "no rows": pd.DataFrame({"a": pd.Series([], dtype=int), "b": pd.Series([], dtype=object)}),
    "dates with times": pd.DataFrame({"at": [dt.datetime(2005, 1, 1, 8), DAY], "n": [1, 2]}),
    "timestamps": pd.DataFrame({"at": pd.to_datetime(["2005-01-01", None]), "n": [1, 2]}),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_is_written_byte_for_byte_as_pandas_writes_it(name, tmp_path):
    table = TABLES[name]
    written = write_table(table, tmp_path / "fast.csv")
    expected = _as_pandas_writes(table, tmp_path / "pandas.csv")
    assert (tmp_path / "fast.csv").read_bytes() == expected
    assert written == {"rows": len(table), "sha256": hashlib.sha256(expected).hexdigest()}


def test_a_runs_tables_are_written_as_pandas_writes_them(run_results, tmp_path):
    for name in ("appointments", "patients", "waiting_list", "summary"):
        table = getattr(run_results, name)
        written = write_table(table, tmp_path / f"{name}.csv")
        assert (tmp_path / f"{name}.csv").read_bytes() == _as_pandas_writes(table, tmp_path / "pandas.csv"), name
        assert written["rows"] == len(table)


def test_a_chart_that_cannot_be_written_fails_the_run_and_leaves_no_file(run_results, tmp_path,
                                                                          monkeypatch):
    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(charts, "run_charts", full_disk)
    folder = tmp_path / "run"
    with pytest.raises(OutputError) as caught:
        write_run(run_results, folder, draw_charts=True)
    assert one_line(caught.value) == f"cannot write to {folder}: no space left on the disk"
    assert not folder.exists()
