"""A no-show fee as it acts (issue 19, item 3): some who chose not to come cancel ahead instead,
forgetting is untouched, only a share of the fees is collected, and no fee changes nothing."""

import numpy as np
import pandas as pd
import pytest

from conftest import SHORT, short_config
from sim.calibration.fee_checks import relative_interval
from sim.config import ConfigError
from sim.config.compose import load_config
from sim.engine import layout as L
from sim.engine import settings as S
from sim.engine.attendance import respond
from sim.enums import Outcome, Reason
from sim.model import AttendanceModel
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
    # half of the silent rest call
    assert cancelled["fee"] == pytest.approx(1 - 0.7 * 0.5, abs=0.03)
    forgot = fee.appointments[fee.appointments.reason == Reason.FORGOT.value]
    assert len(forgot) > 100 and (forgot.outcome == Outcome.NO_SHOW.value).all()


def test_the_fee_does_not_change_the_chance_of_forgetting():
    def forgotten_share(results) -> float:
        a = results.appointments
        return (a.reason == Reason.FORGOT.value).sum() / len(a)

    base = simulate(short_config())
    fee = simulate(short_config(FEE, "behaviour.fees.extra_notify_share=0.5"))
    assert forgotten_share(fee) == pytest.approx(forgotten_share(base), rel=0.08)


def _called_share(*overrides: str, visits: int = 4) -> float:
    """Of made-up appointments every patient of a built model chose not to come to (none forgets),
    the share cancelled ahead, as the compiled attendance rule decides it."""
    model = AttendanceModel(short_config(*overrides))
    state = model.state
    state.patient_real[:, L.P_FORGETTING_BASE] = 0.0
    state.patient_real[:, L.P_SITE_TERM] = 50.0  # sure to choose not to come
    rows = np.arange(len(model.patients) * visits)
    patient, visit = rows % len(model.patients), rows // len(model.patients) + 1
    appointments = state.appointment_int
    appointments[rows, L.A_PATIENT], appointments[rows, L.A_STAGE] = patient, L.TREATMENT
    appointments[rows, L.A_SITE] = model.patients.site[patient]
    booked = model.patients.referral_day[patient] + 7 * (visit - 1)
    appointments[rows, L.A_BOOKED_DAY], appointments[rows, L.A_DAY] = booked, booked + 7
    appointments[rows, L.A_OUTCOME] = L.NONE
    for a in rows:  # visit by visit, each patient's days in order
        respond(state.arrays(), a, patient[a], appointments[a, L.A_DAY])
    outcomes = appointments[rows, L.A_OUTCOME]
    assert np.isin(appointments[rows, L.A_REASON], [L.CHOSE_NOT_TO_COME, L.LAPSE]).all()
    return float(np.mean(outcomes == L.CANCELLED))


def test_a_fee_adds_its_callers_to_the_notify_share_as_an_independent_chance():
    """Of those who chose not to come, `behaviour.cancellation.notify_share` call; a no-show fee
    makes `behaviour.fees.extra_notify_share` of the silent rest call too (the only lever that
    adds callers); without a fee its effect size adds nothing, exactly."""
    eager = "behaviour.fees.extra_notify_share=0.5"
    for overrides, term in (((eager,), 0.0), ((FEE, eager), 0.5)):
        real = AttendanceModel(short_config(*overrides)).state.real
        assert real[S.R_NOTIFY_SHARE] == 0.3 and real[S.R_FEE_EXTRA_NOTIFY_SHARE] == term
    assert _called_share(eager) == pytest.approx(0.3, abs=0.025)
    assert _called_share(FEE, eager) == pytest.approx(1 - 0.7 * 0.5, abs=0.025)


def test_revenue_counted_is_the_fees_charged_times_the_share_collected():
    for share in (0.4, 1.0):
        collected = f"policy.fees.no_show_fee_collected_share={share}"
        summary = simulate(short_config(FEE, collected)).summary
        assert (summary.no_show_fees_charged == summary.no_shows).all()
        assert summary.no_shows.sum() > 0
        expected = (summary.no_show_fees_charged * 320 * share).round()
        assert (summary.no_show_fees_collected_nok - expected).abs().max() <= 1
        net = (-summary.visit_fee_revenue_nok - summary.no_show_fees_collected_nok
               + summary.overtime_cost_nok)
        # the net cost counts fees collected
        assert (summary.policy_cost_nok - net).abs().max() <= 1


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
    message = rf"^{field} = {value} is out of range: allowed 0(\.0)? to 1(\.0)?$"
    with pytest.raises(ConfigError, match=message):
        load_config([*SHORT, f"{field}={value}"])


def test_the_studys_interval_is_its_odds_ratio_interval_as_a_relative_change():
    low, high = relative_interval(0.119, 0.96, 0.83, 1.10)
    assert low < 11.6 / 11.9 - 1 < high and low == pytest.approx(-0.122, abs=0.002)
    assert high == pytest.approx(0.060, abs=0.002)
