"""Messages a planner meets on ordinary mistakes (issue 18, item 10): a setting named without its
block, a broken file the run does not use, a file that leaves out a value, letters outside ASCII
in a folder name, and an experiment that sweeps run without -m. Each is one line, or no error."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sim.config.compose import load_config
from sim.config.command_line import check_command_line
from sim.config.schema import field_at

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=30", "horizon_days=30", "charts=false"]


def problem(*args: str) -> str | None:
    return check_command_line(list(args)).problem


def run_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def user_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("arg, full", [
    ("overbooking.share=0.1", "policy.overbooking.share"),
    ("reminder.channel=sms", "policy.reminder.channel"),
    ("forgetting.base_probability=0.2", "behaviour.forgetting.base_probability"),
    ("sites.moss.capacity_fte=3", "clinic.sites.moss.capacity_fte"),
    ("male_share=0.5", "population.male_share"),
])
def test_a_setting_named_without_its_block_is_suggested_with_it(arg, full):
    key = arg.split("=")[0]
    assert problem(arg) == f"{key}: no such setting; did you mean {full}?"
    assert problem(f"{full}={arg.split('=')[1]}") is None


def test_the_readmes_lever_keys_are_command_line_keys():
    """The README's lever table names each key as the command line needs it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| lever | keys |"):].split("\n\n")[0]
    for row in table.splitlines()[2:]:
        keys = row.split("|")[2]
        assert "`" in keys
        for key in keys.split("`")[1::2]:
            assert key.startswith("policy.") and field_at(key.removesuffix(".*")), row


BROKEN = "defaults: [baseline]\nreminder:\n  channel: sms\n   days_ahead: 2\n"


def test_a_broken_policy_file_stops_only_the_runs_that_use_it(tmp_path):
    broken = user_file(tmp_path, "policy/broken.yaml", BROKEN)
    plan = check_command_line(["--config-dir", str(tmp_path), "policy=sms_reminder"])
    assert plan.problem is None
    assert plan.note.startswith(f"note: not used by this run, and not readable: {broken}, line 4")
    assert problem("--config-dir", str(tmp_path), "policy=broken") == (
        f"{broken}, line 4: mapping values are not allowed here")
    assert problem("--config-dir", str(tmp_path), "-m", "policy=sms_reminder,broken") == (
        f"{broken}, line 4: mapping values are not allowed here")


def test_a_used_file_that_holds_a_list_is_named(tmp_path):
    user_file(tmp_path, "policy/broken.yaml", BROKEN)
    listed = user_file(tmp_path, "clinic/listed.yaml", "- askim\n- moss\n")
    assert problem("--config-dir", str(tmp_path), "clinic=listed") == (
        f"{listed}: must hold settings as `key: value` lines")


def test_a_run_beside_a_broken_file_it_does_not_use_writes_its_results(tmp_path):
    user_file(tmp_path / "config", "policy/broken.yaml", BROKEN)
    out = tmp_path / "run"
    result = run_py("--config-dir", str(tmp_path / "config"), "policy=sms_reminder",
                    f"hydra.run.dir={out}", *SHORT)
    assert result.returncode == 0, result.stderr
    assert (out / "summary.csv").is_file()


def test_a_policy_without_its_defaults_line_runs_as_the_baseline_with_its_change(tmp_path):
    """A policy file holds only its changes: the baseline's values come under every policy."""
    user_file(tmp_path, "policy/mine.yaml", "reminder:\n  channel: sms\n")
    plan = check_command_line(["--config-dir", str(tmp_path), "policy=mine"])
    assert plan.problem is None
    baseline = check_command_line(["policy=baseline"]).run_config.policy
    mine = plan.run_config.policy
    assert (mine.name, mine.reminder.channel) == ("mine", "sms")
    assert mine.discharge == baseline.discharge and mine.incentive == baseline.incentive


def test_a_users_own_clinic_file_missing_a_field_says_what_to_do(tmp_path):
    path = user_file(tmp_path, "clinic/my_clinic.yaml",
                     "sites:\n  bergen:\n    display_name: Bergen\n    capacity_fte: 3\n")
    assert problem("--config-dir", str(tmp_path), "clinic=my_clinic") == (
        f"clinic.name is missing in {path}: copy scenarios/clinic/ostfold_2005.yaml as a start, "
        f"or add 'defaults: [ostfold_2005]' as its first line to change only what differs "
        f"(its sites come too)")


