"""Levers are plug-in units: one defined here, outside the model core, works through a policy
(through terms the compiled day reads: sim/engine/settings.py)."""

from dataclasses import dataclass

import pytest

from conftest import SHORT, short_config
from sim.config.compose import load_config
from sim.config import ConfigError
from sim.enums import Outcome
from sim.ranges import ranged
from sim.levers.base import Lever, register, unregister
from sim.model import AttendanceModel
from sim.simulate import simulate


@dataclass
class TravelRefundParams:
    nok: float = ranged(0.0, 1000.0, default=0.0)  # neutral by default: off unless a policy sets it


@pytest.fixture
def travel_refund():
    """Travel costs refunded for each attended session, which makes coming more attractive.
    (Not `voucher`: the shipped policy of that name switches on the `incentive` lever.)"""

    class TravelRefund(Lever):
        key = "travel_refund"
        Params = TravelRefundParams

        def array_terms(self) -> dict:
            # A term the compiled day already reads (a new one needs its line in sim/engine/):
            # money for each session attended is a reward for coming, weighed where a voucher's
            # is. Log-odds of staying away per NOK; none when neutral, so nothing is overwritten.
            return {"incentive_pull": -0.01 * self.params.nok} if self.params.nok else {}

        def summary_columns(self, appointments, patients) -> dict:
            attended = int((appointments.outcome == Outcome.ATTENDED.value).sum())
            return {"travel_refund_cost_nok": attended * self.params.nok}

    yield TravelRefund
    unregister("travel_refund")


def _no_show_rate(results) -> float:
    return results.summary.set_index("clinic").loc["all", "no_show_rate"]


def test_a_lever_defined_outside_the_core_is_switched_on_by_the_policy(travel_refund):
    off = simulate(short_config())
    on = simulate(load_config([*SHORT, "+policy.travel_refund.nok=150"]))
    assert _no_show_rate(on) < _no_show_rate(off) - 0.02
    assert (on.summary.travel_refund_cost_nok > 0).all()
    assert (off.summary.travel_refund_cost_nok == 0).all()  # registered but neutral: no effect
    neutral = AttendanceModel(short_config()).state
    unregister("travel_refund")
    alone = AttendanceModel(short_config()).state
    register(travel_refund)
    assert (neutral.real == alone.real).all() and (neutral.ints == alone.ints).all()


def test_a_plug_in_levers_parameters_are_range_checked(travel_refund):
    line = r"^policy.travel_refund.nok = -5 is out of range: allowed 0 to 1000$"
    with pytest.raises(ConfigError, match=line):
        load_config([*SHORT, "+policy.travel_refund.nok=-5"])


def test_the_model_builds_from_keyword_settings_and_records_its_daily_series():
    model = AttendanceModel(policy="sms_reminder", seed=3, warmup_days=30, horizon_days=30,
                            charts=False).run()
    assert model.cfg.policy.reminder.channel == "sms" and model.cfg.seed == 3
    daily = model.datacollector.get_model_vars_dataframe()
    assert len(daily) == 60
    for waiting, in_care in zip(daily.waiting_list, daily.in_care):  # each day, over the sites
        assert len(waiting) == len(in_care) == len(model.clinics)
        assert (in_care >= waiting).all()
    assert (daily.in_care.iloc[-1] > 0).all()
    assert list(daily.in_care.iloc[-1]) == [clinic.in_care for clinic in model.clinics.values()]


@dataclass
class TravelRefundEffect:
    per_100_nok: float = ranged(-20.0, 20.0, default=-1.0)  # log-odds of staying away per NOK 100


@pytest.fixture
def refund_with_effect():
    class Refund(Lever):
        key, Params, Effect = "refund_with_effect", TravelRefundParams, TravelRefundEffect

    yield Refund
    unregister("refund_with_effect")


def test_a_lever_declares_its_effect_sizes_and_gets_a_behaviour_block(refund_with_effect):
    cfg = load_config([*SHORT, "+behaviour.refund_with_effect.per_100_nok=-2"])
    assert refund_with_effect(cfg.policy.refund_with_effect, cfg).effect.per_100_nok == -2
    line = r"^behaviour.refund_with_effect.per_100_nok = -50 is out of range"
    with pytest.raises(ConfigError, match=line):
        load_config([*SHORT, "+behaviour.refund_with_effect.per_100_nok=-50"])


def test_a_levers_effect_block_may_not_take_a_behaviour_blocks_name():
    with pytest.raises(ValueError, match="behaviour.decision is taken"):
        class Decision(Lever):
            key, Params, Effect = "decisive", TravelRefundParams, TravelRefundEffect
            effect_key = "decision"
    unregister("decisive")
