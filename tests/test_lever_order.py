"""The levers' order is fixed and their answers compose without it: the same config and seed give
identical tables whatever a program imported first and in whatever order the levers are asked."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import short_config
from sim.levers import LEVERS
from sim.config.compose import load_config
from sim.engine import layout as L
from sim.engine.booking import limit_for
from sim.engine.settings import I, R, model_settings
from sim.levers.base import planned_days, treatment_places
from sim.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
SEED_AND_DAYS = ["seed=424242", "warmup_days=120", "horizon_days=120"]
SETTINGS = ["policy=access_bundle", *SEED_AND_DAYS, "charts=false"]
# Three levers that change how many may be booked a day; two of them also change waits and places.
CAPACITY_LEVERS = ["policy.drop_in.slots_per_day=1", "policy.rapid_intake.held_share=0.15",
                   "policy.rapid_intake.assessment_within_days=7", "policy.overbooking.share=0.2",
                   "policy.waiting.max_wait_days=10", *SEED_AND_DAYS]


def _tables_after_importing(first: str) -> str:
    """The summary and appointments tables as CSV from a fresh process that imports `first` first."""
    code = (f"import {first}\n" if first else "") + (
        "import sys\n"
        "from sim.config.compose import load_config\n"
        "from sim.simulate import simulate\n"
        f"results = simulate(load_config({SETTINGS!r}))\n"
        "sys.stdout.write(results.summary.to_csv(index=False))\n"
        "sys.stdout.write(results.appointments.to_csv(index=False))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("first", ["sim.levers.overbooking", "sim.levers.rapid_intake"])
def test_the_same_seed_gives_the_same_tables_whatever_was_imported_first(first):
    assert _tables_after_importing(first) == _tables_after_importing("")


def test_the_levers_are_in_the_order_of_their_keys():
    assert list(LEVERS) == sorted(LEVERS)


def _tables(results):
    """The tables with their columns in one order (a lever's columns come in the levers' order)."""
    return [getattr(results, name).pipe(lambda df: df[sorted(df.columns)]).to_csv(index=False)
            for name in ("summary", "appointments", "patients")]


@pytest.fixture
def levers_in_reverse():
    """The registry in reverse order while a model is built; put back afterwards."""
    ordered = list(LEVERS.items())
    LEVERS.clear()
    LEVERS.update(reversed(ordered))
    yield
    LEVERS.clear()
    LEVERS.update(ordered)


@pytest.mark.parametrize("overrides", [SETTINGS[:-1], CAPACITY_LEVERS],
                         ids=["access_bundle", "capacity"])
def test_levers_asked_in_another_order_give_the_same_tables(overrides, request):
    cfg = short_config(*overrides)
    in_order = _tables(simulate(cfg))
    request.getfixturevalue("levers_in_reverse")
    assert _tables(simulate(cfg)) == in_order


def test_capacity_changes_add_from_the_sites_own_load_and_round_once():
    """Overbooking a fifth (+2.4) and holding a fifth back (-2.4) on a day of 12 planned cancel,
    in either order (chained and rounded at each step they gave 12 + 2 = 14, then 14 - 3 = 11);
    one lever alone rounds as it did."""
    def limit(overbooking: float, held: float, slots: int, drop_in: int = 0) -> int:
        real, ints = model_settings(load_config())
        real[R["overbooking_share"]], real[R["assessment_held_share"]] = overbooking, held
        ints[I["drop_in_slots"]] = drop_in
        return limit_for(real, ints, 0.3, L.TREATMENT, slots)

    assert limit(0.2, 0.2, 12) == 12  # chained and rounded at each step: 12 + 2 = 14, 14 - 3 = 11
    assert limit(0.2, 0.0, 12) == 14  # 12 + 2.4
    assert limit(0.0, 0.2, 5) == 4  # 5 - 1 (1.0)
    assert limit(0.0, 0.2, 15) == 12  # 15 - 3: half away from zero
    assert limit(0.0, 0.0, 15, drop_in=20) == 0  # never below zero


def test_planned_waits_take_the_shortest_cap_and_places_add_their_changes():
    assert planned_days([lambda site: 7, lambda site: 3], "moss", 14) == 3
    assert planned_days([lambda site: 30], "moss", 14) == 14  # a cap longer than the site's own
    assert treatment_places([lambda site: 0.2, lambda site: 0.1], "moss", 40) == 52
