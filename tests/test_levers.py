"""Levers are plug-in units: one defined here, outside the model core, works through a policy."""

from dataclasses import dataclass

import pytest

from conftest import SHORT, short_config
from sim.config.compose import load_config
from sim.config import ConfigError
from sim.enums import Outcome
from sim.ranges import ranged
from sim.levers.base import Lever, unregister
from sim.model import AttendanceModel
from sim.simulate import simulate


@dataclass
class VoucherParams:
    nok: float = ranged(0.0, 1000.0, default=0.0)  # neutral by default: off unless a policy sets it


@pytest.fixture
def voucher():
    """A voucher for each attended session, which makes coming more attractive."""

    class Voucher(Lever):
        key = "voucher"
        Params = VoucherParams

        def decision_terms(self, patient, appt) -> float:
            return -0.01 * self.params.nok  # log-odds of staying away, per NOK

        def summary_columns(self, appointments, patients) -> dict:
            attended = int((appointments.outcome == Outcome.ATTENDED.value).sum())
            return {"voucher_cost_nok": attended * self.params.nok}

    yield Voucher
    unregister("voucher")


def _no_show_rate(results) -> float:
    return results.summary.set_index("clinic").loc["all", "no_show_rate"]


def test_a_lever_defined_outside_the_core_is_switched_on_by_the_policy(voucher):
    off = simulate(short_config())
    on = simulate(load_config([*SHORT, "+policy.voucher.nok=150"]))
    assert _no_show_rate(on) < _no_show_rate(off) - 0.02
    assert (on.summary.voucher_cost_nok > 0).all()
    assert (off.summary.voucher_cost_nok == 0).all()  # registered but neutral: no effect


def test_a_plug_in_levers_parameters_are_range_checked(voucher):
    with pytest.raises(ConfigError, match=r"^policy.voucher.nok = -5 is out of range: allowed 0 to 1000$"):
        load_config([*SHORT, "+policy.voucher.nok=-5"])


def test_the_model_builds_from_keyword_settings_and_records_its_daily_series():
    model = AttendanceModel(policy="sms_reminder", seed=3, warmup_days=30, horizon_days=30,
                            charts=False).run()
    try:
        assert model.cfg.policy.reminder.channel == "sms" and model.cfg.seed == 3
        daily = model.datacollector.get_model_vars_dataframe()
        assert len(daily) == 60
        for waiting, in_care in zip(daily.waiting_list, daily.in_care):
            assert all(in_care[key] >= waiting[key] for key in model.clinics)
        assert all(n > 0 for n in daily.in_care.iloc[-1].values())
    finally:
        model.release()
