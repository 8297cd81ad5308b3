"""Therapist continuity (sim/levers/continuity.py): therapists with caseloads, turnover that resets
the alliance, and a switch of therapist offered after no-shows in a row."""

import math

import pandas as pd
import pytest

from sim.config import ConfigError
from sim.config.compose import load_config
from sim.simulate import simulate

COSTS = ["therapists", "therapists_left", "therapist_changes_turnover", "therapist_switch_offers",
         "therapist_switches", "continuity_staff_hours", "continuity_cost_nok"]
START = load_config().behaviour.alliance.start
SHORT = ("warmup_days=120", "horizon_days=120", "charts=false")  # enough for 100+ changes at high turnover


def _run(*overrides: str):
    return simulate(load_config([*SHORT, "seed=11", *overrides]))


def _all(results) -> pd.Series:
    return results.summary.set_index("clinic").loc["all"]


def _treatment(results) -> pd.DataFrame:
    a = results.appointments
    return a[a.stage != "assessment"]


@pytest.fixture(scope="module")
def steady():
    """Therapists on, nobody leaves, no switch offered."""
    return _run("policy=staff_turnover", "policy.continuity.annual_turnover=0")


@pytest.fixture(scope="module")
def high_turnover():
    return _run("policy=staff_turnover", "policy.continuity.annual_turnover=3")


@pytest.fixture(scope="module")
def switching():
    """A switch offered after every no-show in treatment, so that there are many to check."""
    return _run("policy=therapist_switch", "policy.continuity.switch_after_missed=1")


def test_therapists_with_nobody_leaving_change_no_outcome(steady):
    """Assigning therapists alone changes nothing: the baseline is the lever with no changes."""
    a, b = steady.appointments, _run().appointments
    assert (a.therapist[a.stage != "assessment"] != "").all()
    pd.testing.assert_frame_equal(a[b.columns], b)
    assert _all(steady).therapist_changes_turnover == 0


def test_caseloads_are_shared_out_about_evenly(steady):
    per_therapist = _treatment(steady).groupby(["clinic", "therapist"]).patient_id.nunique()
    for _, counts in per_therapist.groupby(level=0):
        assert counts.max() <= 2 * counts.min() + 5, counts


def test_turnover_resets_the_alliance_and_raises_no_shows(steady, high_turnover):
    changed = _treatment(high_turnover)
    changed = changed[changed.therapist_change == "turnover"]
    assert len(changed) > 50
    assert (changed.alliance == START).all()  # a new therapist: a new start
    assert _treatment(high_turnover).alliance.mean() < _treatment(steady).alliance.mean() - 0.02
    assert _all(high_turnover).no_show_rate_treatment > _all(steady).no_show_rate_treatment
    assert _all(high_turnover).therapists_left > 0


def test_a_switch_is_offered_after_the_misses_and_taken_only_when_the_alliance_is_broken(switching):
    t = _treatment(switching)
    offers = t[t.switch_offer != ""]
    assert (offers.outcome == "no_show").all()
    assert (offers[offers.switch_offer == "declined"].alliance >= START).all()
    taken = offers[offers.switch_offer == "accepted"]
    assert len(taken) > 5 and (taken.alliance < START).all()
    checked = 0
    for _, offer in taken.iterrows():
        after = t[(t.patient_id == offer.patient_id) & (t.scheduled_for > offer.scheduled_for)]
        if len(after):
            met = after.iloc[0]
            assert met.therapist != offer.therapist and met.therapist_change == "switch"
            assert met.alliance == START
            checked += 1
    assert checked > 0


def test_offers_wait_for_the_number_of_no_shows_in_a_row():
    once, twice = (_all(_run("policy=therapist_switch", f"policy.continuity.switch_after_missed={n}"))
                   for n in (1, 2))
    assert 0 < twice.therapist_switch_offers < once.therapist_switch_offers


def test_its_costs_are_in_the_summary_and_zero_when_off(switching, high_turnover):
    assert (_run().summary[COSTS] == 0).all().all()
    on = _all(switching)
    assert on.therapist_switch_offers > 0 and on.therapist_switches > 0
    assert on.continuity_staff_hours > 0 and on.continuity_cost_nok > 0
    turnover = _all(high_turnover)
    hours = turnover.therapist_changes_turnover * 30 / 60  # handover_minutes: 30
    assert math.isclose(turnover.continuity_staff_hours, hours, abs_tol=0.05)


def test_the_same_seed_gives_the_same_run_and_the_same_departures_in_other_scenarios(high_turnover):
    again = _run("policy=staff_turnover", "policy.continuity.annual_turnover=3")
    pd.testing.assert_frame_equal(again.appointments, high_turnover.appointments)
    with_sms = _run("policy=staff_turnover", "policy.continuity.annual_turnover=3", "policy.reminder.channel=sms")
    assert _all(with_sms).therapists_left == _all(high_turnover).therapists_left


def test_a_bad_turnover_is_refused():
    with pytest.raises(ConfigError, match=r"^policy.continuity.annual_turnover = -1 is out of range"):
        load_config(["policy=staff_turnover", "policy.continuity.annual_turnover=-1"])
