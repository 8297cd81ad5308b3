"""Issue 12's levers: each one's direction and its cost, in paired short runs (same seed, same
patients). Every lever is off in the baseline and costs nothing there."""

import pytest

from conftest import SHORT
from sim.config.compose import load_config
from sim.simulate import simulate

SEEDS = (11, 12)


def _all(policy: str, *overrides: str, seed: int):
    cfg = load_config([*SHORT, f"seed={seed}", f"policy={policy}", *overrides])
    return simulate(cfg).summary.set_index("clinic").loc["all"]


def _pair(policy: str, *overrides: str):
    """(baseline, policy) summary rows of all clinics, summed over a few seeds."""
    rows = [(_all("baseline", seed=s), _all(policy, *overrides, seed=s)) for s in SEEDS]
    return rows


def _mean(rows, which: int, column: str) -> float:
    return sum(float(r[which][column]) for r in rows) / len(rows)


def test_a_follow_up_call_after_a_no_show_keeps_patients_and_costs_staff_hours():
    rows = _pair("follow_up_call")
    base, call = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert call("no_show_rate") < base("no_show_rate")
    assert call("exits_dropped_out") + call("exits_discharged_non_attendance") < \
        base("exits_dropped_out") + base("exits_discharged_non_attendance")
    assert base("follow_up_contacts") == base("follow_up_staff_hours") == 0
    assert call("follow_up_contacts") == pytest.approx(call("no_shows"))  # one call per no-show
    assert call("follow_up_staff_hours") == pytest.approx(call("follow_up_contacts") * 10 / 60, abs=0.1)
    assert call("follow_up_cost_nok") == pytest.approx(call("follow_up_staff_hours") * 700, rel=0.01)


def test_never_discharging_ends_discharges_and_lengthens_the_waiting_list():
    rows = _pair("never_discharge")
    base, never = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert base("exits_discharged_non_attendance") > 0 == never("exits_discharged_non_attendance")
    assert never("mean_waiting_list") > base("mean_waiting_list")
    assert never("consultations_per_fte_year") < base("consultations_per_fte_year")  # its cost


def test_a_voucher_for_every_second_session_raises_attendance_and_costs_its_vouchers():
    rows = _pair("voucher")
    base, paid = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert paid("no_show_rate_treatment") < base("no_show_rate_treatment") - 0.03
    assert base("vouchers_paid") == base("voucher_cost_nok") == 0
    assert 0 < paid("vouchers_paid") <= paid("attended") / 2
    assert paid("voucher_cost_nok") == pytest.approx(paid("vouchers_paid") * 250)
