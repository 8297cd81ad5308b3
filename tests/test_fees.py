"""A no-show fee as it acts (issue 19, item 3): some who chose not to come cancel ahead instead,
forgetting is untouched, only a share of the fees is collected, and no fee changes nothing."""

from types import SimpleNamespace

import pandas as pd
import pytest

from conftest import SHORT, short_config
from sim.calibration.fee_checks import relative_interval
from sim.config import ConfigError
from sim.config.compose import load_config
from sim.enums import Outcome, Reason
from sim.patient import notify_probability
from sim.results.kpis import ALL
from sim.simulate import simulate

FEE = "policy=no_show_fee"


def _chosen(results) -> pd.Series:
    """Outcomes of the appointments the patient chose not to come to (in a lapse or not)."""
    a = results.appointments
    return a.outcome[a.reason.isin([Reason.CHOSE_NOT_TO_COME.value, Reason.LAPSE.value])]


def test_a_fee_turns_chosen_no_shows_into_cancellations_and_forgetting_stays_a_no_show():
    base = simulate(short_config("behaviour.fees.extra_notify_share=0.5"))
    fee = simulate(short_config(FEE, "behaviour.fees.extra_notify_share=0.5"))
    cancelled = {name: (_chosen(r) == Outcome.CANCELLED.value).mean() for name, r in
                 (("base", base), ("fee", fee))}
    assert cancelled["base"] == pytest.approx(0.3, abs=0.03)  # behaviour.cancellation.notify_share
    assert cancelled["fee"] == pytest.approx(1 - 0.7 * 0.5, abs=0.03)  # half of the silent rest call
    forgot = fee.appointments[fee.appointments.reason == Reason.FORGOT.value]
    assert len(forgot) > 100 and (forgot.outcome == Outcome.NO_SHOW.value).all()


def test_the_fee_does_not_change_the_chance_of_forgetting():
    def forgotten_share(results) -> float:
        a = results.appointments
        return (a.reason == Reason.FORGOT.value).sum() / len(a)

    base, fee = simulate(short_config()), simulate(short_config(FEE, "behaviour.fees.extra_notify_share=0.5"))
    assert forgotten_share(fee) == pytest.approx(forgotten_share(base), rel=0.08)


def test_levers_notify_shares_combine_as_independent_chances_in_any_order():
    def patient(*extras) -> SimpleNamespace:
        return SimpleNamespace(behaviour=SimpleNamespace(cancellation=SimpleNamespace(notify_share=0.3)),
                               hooks=SimpleNamespace(extra_notify_share=[lambda p, a, e=e: e for e in extras]))

    assert notify_probability(patient(), None) == 0.3  # no lever: the share itself, exactly
    assert notify_probability(patient(0.5), None) == pytest.approx(0.65)
    assert notify_probability(patient(0.1, 0.37, 0.5), None) == notify_probability(patient(0.5, 0.1, 0.37), None)


def test_revenue_counted_is_the_fees_charged_times_the_share_collected():
    for share in (0.4, 1.0):
        summary = simulate(short_config(FEE, f"policy.fees.no_show_fee_collected_share={share}")).summary
        assert (summary.no_show_fees_charged == summary.no_shows).all() and summary.no_shows.sum() > 0
        expected = (summary.no_show_fees_charged * 320 * share).round()
        assert (summary.no_show_fees_collected_nok - expected).abs().max() <= 1
        net = -summary.visit_fee_revenue_nok - summary.no_show_fees_collected_nok + summary.overtime_cost_nok
        assert (summary.policy_cost_nok - net).abs().max() <= 1  # the net cost counts fees collected


def test_without_a_no_show_fee_its_effect_size_changes_nothing():
    base = simulate(short_config())
    eager = simulate(short_config("behaviour.fees.extra_notify_share=0.9"))
    for table in ("appointments", "patients", "summary"):
        pd.testing.assert_frame_equal(getattr(base, table), getattr(eager, table))
    assert base.summary.set_index("clinic").loc[ALL, "no_show_fees_charged"] == 0


@pytest.mark.parametrize("field, value", [("policy.fees.no_show_fee_collected_share", 1.5),
                                          ("policy.fees.no_show_fee_collected_share", -0.1),
                                          ("behaviour.fees.extra_notify_share", 2),
                                          ("behaviour.fees.extra_notify_share", -0.5)])
def test_a_share_outside_zero_to_one_is_a_one_line_error(field, value):
    with pytest.raises(ConfigError, match=rf"^{field} = {value} is out of range: allowed 0(\.0)? to 1(\.0)?$"):
        load_config([*SHORT, f"{field}={value}"])


def test_the_studys_interval_is_its_odds_ratio_interval_as_a_relative_change():
    low, high = relative_interval(0.119, 0.96, 0.83, 1.10)
    assert low < 11.6 / 11.9 - 1 < high and low == pytest.approx(-0.122, abs=0.002)
    assert high == pytest.approx(0.060, abs=0.002)