def _other_trusts_clinic(folder: Path) -> Path:
    clinic = yaml.safe_load((ROOT / "scenarios/clinic/ostfold_2005.yaml").read_text("utf-8"))
    clinic["name"] = "bergen"
    clinic["sites"] = {"bergen": clinic["sites"]["askim"] | {"display_name": "Bergen"}}
    return user_file(folder, "clinic/bergen.yaml", yaml.safe_dump(clinic, allow_unicode=True))


def test_a_users_clinic_runs_without_another_clinics_fitted_values(tmp_path):
    """The fitted group follows the clinic (`optional fitted: ${clinic}`): a clinic with no
    fitted file of its own runs on the starting values, and never gets Østfold's sites."""
    _other_trusts_clinic(tmp_path)
    assert problem("--config-dir", str(tmp_path), "clinic=bergen") is None
    cfg = load_config([f"hydra.searchpath=['file://{tmp_path}']", "clinic=bergen"])
    assert list(cfg.clinic.sites) == ["bergen"]
    assert cfg.behaviour.decision.intercept == load_config(["~fitted"]).behaviour.decision.intercept


def test_a_users_clinic_given_another_clinics_fitted_values_is_told_to_leave_them_out(tmp_path):
    path = _other_trusts_clinic(tmp_path)
    assert problem("--config-dir", str(tmp_path), "clinic=bergen", "fitted=ostfold_2005") == (
        f"clinic.sites.askim.display_name is missing: askim is not a site of {path} but comes "
        f"from fitted/ostfold_2005.yaml (values calibrated for ostfold_2005); "
        f"run your clinic with ~fitted")
    assert problem("--config-dir", str(tmp_path), "clinic=bergen", "~fitted") is None


def test_a_site_missing_a_field_lists_what_a_site_sets(tmp_path):
    path = user_file(tmp_path, "clinic/more.yaml", "defaults: [ostfold_2005]\nname: more\n"
                     "sites:\n  bergen:\n    display_name: Bergen\n    capacity_fte: 3\n")
    line = problem("--config-dir", str(tmp_path), "clinic=more")
    assert line.startswith(f"clinic.sites.bergen.referrals_per_year is missing in {path}: "
                           f"each site sets capacity_fte, display_name,")


def test_letters_outside_ascii_in_a_run_folder_work(tmp_path):
    out = tmp_path / "outputs" / "Østfold å"
    plan = check_command_line([f"hydra.run.dir={out}", *SHORT])
    assert plan.problem is None
    assert plan.run_dir == out
    result = run_py(f"hydra.run.dir={out}", *SHORT)
    assert result.returncode == 0, result.stderr
    assert (out / "summary.csv").is_file()


def test_letters_outside_ascii_in_a_sweep_folder_and_a_swept_value_work(tmp_path):
    plan = check_command_line(["-m", "policy=baseline,sms_reminder", *SHORT,
                               f"hydra.sweep.dir={tmp_path / 'Bodø'}"])
    assert plan.problem is None
    assert plan.sweep_dir == tmp_path / "Bodø"
    plan = check_command_line(["-m", "clinic.sites.moss.display_name=Møss,Moss"])
    assert plan.problem is None


def test_an_experiment_that_sweeps_needs_m():
    assert problem("experiment=bundles") == (
        "experiment=bundles is a sweep: add -m, e.g. python3 run.py -m experiment=bundles")
    assert problem("-m", "experiment=bundles") is None
    result = run_py("experiment=bundles", "hydra.run.dir=/nonexistent/never")
    assert result.returncode == 2
    assert result.stderr == ("error: experiment=bundles is a sweep: add -m, "
                             "e.g. python3 run.py -m experiment=bundles "
                             "hydra.run.dir=/nonexistent/never\n")


def test_a_policy_file_named_with_letters_outside_ascii_runs(tmp_path):
    folder = tmp_path / "mine=Østfold"  # a --config-dir is a folder, not an override
    user_file(folder, "policy/påminnelse.yaml",
              "defaults: [baseline]\nreminder:\n  channel: sms\n")
    plan = check_command_line(["-cd", str(folder), "policy=påminnelse"])
    assert plan.problem is None
    assert plan.run_config.policy.name == "påminnelse"
    assert problem("-cd", str(folder), "policy=påminnelsen").startswith(
        "policy=påminnelsen: unknown policy scenario; choose one of")
