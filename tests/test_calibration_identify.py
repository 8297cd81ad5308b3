"""The calibration generalised: its free parameters as a list (the Østfold set as fitted before),
targets from any table, and which parameters the targets pin down (sim/calibration/identify.py),
on Jacobians whose answer is known."""

import numpy as np
import pandas as pd
import pytest

from sim.calibration.calibrate import Calibration
from sim.calibration.free import records
from sim.calibration.identify import identification, unresolved
from sim.config.compose import load_config

NAMES = ["level", "site_a", "site_b", "course", "idle"]


def _jacobian() -> np.ndarray:
    """Four targets over tolerances: the level and the two site terms move them only as sums
    (level + site), the course strongly, and `idle` next to nothing; then the two sites' priors."""
    rng = np.random.default_rng(1)
    targets = np.array([[10.0, 10.0, 0.0, 0.0, 0.01],
                        [10.0, 0.0, 10.0, 0.0, 0.0],
                        [0.0, 0.0, 0.0, 20.0, 0.0],
                        [0.0, 0.0, 0.0, 15.0, 0.02]])
    targets += rng.normal(0, 1e-6, targets.shape)  # a fit's Jacobian is never exactly singular
    priors = np.array([[0.0, 2.0, 0.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0, 0.0]])
    return np.vstack([targets, priors])


def test_what_the_targets_pin_down_and_what_they_trade_off():
    table = identification(NAMES, _jacobian(), misfits=4).set_index("parameter")
    assert table.loc["course", "verdict"] == "pinned down"
    assert table.loc["idle", "verdict"] == "no effect on the targets a step can show"
    assert table.loc["level", "verdict"].startswith("traded off against site_")
    assert not table.loc[["level", "site_a", "site_b", "idle"], "pinned_down"].any()
    assert table.loc["course", "pinned_down"]
    # the priors tell the level from the sites: a finite change, where the targets alone have none
    assert table.loc["level", "one_tolerance_with_prior"] < table.loc["level", "one_tolerance"]


def test_the_combinations_the_targets_cannot_tell_apart_are_named():
    said = unresolved(NAMES, _jacobian(), misfits=4)
    assert "+1.0 idle" in said
    level = [s for s in said if "level" in s]
    assert len(level) == 1 and "site_a" in level[0] and "site_b" in level[0]


def test_the_ostfold_free_set_is_the_one_fitted_before():
    cal = Calibration(load_config(["charts=false"]), 1)
    sites = list(cal.base.clinic.sites)
    quit = cal.base.behaviour.dropout.quit_after_miss
    assert [p.name for p in cal.free] == [
        "behaviour.decision.intercept", *(f"clinic.sites.{s}.unexplained_log_odds" for s in sites),
        "behaviour.dropout.quit_after_miss", "behaviour.treatment.sessions_needed_mean",
        "clinic.bookable_slots_per_fte_day", "clinic.sites.*.referrals_per_year"]
    offsets = [cal.base.clinic.sites[s].unexplained_log_odds for s in sites]
    assert list(cal.start()) == [0.0, *offsets, 0.0, 0.0, 0.0, 0.0]
    assert cal.bounds() == ([-4.0] + [-2.0] * 5 + [-quit, -1.0, -1.0, -1.0],
                            [4.0] + [2.0] * 5 + [1.0 - quit, 1.0, 1.0, 1.0])
    theta = cal.start() + np.array([0.1, 0, 0, 0, 0, 0.2, 0.05, 0.1, 0.1, 0.1])
    moved = cal.config(theta)
    assert moved.behaviour.decision.intercept == pytest.approx(
        cal.base.behaviour.decision.intercept + 0.1)
    assert moved.clinic.sites["askim"].referrals_per_year == round(
        cal.base.clinic.sites["askim"].referrals_per_year * np.exp(0.1))


def test_a_targets_table_from_elsewhere_needs_no_real_loss_and_names_its_own_sites():
    targets = pd.DataFrame([
        {"target": "no-show moss", "clinic": "moss", "metric": "no_show_rate_first_treatment",
         "value": 0.4, "tolerance": 0.05, "kind": "fitted", "source": "records"}])
    cal = Calibration(load_config(["charts=false"]), 1, targets, free=records)
    assert list(cal.targets.low) == [pytest.approx(0.35)]
    assert [p.name for p in cal.free][-4:] == [
        "behaviour.decision.alliance", "behaviour.decision.lead_time_per_week",
        "behaviour.dropout.quit_after_miss", "behaviour.treatment.sessions_needed_mean"]
    simulated = {("moss", "no_show_rate_first_treatment"): 0.45}
    residuals = cal._residuals(cal.start(), simulated)
    assert residuals[0] == pytest.approx(1.0)  # (0.45 - 0.4) / 0.05, then the five priors
    assert len(residuals) == 1 + 5
