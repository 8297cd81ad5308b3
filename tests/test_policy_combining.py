"""Policies combined in one file, the user's own baseline, and settings that do nothing (issue 18,
items 2 and 4): what a user's policy folder gives is what they meant, or one line says why not."""

import json
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from sim.config.command_line import SCENARIOS, check_command_line
from sim.config.compose import load_config

GOLDEN = Path(__file__).resolve().parent / "golden" / "policy_configs.json"


def checked(*args: str):
    plan = check_command_line(list(args))
    assert plan.problem is None, plan.problem
    return plan


def user_policies(tmp_path: Path, **files: str) -> Path:
    (tmp_path / "policy").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / "policy" / f"{name}.yaml").write_text(text)
    return tmp_path


def test_every_shipped_policy_composes_as_before_it_held_only_its_changes():
    """The configs were dumped from the policy files of before (each `defaults: [baseline]`)."""
    golden = json.loads(GOLDEN.read_text())
    shipped = sorted(p.stem for p in (SCENARIOS / "policy").glob("*.yaml"))
    assert shipped == sorted(golden["policies"])
    for name in shipped:
        config = OmegaConf.to_container(OmegaConf.structured(load_config([f"policy={name}"])))
        assert config.pop("policy") == golden["policies"][name], name
        assert config == golden["rest"], name


def test_a_combination_runs_every_lever_of_each_under_its_own_name(tmp_path):
    folder = user_policies(tmp_path, sms_voucher="defaults: [sms_reminder, voucher, _self_]\n",
                           drop_rapid="defaults: [drop_in, rapid_intake]\n")
    policy = checked("-cd", str(folder), "policy=sms_voucher").run_config.policy
    assert (policy.name, policy.reminder.channel, policy.incentive.voucher_nok) == ("sms_voucher", "sms", 250)
    assert policy.display_name == {"nb": "sms_voucher", "en": "sms_voucher"}
    policy = checked("-cd", str(folder), "policy=drop_rapid").run_config.policy
    assert (policy.drop_in.slots_per_day, policy.rapid_intake.held_share) == (1, 0.15)


def test_two_parts_setting_one_value_differently_are_refused_in_one_line(tmp_path):
    folder = user_policies(tmp_path, two="defaults: [sms_reminder, phone_reminder]\n",
                           settled="defaults: [sms_reminder, phone_reminder]\nreminder:\n  channel: letter\n")
    assert check_command_line(["-cd", str(folder), "policy=two"]).problem == (
        "policy two combines sms_reminder and phone_reminder, which both set "
        "policy.reminder.channel (sms vs phone); set it in two itself")
    assert checked("-cd", str(folder), "policy=settled").run_config.policy.reminder.channel == "letter"


def test_an_older_policy_starting_from_the_baseline_still_runs_and_combines_first(tmp_path):
    folder = user_policies(tmp_path, old="defaults: [baseline]\nincentive:\n  voucher_nok: 100\n",
                           old_first="defaults: [old, sms_reminder]\n",
                           old_last="defaults: [sms_reminder, old]\n")
    assert checked("-cd", str(folder), "policy=old").run_config.policy.incentive.voucher_nok == 100
    policy = checked("-cd", str(folder), "policy=old_first").run_config.policy
    assert (policy.reminder.channel, policy.incentive.voucher_nok) == ("sms", 100)
    line = check_command_line(["-cd", str(folder), "policy=old_last"]).problem
    assert line.startswith("policy old_last combines sms_reminder and old, and old starts from the "
                           "baseline (defaults: [baseline]), which sets policy.reminder.channel back to none")


def test_the_users_own_baseline_is_the_reference_and_under_every_policy(tmp_path):
    text = (SCENARIOS / "policy" / "baseline.yaml").read_text()
    folder = user_policies(tmp_path, baseline=text.replace("voucher_nok: 0 ", "voucher_nok: 50 "))
    plan = checked("-cd", str(folder))
    assert plan.run_config.policy.incentive.voucher_nok == 50
    assert f"note: {folder / 'policy' / 'baseline.yaml'} replaces the project's" in plan.note
    policy = checked("-cd", str(folder), "policy=sms_reminder").run_config.policy
    assert (policy.reminder.channel, policy.incentive.voucher_nok) == ("sms", 50)


@pytest.mark.parametrize("args, line", [
    (["policy.continuity.switch_after_missed=2"],
     "note: policy.continuity.switch_after_missed has no effect while policy.continuity.therapists_per_fte = 0"),
    (["policy.reminder.stages=[]", "policy.reminder.channel=sms"],
     "note: policy.reminder.channel = sms has no effect while policy.reminder.stages = []"),
    (["policy.overbooking.by=risk"],
     "note: policy.overbooking.by has no effect while policy.overbooking.share = 0"),
    (["policy.incentive.every_nth_attended=3"],
     "note: policy.incentive.every_nth_attended has no effect while policy.incentive.voucher_nok = 0"),
    (["policy.drop_in.within_days=3"],
     "note: policy.drop_in.within_days has no effect while policy.drop_in.slots_per_day = 0"),
])
def test_a_setting_that_does_nothing_where_it_is_is_said_before_the_run(args, line):
    plan = checked(*args)
    assert line in (plan.note or "").splitlines()


def test_no_shipped_policy_has_a_setting_that_does_nothing():
    for path in sorted((SCENARIOS / "policy").glob("*.yaml")):
        assert not [n for n in (checked(f"policy={path.stem}").note or "").splitlines()
                    if "has no effect" in n], path.stem
