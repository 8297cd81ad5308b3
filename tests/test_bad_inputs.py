"""Bad input of every kind gets one line, exit code 2, and nothing written or deleted (issue 8).

Most cases call the check `run.py` makes before Hydra creates any folder
(sim.config.command_line.check_command_line); a few run `python3 run.py` end to end.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from sim.config.command_line import Plan, check_command_line, interrupted
from sim.config.compose import load_config
from sim.config import ConfigError
from sim.config.estimate import appointments, cost_note
from sim.config.policy_names import name_policy_after_its_file

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=60", "horizon_days=60", "charts=false"]


def run_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes")
    return folder


def problem(*args: str) -> str | None:
    return check_command_line(list(args)).problem


@pytest.mark.parametrize("bad", ["horizon_days=-5", "start_date=banana"])
def test_a_bad_value_leaves_an_existing_folder_and_its_files_alone(tmp_path, bad):
    folder = user_folder(tmp_path)
    result = run_py(f"hydra.run.dir={folder}", bad)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "my own notes"


def test_a_run_into_an_existing_folder_keeps_the_users_files(tmp_path):
    folder = user_folder(tmp_path)
    result = run_py(f"hydra.run.dir={folder}", *SHORT)
    assert result.returncode == 0, result.stderr
    assert (folder / "notes.txt").read_text() == "my own notes"
    assert (folder / "summary.csv").is_file()


@pytest.mark.parametrize("override, line", [
    ("behaviour.forgetting.base_probability=nan",
     "behaviour.forgetting.base_probability = nan is not a number: allowed 0 to 1"),
    ("clinic.clinician_cost_nok_per_hour=inf",
     "clinic.clinician_cost_nok_per_hour = inf is out of range: must be a finite number, allowed 0 to unbounded"),
    ("scale=nan", "scale = nan is not a number: allowed 0.001 to 1000"),
    ("scale=1e400", "scale = inf is out of range: must be a finite number, allowed 0.001 to 1000"),
    ("start_date=2005-02-30", "start_date = 2005-02-30 is not a date: write it as YYYY-MM-DD, e.g. 2005-01-01"),
    ("start_date=banana", "start_date = banana is not a date: write it as YYYY-MM-DD, e.g. 2005-01-01"),
    ("horizon_days=abc", "horizon_days = abc is not a whole number: allowed 7 to 36500"),
])
def test_nan_infinity_dates_and_types_are_refused_in_one_line(override, line):
    with pytest.raises(ConfigError) as error:
        load_config([override])
    assert str(error.value) == line


@pytest.mark.parametrize("arg, line", [
    ("polcy=sms_reminder", "polcy: no such setting; did you mean policy?"),
    ("horizon=120", "horizon: no such setting; did you mean horizon_days?"),
    ("+horizon=120", "horizon: no such setting; did you mean horizon_days?"),
    ("clinic.sites.moss.capasity_fte=3",
     "clinic.sites.moss.capasity_fte: no such setting; did you mean clinic.sites.moss.capacity_fte?"),
    ("clinic.sites.oslo.capacity_fte=3",
     "clinic.sites.oslo: no such site; the sites are askim, fredrikstad, halden, moss, sarpsborg"),
])
def test_a_misspelt_setting_is_named_with_the_nearest_known_one(arg, line):
    assert problem(arg) == line


def test_hydras_own_settings_still_pass():
    assert problem("hydra/launcher=joblib", "hydra.verbose=true", "hydra.job.chdir=false") is None


def test_a_malformed_yaml_file_is_named_with_its_line(tmp_path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "bad.yaml").write_text(
        "defaults: [baseline]\nreminder:\n  channel: sms\n   days_ahead: 2\n")
    line = problem("-cd", str(tmp_path), "policy=bad")
    assert line == f"{tmp_path / 'policy' / 'bad.yaml'}, line 4: mapping values are not allowed here"


def test_a_policy_in_the_users_config_dir_is_accepted(tmp_path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "my_sms.yaml").write_text("defaults: [baseline]\nreminder:\n  channel: sms\n")
    for form in (["-cd", str(tmp_path)], [f"--config-dir={tmp_path}"], ["--config-dir", str(tmp_path)]):
        assert problem(*form, "policy=my_sms") is None


def test_a_setting_that_moved_says_where_it_is_now(tmp_path):
    """On the command line and in an older policy file alike."""
    line = "policy.overbooking.overtime_pay_factor: moved to clinic.overtime_pay_factor; set it there"
    assert problem("policy.overbooking.overtime_pay_factor=2") == line
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "old.yaml").write_text("defaults: [baseline]\noverbooking:\n  overtime_pay_factor: 2\n")
    assert problem("-cd", str(tmp_path), "policy=old") == line


def test_a_policy_file_naming_another_policy_is_refused(tmp_path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "copied.yaml").write_text("defaults: [baseline]\nname: baseline\n")
    assert problem("-cd", str(tmp_path), "policy=copied") == (
        f"policy file {tmp_path / 'policy' / 'copied.yaml'} says name: baseline; "
        f"it must be copied (its file name)")


def test_a_policy_without_a_name_is_named_after_its_file(tmp_path):
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "my_sms.yaml").write_text("defaults: [baseline]\nreminder:\n  channel: sms\n")
    plain = {"policy": {"name": "baseline", "display_name": {"nb": "Dagens praksis", "en": "Current practice"}}}
    hydra = {"runtime": {"choices": {"policy": "my_sms"},
                         "config_sources": [{"path": str(tmp_path), "schema": "file"}]},
             "overrides": {"task": ["policy=my_sms"]}}
    name_policy_after_its_file(plain, hydra)
    assert plain["policy"] == {"name": "my_sms", "display_name": {"nb": "my_sms", "en": "my_sms"}}


def test_every_job_of_a_sweep_is_checked_before_the_first_runs():
    assert problem("-m", "policy=baseline,sms_reminder", "clinic.capacity_fte=5,-1") == (
        "job policy=baseline clinic.capacity_fte=-1: "
        "clinic.capacity_fte = -1 is out of range: allowed 0.1 to 1000")
    assert problem("-m", "policy=baseline", "replication=range(3)", "seed=1,x") == (
        "job policy=baseline: seed = x is not a whole number: allowed 0 to 9.22337e+18")


def test_the_command_lines_sweep_wins_over_the_experiments_as_in_hydras_sweeper():
    # policy_comparison sweeps policy and replication=range(30): the command line's replace them
    assert problem("-m", "experiment=policy_comparison", "policy=baseline", "replication=0,x", *SHORT) == (
        "job policy=baseline experiment=policy_comparison warmup_days=60 horizon_days=60 charts=False: "
        "replication = x is not a whole number: allowed 0 to 1e+06")


def test_an_unwritable_run_folder_is_refused(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    assert problem(f"hydra.run.dir={blocker}/sub") == (
        f"hydra.run.dir = {blocker}/sub: cannot write there ({blocker} is a file, not a folder)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]


def test_a_sweep_is_given_a_folder_it_can_be_resumed_in():
    plan = check_command_line(["-m", "policy=baseline,sms_reminder", *SHORT])
    assert plan.problem is None and plan.sweep_dir_added
    assert plan.args[-1] == f"hydra.sweep.dir={plan.sweep_dir}"
    assert interrupted(plan).startswith(f"interrupted: finished jobs are kept in {plan.sweep_dir}; "
                                        f"to resume, run: python3 run.py -m")
    assert interrupted(Plan()) == "interrupted: nothing was written"


def test_the_estimate_grows_with_scale_and_simulated_days():
    assert appointments(1, 365, 365) == pytest.approx(20_300)
    assert appointments(50, 365, 365) == pytest.approx(50 * 20_300)
    assert cost_note([(1, 365, 365)]) is None
    assert cost_note([(1000, 365, 365)]) == (
        "note: this run simulates about 20,300,000 appointments: expect about 5 min and "
        "9.8 GB of memory")


def test_a_list_where_a_share_belongs_is_one_line():
    from sim.config.command_line import check_command_line

    plan = check_command_line(["population.age_group_shares.age_16_25=[1,2]"])
    assert plan.problem == "population.age_group_shares.age_16_25 = [1, 2] is not a number: allowed 0 to 1"
