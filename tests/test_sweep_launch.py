"""Start-up and launching: a run composes its configuration once; commands that do not simulate
do not import Mesa; a sweep's end reaches run.py through the sweep folder; overrides are read by
Hydra's parser; sweeps on a local Ray cluster and through submitit's local executor."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from omegaconf import OmegaConf

from sim.config.command_line import check_command_line
from sim.config.composed_run import run_composed
from sim.study import sweep_progress
from sim.study.jobs import split_override
from sim.study.sweep import SweepCallback, sweep_problem

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=60", "horizon_days=60", "charts=false"]


def test_a_single_run_composes_its_configuration_once(tmp_path, monkeypatch):
    """The pre-check's composition is the one the run uses (hydra.main composed it twice more)."""
    import run

    from sim.config import precheck

    composed = []

    def counting(folders):
        hydra = create(folders)
        compose = hydra.compose_config
        hydra.compose_config = lambda *a, **k: composed.append(a) or compose(*a, **k)
        return hydra

    create = precheck.create_hydra
    monkeypatch.setattr(precheck, "create_hydra", counting)
    out = tmp_path / "run"
    plan = check_command_line([*SHORT, f"hydra.run.dir={out}"])
    assert plan.problem is None and plan.config is not None
    monkeypatch.setattr(run, "plan", plan)
    run_composed(plan, run.single_run)
    assert len(composed) == 1
    assert pd.read_csv(out / "summary.csv").set_index("clinic").loc["all", "planned"] > 0
    assert (out / ".hydra" / "overrides.yaml").read_text().count("horizon_days=60") == 1


def test_commands_that_do_not_simulate_do_not_import_mesa():
    code = ("import sys; import sim.study.compare, sim.config.precheck, sim.study.sweep; "
            "print('mesa' in sys.modules); import sim.model; print('mesa' in sys.modules)")
    lines = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split("\n")
    assert lines[:2] == ["False", "True"]  # Mesa (and scipy.spatial) only where a model is built


def test_a_sweeps_failures_reach_run_py_through_the_sweep_folder(tmp_path):
    """No module global: the callback records the end of the sweep in its folder, and run.py
    asks the folder (once) for the line it ends with."""
    sweep_dir = tmp_path / "sweep"
    job = sweep_dir / "policy=baseline,replication=0"
    job.mkdir(parents=True)
    (job / "job.json").write_text(json.dumps({"num": 0, "overrides": ["policy=baseline", "replication=0"],
                                              "status": "failed", "error": "boom"}))
    config = OmegaConf.create({"hydra": {"sweep": {"dir": str(sweep_dir)}}})
    SweepCallback().on_multirun_end(config)
    problem = sweep_problem(sweep_dir)
    assert problem and problem.startswith("no comparison:")
    assert sweep_problem(sweep_dir) is None  # taken: a later sweep in the folder starts clean
    assert not (sweep_dir / sweep_progress.PROGRESS).exists()


def test_overrides_are_read_by_hydras_parser():
    assert split_override("policy=sms_reminder") == ("policy", "sms_reminder")
    assert split_override("++clinic.capacity_fte= 5") == ("clinic.capacity_fte", "5")
    assert split_override("clinic.sites.askim.fte=[1, 2]") == split_override("clinic.sites.askim.fte=[1,2]")
    assert split_override("~fitted") == ("fitted", "")


def sweep(sweep_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "run.py", "-m", "policy=baseline,sms_reminder", *SHORT,
         f"hydra.sweep.dir={sweep_dir}", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def assert_compared(sweep_dir: Path, result: subprocess.CompletedProcess, runs: int) -> None:
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(p.read_text()) for p in sweep_dir.glob("*/job.json")]
    assert len(records) == runs and all(r["status"] == "done" for r in records)
    table = pd.read_csv(sweep_dir / "comparison.csv")
    assert table.scenario.unique().tolist() == ["baseline", "sms_reminder"]


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="Ray is not installed (python3 -m pip install -e '.[cluster]')")
def test_a_sweep_on_a_local_ray_cluster(tmp_path):
    """address=null: the sweep starts a Ray cluster on this machine, and stops it at its end."""
    sweep_dir = tmp_path / "sweep"
    result = sweep(sweep_dir, "replication=range(2)", "hydra/launcher=ray_cluster")
    assert_compared(sweep_dir, result, 4)
    assert "Launcher: 4 jobs" in result.stdout + result.stderr


@pytest.mark.skipif(importlib.util.find_spec("hydra_plugins.hydra_submitit_launcher") is None,
                    reason="hydra-submitit-launcher is not installed (python3 -m pip install -e '.[slurm]')")
def test_a_sweep_through_submitit_as_on_slurm(tmp_path):
    """submitit's local executor: the same path as hydra/launcher=submitit_slurm, without SLURM."""
    sweep_dir = tmp_path / "sweep"
    assert_compared(sweep_dir, sweep(sweep_dir, "hydra/launcher=submitit_local"), 2)
