"""A worker of the project's launcher composes each scenario once and makes its other
replications as copies (sim/study/job_configs.py): every job's configuration, Hydra's record of
it and its results are as when Hydra composes each job (its basic launcher)."""

import subprocess
import sys
from pathlib import Path

import yaml

from sim.config.compose import load_config
from sim.config.text import config_text
from sim.config.command_line import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=60", "horizon_days=60", "charts=false"]
LAUNCHER_KEYS = ("launcher",)  # what differs between the two sweeps by design


def _sweep(folder: Path, launcher: str) -> None:
    subprocess.run(
        [sys.executable, "run.py", "-m", "policy=baseline,sms_reminder", "replication=range(3)",
         "seed=5", "clinic.sites.askim.capacity_fte=2.5", *SHORT, f"hydra/launcher={launcher}",
         f"hydra.sweep.dir={folder}"], cwd=ROOT, check=True, capture_output=True, timeout=300)


def _hydra_record(job: Path) -> dict:
    record = yaml.safe_load((job / ".hydra" / "hydra.yaml").read_text())["hydra"]
    for key in LAUNCHER_KEYS:
        record.pop(key)
    record["overrides"]["hydra"] = [o for o in record["overrides"]["hydra"] if "launcher" not in o]
    record["runtime"]["choices"].pop("hydra/launcher")
    record["job"].pop("id")  # "run_3" from the project's launcher (as joblib's), "3" from basic
    return record


def test_copies_of_a_scenario_are_the_jobs_hydra_composes(tmp_path):
    folder = tmp_path / "sweep"
    _sweep(folder, "parallel")
    copied = folder.rename(tmp_path / "copied")
    _sweep(folder, "basic")
    jobs = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert len(jobs) == 6 and jobs == sorted(p.name for p in copied.iterdir() if p.is_dir())
    for job in jobs:
        for name in ("config.yaml", "summary.csv", ".hydra/config.yaml", ".hydra/overrides.yaml"):
            assert (copied / job / name).read_text() == (folder / job / name).read_text(), name
        assert _hydra_record(copied / job) == _hydra_record(folder / job)


def test_a_configs_text_is_the_text_omegaconf_writes():
    from omegaconf import OmegaConf

    for policy in sorted(p.stem for p in (SCENARIOS / "policy").glob("*.yaml")):
        cfg = load_config([f"policy={policy}"])
        assert config_text(cfg) == OmegaConf.to_yaml(OmegaConf.structured(cfg)), policy
