"""The validation command, in a fast version: it runs, covers every target and check, and the
baseline lands in the plausible range."""

from sim import validate
from sim.targets import load_targets


def test_fast_validation_writes_every_target_and_check(tmp_path, capsys):
    validate.main(["--replications", "2", "--out", str(tmp_path)])
    report = (tmp_path / "validation.md").read_text()
    for target in load_targets().target:
        assert f"| {target} |" in report
    for check in validate.CHECKS:
        assert f"| {check['check']} |" in report
    assert (tmp_path / "validation_clinics.png").read_bytes().startswith(b"\x89PNG")
    printed = capsys.readouterr().out
    assert "no-show share all clinics" in printed


def test_baseline_targets_are_plausible_and_cis_bracket_the_mean():
    table = validate.run_targets(2, ["charts=false"])
    assert (table.ci_low <= table.simulated).all() and (table.simulated <= table.ci_high).all()
    total = table.set_index(["clinic", "metric"]).loc[("all", "no_show_rate"), "simulated"]
    assert 0.25 <= total <= 0.40


def test_sms_check_points_the_right_way():
    checks = validate.run_checks(2, ["charts=false"]).set_index("check")
    assert checks.loc["SMS reminder: relative change in no-show", "simulated"] < 0
    assert checks.loc["Wait over 2 weeks: odds ratio of no-show at first treatment", "simulated"] > 1
