"""Bad input fails with one line naming the field, and leaves no result files."""

import subprocess
import sys
from pathlib import Path

import pytest

from sim.config.command_line import unknown_choice
from sim.config.compose import load_config
from sim.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "override, field",
    [
        ("clinic.capacity_fte=-1", "clinic.capacity_fte"),
        ("clinic.sites.moss.capacity_fte=-2", "clinic.sites.moss.capacity_fte"),
        ("behaviour.forgetting.base_probability=1.5", "behaviour.forgetting.base_probability"),
        ("policy.reminder.channel=pigeon", "policy.reminder.channel"),
        ("population.age_group_shares.age_16_25=0.9", "population.age_group_shares"),
        ("horizon_days=abc", "horizon_days"),
    ],
)
def test_bad_values_name_the_field(override, field):
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        load_config([override])


def test_unknown_scenario_name_is_caught_before_hydra():
    message = unknown_choice(["policy=nonexistent", "seed=3"])
    assert message.startswith("policy=nonexistent: unknown policy scenario")
    assert "sms_reminder" in message
    assert unknown_choice(["policy=sms_reminder", "seed=3"]) is None


@pytest.mark.parametrize(
    "override, field",
    [
        ("clinic.capacity_fte=-1", "clinic.capacity_fte"),
        ("behaviour.forgetting.base_probability=1.5", "behaviour.forgetting.base_probability"),
        ("policy=nonexistent", "policy"),
    ],
)
@pytest.mark.parametrize("existing", [False, True])
def test_run_py_fails_in_one_line_and_writes_nothing(tmp_path, override, field, existing):
    run_dir = tmp_path / "run"
    if existing:  # a folder of the user's: it and its files must be left as they were
        run_dir.mkdir()
        (run_dir / "mine.txt").write_text("keep me")
    result = subprocess.run(
        [sys.executable, "run.py", override, f"hydra.run.dir={run_dir}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and field in lines[0]
    if existing:
        assert [p.name for p in run_dir.iterdir()] == ["mine.txt"]
        assert (run_dir / "mine.txt").read_text() == "keep me"
    else:
        assert not run_dir.exists()


def test_a_null_group_choice_says_how_to_leave_the_group_out():
    assert unknown_choice(["fitted=null"]) == "fitted=null: to run without the fitted group, write ~fitted"
