"""One name, one meaning: the age term says the age group it applies to, `voucher` is only the
gift card the incentive lever pays (and the shipped policy that pays it), the pathway's rules and
its counts, checking a config and validating the model against targets have names of their own,
and each command is its package run with `python3 -m`."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sim.config.command_line import check_command_line
from sim.config.compose import load_config
from sim.levers import LEVERS

ROOT = Path(__file__).resolve().parent.parent
MOVED_AGE = "behaviour.decision.under_30: moved to behaviour.decision.age_16_25; set it there"


def test_the_age_term_is_named_for_the_age_group_it_applies_to():
    cfg = load_config(["behaviour.decision.age_16_25=0.7"])
    assert cfg.behaviour.decision.age_16_25 == 0.7
    assert "age_16_25" in cfg.population.age_group_shares  # the group it applies to


def test_the_old_age_key_says_where_it_moved(tmp_path):
    """On the command line and in a user's older behaviour file alike."""
    assert check_command_line(["behaviour.decision.under_30=0.5"]).problem == MOVED_AGE
    (tmp_path / "behaviour").mkdir()
    older = "defaults: [default]\ndecision:\n  under_30: 0.5\n"
    (tmp_path / "behaviour" / "old.yaml").write_text(older)
    assert check_command_line(["-cd", str(tmp_path), "behaviour=old"]).problem == MOVED_AGE


def test_the_guide_to_adding_a_lever_names_no_shipped_policy_or_lever():
    """Following docs/architecture.md must not overwrite a shipped policy (it once made a
    `voucher` lever in scenarios/policy/voucher.yaml, the incentive lever's policy)."""
    guide = (ROOT / "docs" / "architecture.md").read_text()
    section = guide[guide.index("## How to add a lever"):]
    policy = re.search(r"scenarios/policy/(\w+)\.yaml", section).group(1)
    lever = re.search(r'key, Params = "(\w+)"', section).group(1)
    assert not (ROOT / "scenarios" / "policy" / f"{policy}.yaml").exists()
    assert lever not in LEVERS and lever == policy


def test_a_voucher_is_what_the_incentive_lever_pays():
    policy = load_config(["policy=voucher"]).policy
    assert policy.incentive.voucher_nok > 0
    words = {key: value for key, value in LEVERS["incentive"].takes.items() if "voucher" in key}
    assert words == {"vouchers_paid": "amount", "voucher_cost_nok": "cost_nok"}


# The commands are run with `python3 -m`; the old ones say where they went.
COMMANDS = {"sim.calibrate": "sim.calibration", "sim.compare": "sim.study",
            "sim.calibration.validation": "sim.validate"}


def _command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("old", sorted(COMMANDS))
def test_an_old_command_says_in_one_line_where_it_moved(old):
    done = _command(old, "--help")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"python3 -m {old}: moved to python3 -m {COMMANDS[old]}; run that\n"


@pytest.mark.parametrize("new", sorted(COMMANDS.values()))
def test_each_command_is_its_package_or_module_run_with_dash_m(new):
    done = _command(new, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: python3 -m {new} ")


def test_the_comparison_command_reads_a_sweep_folder_and_refuses_one_that_is_not(tmp_path):
    done = _command("sim.study", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and str(tmp_path) in done.stderr


@pytest.mark.parametrize("old_name", ["sim.pathway", "sim.results.pathway", "sim.calibration.validate"])
def test_a_module_name_that_said_two_things_is_gone(old_name):
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old_name)


def test_each_former_double_name_has_one_meaning_now():
    from sim import config
    from sim.engine.day import after_missed, assessment_day
    from sim.results.pathway_counts import pathway_counts

    assert not hasattr(config, "validate") and callable(config.check_config)
    # the pathway's rules are the day's (the legal limit, contact lost after a first miss); its
    # counts are the results'
    assert callable(assessment_day) and callable(after_missed) and callable(pathway_counts)
    assert importlib.import_module("sim.calibration.lever_checks").CHECKS
