"""One name, one meaning: the age term says the age group it applies to, and `voucher` is only the
gift card the incentive lever pays (and the shipped policy that pays it)."""

import re
from pathlib import Path

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
