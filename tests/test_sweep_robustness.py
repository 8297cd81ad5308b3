"""A sweep job is finished only when its files are whole; a job folder that cannot be written is one
line in the job's progress, not a traceback; and a sweep removes only files it wrote itself."""

import json
import logging
import math
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from hydra.core.utils import JobReturn, JobStatus
from hydra.types import RunMode
from omegaconf import OmegaConf

from sim.config.command_line import SCENARIOS
from sim.config import check_config
from sim.results.output import write_run
from sim.simulate import simulate
from sim.study.sweep import SweepCallback, finished, sweep_job
from sim.study.sweep_workers import LAUNCHER

SHORT = ["warmup_days=60", "horizon_days=60", "charts=False"]


def raw_config(*overrides: str):
    with initialize_config_dir(config_dir=str(SCENARIOS), version_base=None):
        return compose("config", overrides=list(overrides))


class Runs:
    """The `run` of sweep_job: simulates and writes, counting how often it was called."""

    def __init__(self):
        self.calls = 0

    def __call__(self, run_cfg, out: Path) -> float:
        self.calls += 1
        results = simulate(run_cfg)
        write_run(results, out, run_cfg.charts)
        return float(results.summary.set_index("clinic").loc["all", "no_show_rate"])


@pytest.fixture(scope="module")
def done_job(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "job"
    out.mkdir()
    sweep_job(raw_config(*SHORT), out, [], 0, Runs())
    return out


def test_a_job_whose_table_was_truncated_is_not_finished_and_runs_again(done_job, tmp_path):
    cfg = raw_config(*SHORT)
    assert finished(done_job, check_config(cfg)) is not None
    out = tmp_path / "job"
    out.mkdir()
    runs = Runs()
    rate = sweep_job(cfg, out, [], 0, runs)
    appointments = (out / "appointments.csv").read_bytes()
    (out / "appointments.csv").write_bytes(appointments[: len(appointments) * 2 // 3])
    assert finished(out, check_config(cfg)) is None
    assert sweep_job(cfg, out, [], 0, runs) == rate and runs.calls == 2  # resumed: run again
    assert (out / "appointments.csv").read_bytes() == appointments
    assert finished(out, check_config(cfg)) == rate


def test_a_job_skipped_as_done_keeps_its_record_and_stays_done(tmp_path):
    cfg, runs = raw_config(*SHORT), Runs()
    rate = sweep_job(cfg, tmp_path, ["seed=0"], 0, runs)
    seconds = json.loads((tmp_path / "job.json").read_text())["seconds"]
    for _ in range(2):  # resumed twice: the second must still find it done
        assert sweep_job(cfg, tmp_path, ["seed=0"], 0, runs) == rate
    record = json.loads((tmp_path / "job.json").read_text())
    assert runs.calls == 1 and record["status"] == "done" and record["reused"]
    assert record["seconds"] == seconds and record["overrides"] == ["seed=0"]


def test_a_job_killed_while_writing_is_not_finished_and_runs_again(tmp_path):
    cfg = raw_config(*SHORT)
    out = tmp_path / "job"
    out.mkdir()

    def killed(run_cfg, folder):
        Runs()(run_cfg, folder)
        (folder / "summary.csv").write_text("clinic,no_show_rate\nall,0.5")  # cut short
        raise KeyboardInterrupt  # the job.json of a finished job is never written

    with pytest.raises(KeyboardInterrupt):
        sweep_job(cfg, out, [], 0, killed)
    assert finished(out, check_config(cfg)) is None
    runs = Runs()
    assert not math.isnan(sweep_job(cfg, out, [], 0, runs)) and runs.calls == 1


def test_rerunning_a_job_removes_only_what_a_run_wrote(done_job, tmp_path):
    out = tmp_path / "job"
    out.mkdir()
    (out / "notes.txt").write_text("the planner's notes")
    (out / "weekly_no_show.png").write_bytes(b"a chart of an earlier, different run")
    (out / ".staging-x").mkdir()  # left by a run killed while writing
    runs = Runs()
    sweep_job(raw_config(*SHORT), out, [], 0, runs)
    assert runs.calls == 1
    assert (out / "notes.txt").read_text() == "the planner's notes"
    assert not (out / "weekly_no_show.png").exists() and not (out / ".staging-x").exists()


@pytest.fixture
def launcher(monkeypatch):
    """The callback marks this process as a sweep's launcher: only for the test."""
    monkeypatch.setenv(LAUNCHER, "")


def sweep_config(sweep_dir: Path, out: Path, num: int):
    return OmegaConf.create({"hydra": {
        "mode": RunMode.MULTIRUN, "sweep": {"dir": str(sweep_dir)}, "runtime": {"output_dir": str(out)},
        "job": {"num": num}, "sweeper": {"_target_": "x.OtherSweeper"}, "overrides": {"task": []}}})


def test_a_job_folder_that_cannot_be_written_is_the_jobs_failure_in_one_line(tmp_path, caplog, launcher):
    sweep_dir = tmp_path / "sweep"
    sweep_dir.mkdir()
    out = sweep_dir / "policy=baseline"
    out.write_text("a file where the job's folder should be")
    callback, config = SweepCallback(), sweep_config(sweep_dir, out, 3)
    callback.on_multirun_start(config)
    runs = Runs()
    with caplog.at_level(logging.INFO, logger="sim"):
        callback.on_job_start(config)
        assert math.isnan(sweep_job(raw_config(*SHORT), out, ["policy=baseline"], 3, runs))
        callback.on_job_end(config, JobReturn(overrides=["policy=baseline"], status=JobStatus.COMPLETED))
    message = f"cannot write to {out}: it is a file"
    assert runs.calls == 0 and out.read_text() == "a file where the job's folder should be"
    assert f"policy=baseline: FAILED: {message}" in caplog.text
    assert "Traceback" not in caplog.text
    progress = json.loads((sweep_dir / ".sweep" / "job-3.json").read_text())
    assert (progress["status"], progress["error"]) == ("failed", message)


def test_a_sweep_keeps_what_the_user_put_in_its_progress_folder(tmp_path, launcher):
    sweep_dir = tmp_path / "sweep"
    (sweep_dir / ".sweep").mkdir(parents=True)
    (sweep_dir / ".sweep" / "mine.txt").write_text("kept")
    (sweep_dir / ".sweep" / "job-7.json").write_text("{}")  # an earlier sweep's progress
    SweepCallback().on_multirun_start(sweep_config(sweep_dir, sweep_dir, 0))
    assert (sweep_dir / ".sweep" / "mine.txt").read_text() == "kept"
    assert not (sweep_dir / ".sweep" / "job-7.json").exists()
