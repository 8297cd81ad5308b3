"""Drop-in hours: a patient who missed may come in within days instead of waiting for the new
time, which keeps more courses going; the clinic pays with slots held for drop-in, some unused."""

from functools import lru_cache

import pytest

from conftest import SHORT
from sim.config.compose import load_config
from sim.levers.drop_in import DropIn
from sim.engine import layout as L
from sim.engine.booking import limit_for
from sim.engine.state import settings_of
from sim.simulate import simulate

SEEDS = (11, 12)
STOPPED = ("exits_dropped_out", "exits_discharged_non_attendance")


@lru_cache(maxsize=None)
def _all(policy: str, seed: int, *overrides: str):
    cfg = load_config([*SHORT, f"seed={seed}", f"policy={policy}", *overrides])
    return simulate(cfg).summary.set_index("clinic").loc["all"]


def _mean(policy: str, column: str, *overrides: str) -> float:
    return sum(float(_all(policy, s, *overrides)[column]) for s in SEEDS) / len(SEEDS)


def test_drop_in_hours_keep_more_courses_going_and_lower_the_treatment_no_show():
    assert _mean("drop_in", "drop_in_visits") > 0
    stopped = {p: sum(_mean(p, c) for c in STOPPED) for p in ("baseline", "drop_in")}
    assert stopped["drop_in"] < stopped["baseline"]
    assert _mean("drop_in", "no_show_rate_treatment") < _mean("baseline", "no_show_rate_treatment")


def test_without_uptake_no_one_drops_in_and_the_held_hours_go_unused():
    """The effect comes through the patients who come, not from the hours themselves."""
    none = "behaviour.drop_in.uptake=0"
    assert _mean("drop_in", "drop_in_visits", none) == 0
    assert _mean("drop_in", "drop_in_unused_hours", none) == _mean("drop_in", "drop_in_staff_hours", none) > 0
    stopped = sum(_mean("drop_in", c, none) for c in STOPPED)
    assert stopped >= sum(_mean("drop_in", c) for c in STOPPED)


def test_drop_in_costs_the_held_hours_and_the_baseline_costs_nothing():
    cfg = load_config([*SHORT, "policy=drop_in"])
    for seed in SEEDS:
        base, row = _all("baseline", seed), _all("drop_in", seed)
        assert base["drop_in_staff_hours"] == base["drop_in_visits"] == base["drop_in_unused_nok"] == 0
        # One slot (an hour) a working day at each of the five sites over the counted half-year.
        weekdays = 180 * 5 / 7
        assert row["drop_in_staff_hours"] == pytest.approx(5 * weekdays, rel=0.03)
        assert row["drop_in_unused_hours"] == pytest.approx(row["drop_in_staff_hours"] - row["drop_in_visits"])
        assert row["drop_in_unused_nok"] == pytest.approx(
            row["drop_in_unused_hours"] * cfg.clinic.clinician_cost_nok_per_hour, rel=0.01)
        assert 0 < row["drop_in_visits"] <= row["no_shows"]


def test_the_drop_in_slots_are_taken_from_the_bookable_slots():
    cfg = load_config([*SHORT, "policy=drop_in", "policy.drop_in.slots_per_day=2"])
    real, ints = settings_of(cfg, [DropIn(cfg.policy.drop_in, cfg)])
    for stage in (L.ASSESSMENT, L.TREATMENT):
        assert limit_for(real, ints, 0.3, stage, 12) == 10
        assert limit_for(real, ints, 0.3, stage, 1) == 0
        assert limit_for(real, ints, 0.3, stage, 0) == 0  # a day without slots holds none
