"""The explorer's parts that are not the page (issue 23): the choices and their composition once,
the levers' controls, the policy and baseline in step, the replications, keeping the settings.
The page itself is tested in a browser (tests/test_explorer_browser.py)."""

import json

import pytest

pytest.importorskip("solara", reason="the explorer's packages: pip install -e '.[explorer]'")

import run as run_py  # noqa: E402
from sim.config.command_line import SCENARIOS, check_command_line  # noqa: E402
from sim.config.compose import load_config  # noqa: E402
from sim.config.schema import field_at  # noqa: E402
from sim.explorer import charts, choices, keep, levers, replications  # noqa: E402
from sim.explorer.live import PANEL  # noqa: E402
from sim.explorer.paired import PairedRun  # noqa: E402
from sim.explorer.png import charts_png  # noqa: E402
from sim.simulate import simulate  # noqa: E402
from sim.study.many import with_settings  # noqa: E402

SMALL = {"scale": 0.2, "warmup_days": 60, "horizon_days": 42}  # six weeks counted


def small(clinic="ostfold_2005", policy="sms_reminder", user=None, **settings):
    return with_settings(choices.composed(clinic, policy, user), {**SMALL, **settings})


@pytest.fixture
def user_folder(tmp_path):
    """A user's config folder with a trust of its own (a copy of Østfold, with fitted values)."""
    for group in ("clinic", "fitted"):
        (tmp_path / group).mkdir()
        text = (SCENARIOS / group / "ostfold_2005.yaml").read_text(encoding="utf-8")
        (tmp_path / group / "my_trust.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_choices_list_the_users_own_clinics_and_compose_once(user_folder):
    names = [c.name for c in choices.clinics(user_folder)]
    assert names[0] == "ostfold_2005" and "my_trust" in names
    assert choices.policies(user_folder)[0].name == "baseline"
    assert "fitted=my_trust" in choices.overrides_for("my_trust", "baseline", user_folder)
    first = choices.composed("my_trust", "sms_reminder", user_folder)
    assert choices.composed("my_trust", "sms_reminder", user_folder) is first  # no second Hydra
    assert set(first.clinic.sites) == set(load_config().clinic.sites)


def test_every_control_is_a_setting_and_its_slider_inside_the_allowed_range():
    for group in levers.CONTROLS.values():
        for control in group:
            found = field_at(f"policy.{control.key}")
            assert found is not None, control.key
            low, high = (found[0].metadata.get("range") or (None, None))
            if control.kind in ("share", "number", "whole"):
                assert low is None or control.low >= low, control.key
                assert high is None or control.high <= high, control.key


def test_the_controls_shown_are_the_levers_the_policy_holds():
    folders = choices.folders(None)
    assert levers.levers_held("star_bundle", folders) == ["reminder", "follow_up", "rapid_intake"]
    assert levers.levers_held("baseline", folders) == []
    cfg = choices.composed("ostfold_2005", "engagement_bundle", None)
    settings = levers.settings_for(cfg, {"outreach.mode": "home", "discharge.after_missed": 3.0})
    changed = with_settings(cfg, settings)
    assert changed.policy.outreach.mode == type(cfg.policy.outreach.mode)("home")
    assert changed.policy.discharge.after_missed == 3 and cfg.policy.discharge.after_missed == 4


@pytest.fixture(scope="module")
def played():
    """A pair played to its end: SMS reminders against the baseline, from one seed."""
    policy, baseline = small(), small(policy="baseline")
    pair = PairedRun(policy, baseline)
    pair.advance(20)
    halfway = pair.so_far()
    pair.advance(100)
    return policy, baseline, pair, halfway, pair.so_far()


def test_the_pair_moves_in_step_to_the_last_day_and_no_further(played):
    _, _, pair, (mine, base), _ = played
    assert pair.done and pair.counted == SMALL["horizon_days"]
    assert mine.counted == base.counted == 20 and len(mine.waiting_list) == 20
    assert mine.consultations == sorted(mine.consultations)  # summed so far: never falls


def test_at_the_last_day_the_figures_are_the_runs_own_summary(played):
    policy, baseline, _, _, (mine, base) = played
    for cfg, shown in ((policy, mine), (baseline, base)):
        summary = simulate(cfg).summary.set_index("clinic").loc["all"]
        assert shown.figures == pytest.approx({k: summary[k] for k in PANEL})
    assert mine.figures["no_show_rate"] < base.figures["no_show_rate"]  # reminders work


def test_the_baseline_stays_put_whatever_the_policy(played):
    _, baseline, _, _, (_, base) = played
    other = PairedRun(small(policy="voucher", **{"policy.incentive.voucher_nok": 500}),
                      small(policy="baseline"))
    other.advance(100)
    assert other.so_far()[1].figures == base.figures
    assert other.so_far()[1].waiting_list == base.waiting_list


def test_charts_are_options_for_the_browser_and_a_png(played):
    policy, _, _, _, (mine, base) = played
    clinics = {k: s.display_name for k, s in policy.clinic.sites.items()}
    span = charts.window(policy.start_date, policy.horizon_days)
    option = charts.weekly_no_show(mine, base, clinics, span, "nb")
    assert len(option["grid"]) == len(clinics) + 1 and json.dumps(option)
    assert json.dumps(charts.lost_hours(mine, base, span, "en"))
    assert charts_png(mine, base, clinics, "test", "en").startswith(b"\x89PNG")


def test_replications_give_the_sweeps_paired_difference():
    policy, baseline = small(), small(policy="baseline")
    table = replications.effects(policy, baseline, 2, n_jobs=1).set_index("kpi")
    rate = table.loc["no_show_rate"]
    assert rate.n_pairs == 2 and rate.ci_low <= rate.difference <= rate.ci_high
    assert rate.difference == pytest.approx(rate.policy - rate.baseline)


def test_keeping_refuses_the_projects_scenarios_and_writes_a_policy_run_py_runs(tmp_path):
    policy = small(**{"policy.reminder.reach": 0.6, "policy.reminder.count": 2})
    baseline = small(policy="baseline")
    display = {"nb": "Mitt SMS", "en": "My SMS"}
    with pytest.raises(keep.KeepError, match="project's own scenarios"):
        keep.keep(SCENARIOS, "mine", display, policy, baseline, "ostfold_2005")
    with pytest.raises(keep.KeepError, match="the project has a policy"):
        keep.keep(tmp_path, "sms_reminder", display, policy, baseline, "ostfold_2005")
    path, command = keep.keep(tmp_path, "my_sms", display, policy, baseline, "ostfold_2005")
    assert path == tmp_path / "policy" / "my_sms.yaml" and "--config-dir" in command
    again = load_config(["policy=my_sms", f"hydra.searchpath=[file://{tmp_path}]"])
    assert keep.changes(again, baseline) == keep.changes(policy, baseline)
    assert keep.changes(policy, baseline)["reminder"] == {"channel": "sms", "reach": 0.6,
                                                          "count": 2}
    # run.py's own path, in this process: its check of the command line (which composes the
    # run as Hydra will), then its run of that configuration
    plan = check_command_line(["--config-dir", str(tmp_path), "policy=my_sms", "scale=0.1",
                               "warmup_days=14", "horizon_days=14", "charts=false"])
    assert plan.problem is None and plan.run_config.policy.name == "my_sms"
    run_py.run_scenario(plan.run_config, tmp_path / "run")
    assert "my_sms" in (tmp_path / "run" / "summary.csv").read_text(encoding="utf-8")


def test_every_control_and_the_sidebar_render_in_both_languages():
    import solara

    from sim.explorer.controls import Controls, LeverControl

    baseline = choices.composed("ostfold_2005", "baseline", None)
    switched_on = with_settings(baseline, {"policy.waiting.max_wait_days": 14,
                                           "policy.discharge.after_missed": None})
    for language in ("nb", "en"):
        for cfg in (baseline, switched_on):  # each setting that may be off, off and on
            for group in levers.CONTROLS.values():
                for control in group:
                    _, context = solara.render(LeverControl(control, cfg, language),
                                               handle_error=False)
                    context.close()
        _, context = solara.render(Controls(baseline), handle_error=False)
        context.close()
