"""The policy search (issue 24) on tiny runs: it finds a known best, a zero budget gets the
baseline, a stopped search resumes, and a wrong request is one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

pytest.importorskip("optuna")

from sim.config import ConfigError  # noqa: E402
from sim.optimise.__main__ import main  # noqa: E402
from sim.optimise.request import read_request  # noqa: E402
from sim.optimise.space import read_space  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TINY = ["scale=0.2", "warmup_days=180", "horizon_days=180"]
SOURCE = {"unit": "share", "source": "test"}


def _space(tmp_path: Path, levers: dict, overrides: list[str], **settings) -> Path:
    """A search file over the default one's settings, with these levers and baseline settings."""
    spec = yaml.safe_load((ROOT / "scenarios" / "search" / "default.yaml").read_text())
    spec.update(levers=levers, overrides=[*TINY, *overrides], references={}, processes=1,
                fresh_replications=3, folder=str(tmp_path / "search"), **settings)
    path = tmp_path / "space.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


def _picks(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "search" / "picks.json").read_text())


def test_the_search_finds_a_costless_lever_at_its_best_setting(tmp_path):
    # An SMS reminder that costs nothing (no staff minutes), reaching 0, half or all patients:
    # the more it reaches, the fewer no-shows, so the best mix reaches all.
    space = _space(tmp_path, {"reminder": {"reach": {"low": 0.0, "high": 1.0, "step": 0.5, **SOURCE}}},
                   ["policy.reminder.channel=sms", "policy.reminder.staff_minutes.sms=0",
                    "policy.reminder.reach=0"])
    assert main([f"space={space}", "trials=10", "replications=4", "budget_nok=100000"]) == 0
    trials = pd.read_csv(tmp_path / "search" / "trials.csv")
    best = _picks(tmp_path)["100000.0"]
    assert best["mix"] == "reminder.reach=1"
    assert trials.loc[trials.trial == best["trial"], "no_show_rate"].item() < 0
    assert (tmp_path / "search" / "pareto.png").stat().st_size > 0
    from sim.report import write_report  # the board report takes the search folder: one page
    out = write_report(tmp_path / "search", "en")
    assert (out / "search.png").stat().st_size > 0 and (out / "report.pdf").stat().st_size > 0


def test_a_zero_budget_keeps_the_baseline_and_a_stopped_search_resumes(tmp_path):
    import optuna

    space = _space(tmp_path, {"incentive": {"voucher_nok": {"low": 0, "high": 250, "step": 250,
                                                            **SOURCE}}}, [])
    args = [f"space={space}", "replications=2", "budget_nok=0"]
    assert main([*args, "trials=3"]) == 0
    assert _picks(tmp_path)["0.0"]["mix"] == "baseline"  # vouchers cost: none within NOK 0
    storage = optuna.storages.JournalStorage(
        optuna.storages.journal.JournalFileBackend(str(tmp_path / "search" / "journal.log")))
    optuna.load_study(study_name="search", storage=storage).ask()  # stopped midway
    assert main([*args, "trials=4"]) == 0
    states = pd.read_csv(tmp_path / "search" / "trials.csv").state.value_counts()
    assert states["complete"] == 4 and states["fail"] == 1
    assert len(pd.read_csv(tmp_path / "search" / "baseline_runs.csv")) == 2 + 3  # not run again


@pytest.mark.parametrize("arg, says", [
    ("objective=shortest_queue", "objective: shortest_queue is not one or two of"),
    ("budget_nok=-1", "budget_nok: -1 is out of range"),
    ("trials=0", "trials: 0 is out of range"),
    ("budgett=5", "budgett: no such setting of the search"),
])
def test_a_wrong_request_is_one_line(arg, says):
    with pytest.raises(ConfigError, match=says):
        read_request([arg])


def test_an_unknown_lever_or_setting_is_one_line(tmp_path):
    with pytest.raises(ConfigError, match="levers.bonus: no such lever"):
        read_space({"bonus": {"nok": {"low": 0, "high": 1, "step": 1, **SOURCE}}}, fees=False)
    with pytest.raises(ConfigError, match="levers.incentive.cash: no such setting"):
        read_space({"incentive": {"cash": {"choices": [1], **SOURCE}}}, fees=False)
    with pytest.raises(ConfigError, match="levers.incentive.voucher_nok: no source"):
        read_space({"incentive": {"voucher_nok": {"choices": [1], "unit": "NOK"}}}, fees=False)


def test_the_command_says_a_wrong_objective_in_one_line():
    done = subprocess.run([sys.executable, "-m", "sim.optimise", "objective=bogus"], cwd=ROOT,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT),
                                                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "objective: bogus" in done.stderr
