"""Incomplete input is never compared or reported without a word: a half-finished sweep, a job
without its summary, a truncated table, failed jobs, uneven replications, a folder of unrelated
runs. Each is refused in one line naming what is missing, unless --allow-incomplete is given; then
the comparison and the report say what they leave out. Also: --baseline writes beside the
sweep's comparison; each scenario's own reference in the report; a report refreshed when its
sweep is resumed."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from sim import report
from sim.study.compare import compare, main as compare_main
from sim.config.compose import load_config
from sim.files import OutputError
from sim.results.output import write_run
from sim.report.series_charts import weekly_no_show
from sim.report.data import load
from sim.report.text import Language
from sim.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=60", "horizon_days=60", "charts=false"]
POLICIES = "policy=baseline,sms_reminder"
CAPACITIES = "clinic.capacity_fte=4,5"
NOTES_TITLE = {"en": "Assumptions and sources", "nb": "Forutsetninger og kilder"}
OUTPUTS = ("comparison.csv", "comparison.txt", "comparison.png", "comparison_by_clinic.csv")


def multirun(sweep_dir: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "run.py", "-m", *args, *SHORT, f"hydra.sweep.dir={sweep_dir}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="session")
def finished_sweep(tmp_path_factory) -> Path:
    """2 policies x 2 capacities, one replication each: complete, with its comparison."""
    folder = tmp_path_factory.mktemp("incomplete") / "sweep"
    multirun(folder, POLICIES, CAPACITIES)
    return folder


@pytest.fixture
def sweep(finished_sweep, tmp_path) -> Path:
    """A copy of the finished sweep, without its comparison, to damage."""
    folder = tmp_path / "sweep"
    shutil.copytree(finished_sweep, folder)
    for name in OUTPUTS:
        (folder / name).unlink()
    return folder


def job(sweep: Path, policy: str, fte: int) -> Path:
    return next(sweep.glob(f"*clinic.capacity_fte={fte}*policy={policy}*"))


def refused(capsys, argv, main=compare_main) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    return err.strip()


def page_texts(folder: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(folder / "report.pdf").pages]


def test_a_job_without_its_summary_is_named_and_refused(sweep, capsys):
    (job(sweep, "sms_reminder", 5) / "summary.csv").unlink()
    err = refused(capsys, [str(sweep)])
    assert err == (f"error: {sweep}: 1 of 4 jobs are missing or failed (policy=sms_reminder "
                   "clinic.capacity_fte=5: no summary.csv); run the sweep again to finish it, or add "
                   "--allow-incomplete to compare what is there")
    assert not any((sweep / name).exists() for name in OUTPUTS)
    assert "report on what is there" in refused(capsys, [str(sweep)], report.main)
    assert not (sweep / "report_nb").exists()

    assert compare_main([str(sweep), "--allow-incomplete"]) == 0
    text = (sweep / "comparison.txt").read_text()
    assert "INCOMPLETE: 1 of 4 jobs are missing or failed" in text and "no summary.csv" in text


def test_a_half_finished_sweep_is_refused(sweep, capsys):
    for fte in (4, 5):
        shutil.rmtree(job(sweep, "sms_reminder", fte))  # the sweep stopped before these began
    err = refused(capsys, [str(sweep)])
    assert "2 of 4 jobs are missing or failed" in err
    assert "policy=sms_reminder clinic.capacity_fte=4: not run" in err


def test_failed_jobs_are_refused(sweep, capsys):
    record = job(sweep, "baseline", 5) / "job.json"
    record.write_text(json.dumps(json.loads(record.read_text()) | {"status": "failed", "error": "disk full"}))
    assert "policy=baseline clinic.capacity_fte=5: failed (disk full)" in refused(capsys, [str(sweep)])
    result = compare(sweep, allow_incomplete=True)  # what the end of a sweep does
    assert len(result.failures) == 1 and result.incomplete and result.jobs_done == 3


def test_a_truncated_table_is_refused_by_the_report_and_stated_when_allowed(sweep, capsys):
    appointments = job(sweep, "baseline", 4) / "appointments.csv"
    lines = appointments.read_text().splitlines(keepends=True)
    appointments.write_text("".join(lines[: len(lines) // 2]))
    err = refused(capsys, [str(sweep), "--language", "en"], report.main)
    assert f"appointments.csv: {len(lines) // 2 - 1:,} rows, but {len(lines) - 1:,} were written" in err
    assert compare_main([str(sweep)]) == 0  # the comparison needs only summary.csv
    capsys.readouterr()

    for lang, word in (("en", "Incomplete: 1 of 4 planned jobs"), ("nb", "Ufullstendig: 1 av 4 planlagte jobber")):
        assert report.main([str(sweep), "--language", lang, "--allow-incomplete"]) == 0
        pages = page_texts(sweep / f"report_{lang}")
        notes = next(text for text in pages if text.startswith(NOTES_TITLE[lang]))  # the notes' first page
        assert word in pages[0] and word in notes
        assert "appointments.csv" in notes


def test_scenarios_with_different_replications_are_refused(sweep, capsys):
    extra = sweep / "extra_replication"
    cfg = load_config(["policy=baseline", "clinic.capacity_fte=4", "replication=1", *SHORT])
    write_run(simulate(cfg), extra, draw_charts=False)
    overrides = [*json.loads((job(sweep, "baseline", 4) / "job.json").read_text())["overrides"], "replication=1"]
    (extra / "job.json").write_text(json.dumps({"num": 9, "overrides": overrides, "status": "done"}))
    err = refused(capsys, [str(sweep)])
    assert "the scenarios have different numbers of replications (baseline clinic.capacity_fte=4: 2" in err


def test_a_folder_of_unrelated_runs_is_refused(finished_sweep, tmp_path, capsys):
    outputs = tmp_path / "outputs"
    for policy in ("baseline", "sms_reminder"):
        shutil.copytree(job(finished_sweep, policy, 4), outputs / "2026-01-01" / f"12-00-00_{policy}")
    assert refused(capsys, [str(outputs)]) == (
        f"error: {outputs}: not a sweep folder (no multirun.yaml) and not a run folder; point at one sweep "
        "(multirun/...) or one run (outputs/<date>/<time>_<policy>)")
    refused(capsys, [str(outputs)], report.main)
    assert not list(outputs.glob("comparison*")) and not list(outputs.glob("report_*"))


def test_another_baseline_is_written_beside_the_sweeps_comparison(finished_sweep, tmp_path, capsys):
    sweep = tmp_path / "sweep"
    shutil.copytree(finished_sweep, sweep)
    before = (sweep / "comparison.csv").read_bytes()
    name = "sms_reminder clinic.capacity_fte=4"
    assert compare_main([str(sweep), "--baseline", name]) == 0
    out = capsys.readouterr().out
    assert (sweep / "comparison.csv").read_bytes() == before
    written = sweep / "comparison_vs_sms_reminder_clinic.capacity_fte=4.csv"
    assert str(written) in out and written.with_suffix(".txt").is_file() and written.with_suffix(".png").is_file()
    assert set(pd.read_csv(written).baseline) == {name}


def test_unwritable_output_is_one_line(sweep, tmp_path, capsys, monkeypatch):
    a_file = tmp_path / "a_file"
    a_file.write_text("mine")
    assert "is a file" in refused(capsys, [str(sweep), "--out", str(a_file)], report.main)
    assert a_file.read_text() == "mine"

    def unwritable(folder, write):
        raise OutputError(folder, "permission denied")

    monkeypatch.setattr("sim.study.compare.write_all_or_nothing", unwritable)
    assert refused(capsys, [str(sweep)]) == f"error: cannot write to {sweep}: permission denied"
    monkeypatch.setattr("sim.report.write_all_or_nothing", unwritable)
    out = tmp_path / "report"
    assert refused(capsys, [str(sweep), "--out", str(out)], report.main) == \
        f"error: cannot write to {out}: permission denied"


def test_each_scenario_is_drawn_and_named_with_its_own_reference(finished_sweep, monkeypatch):
    """2 policies x 2 capacities: each capacity's policies are compared with its own baseline."""
    data = load(finished_sweep)
    en = Language("en")
    monkeypatch.setattr("sim.report.series_charts.SMALL_MULTIPLES_FROM", 2)  # a panel per scenario
    figures = weekly_no_show(data, en)
    weekly = data.weekly.groupby("scenario")["mean"].apply(list)
    for ax in [ax for fig in figures for ax in fig.axes]:
        title = ax.get_title(loc="left").replace("\n", " ").removesuffix(" (baseline)").removesuffix("\u2026")
        dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        scenario = next(s for s in data.scenarios if data.names[s]["en"].startswith(title))
        if scenario in data.references:
            assert not dashed
            continue
        reference = "baseline " + scenario.split(" ", 1)[1]
        assert [float(v) for v in dashed[0].get_ydata()] == pytest.approx(weekly[reference], nan_ok=True)

    from sim.report.pages import table_note

    note = table_note(data, en)
    for fte in (4, 5):  # in plain words, not by its key
        assert f"Current practice ({fte} clinical FTEs per site)" in note


def test_a_report_is_refreshed_when_its_sweep_is_resumed(tmp_path):
    sweep = tmp_path / "sweep"
    multirun(sweep, "policy=baseline", "replication=range(1)")
    report.write_report(sweep, "nb")
    assert len(json.loads((sweep / "report_nb" / "made_from.json").read_text())["jobs"]) == 1
    multirun(sweep, "policy=baseline", "replication=range(2)")  # one more replication
    assert len(json.loads((sweep / "report_nb" / "made_from.json").read_text())["jobs"]) == 2
    page_one = page_texts(sweep / "report_nb")[0]
    assert "1 scenario, 2 kjøringer" in page_one and "scenarioer" not in page_one
    assert not (sweep / "report_en").exists()  # only the report that was there
