"""What a policy costs: every lever declares which of its summary columns are NOK costs, revenue
and what else it takes; the run's net cost is costs minus revenue; the comparison puts the change
in net cost a year, the NOK per point of no-show avoided and what each policy takes beside its
effect (sim/results/costs.py, sim/study/compare_costs.py)."""

import math

import numpy as np
import pandas as pd
import pytest

from sim.levers import LEVERS, Lever
from sim.results.costs import AMOUNT, CLINIC_TAKES, COST, KINDS, LEVEL, REVENUE, declared, policy_cost
from sim.study.compare_costs import cost_columns, nok_per_pp, takes_column
from sim.study.compare_stats import comparison_table


def test_every_lever_declares_its_nok_columns(short_results):
    """A lever whose summary has a NOK column must say whether it is a cost or a revenue, so a new
    lever cannot leave its cost out of `policy_cost_nok`; what it declares, it reports."""
    cfg = short_results.cfg
    for key, cls in LEVERS.items():
        lever = cls(getattr(cfg.policy, key), cfg)
        columns = set(lever.summary_columns(short_results.appointments, short_results.patients))
        undeclared = [c for c in columns if c.endswith("_nok") and cls.takes.get(c) not in (COST, REVENUE)]
        assert not undeclared, f"{key}: declare {undeclared} in `takes` as cost_nok or revenue_nok"
        assert set(cls.takes) <= columns, f"{key}: declares columns it does not report"
        assert set(cls.takes.values()) <= set(KINDS), key


def test_net_cost_is_costs_minus_revenue_and_a_silent_lever_adds_nothing():
    class Paid(Lever):
        takes = {"staff_cost_nok": COST, "fee_revenue_nok": REVENUE, "calls": AMOUNT, "fte": LEVEL}

    class Silent(Lever):
        pass

    row = {"staff_cost_nok": 1000, "fee_revenue_nok": 300, "calls": 50, "fte": 2, "real_loss_nok": 9999}
    assert policy_cost(row, [Paid, Silent], horizon_days=73) == {
        "policy_cost_nok": 700, "policy_cost_nok_per_year": 3500}
    assert policy_cost(row, [Silent], horizon_days=365) == {"policy_cost_nok": 0, "policy_cost_nok_per_year": 0}
    assert declared([Paid, Silent]) == CLINIC_TAKES | Paid.takes
    # Overtime is the clinics' own cost, in every scenario, whatever the levers declare.
    assert policy_cost(row | {"overtime_cost_nok": 200}, [Silent], horizon_days=365)["policy_cost_nok"] == 200


def test_summary_has_the_net_cost_of_what_the_levers_declare(short_results):
    total = short_results.summary.set_index("clinic").loc["all"]
    kinds = declared(LEVERS.values())
    expected = sum(total[c] for c, k in kinds.items() if k == COST) - sum(total[c] for c, k in kinds.items() if k == REVENUE)
    assert total.policy_cost_nok == round(expected)
    assert total.visit_fee_revenue_nok > 0 and total.policy_cost_nok < 0  # baseline: fees in, a little overtime
    assert total.policy_cost_nok_per_year == round(expected * 365 / short_results.cfg.horizon_days)


def _rows(no_show: dict, cost: dict, reminders: dict, fte: dict) -> pd.DataFrame:
    """One row per scenario and replication, with the given values (lists by replication)."""
    out = []
    for scenario in no_show:
        for rep in range(len(no_show[scenario])):
            out.append({"scenario": scenario, "display_name_nb": scenario, "display_name_en": scenario,
                        "_pair": f"1/{rep}", "no_show_rate": no_show[scenario][rep],
                        "policy_cost_nok_per_year": cost[scenario][rep],
                        "reminders_sent": reminders[scenario][rep], "added_fte": fte[scenario][rep]})
    return pd.DataFrame(out)


def test_the_comparison_puts_cost_beside_effect():
    rows = _rows(no_show={"baseline": [0.30, 0.32], "phone": [0.25, 0.27], "worse": [0.31, 0.34]},
                 cost={"baseline": [-700, -720], "phone": [9300, 9280], "worse": [-700, -720]},
                 reminders={"baseline": [0, 0], "phone": [1000, 1010], "worse": [0, 0]},
                 fte={"baseline": [0, 0], "phone": [0, 0], "worse": [5, 5]})
    table = comparison_table(rows, "baseline", ["baseline", "phone", "worse"])
    out = cost_columns(table, {"baseline": 73.0, "phone": 73.0, "worse": 73.0})
    assert len(out) == len(table)  # columns added, no rows
    first = out.drop_duplicates("scenario").set_index("scenario")
    phone, worse = first.loc["phone"], first.loc["worse"]
    assert phone.no_show_avoided_pp == pytest.approx(5.0)
    assert phone.net_cost_nok_per_year == pytest.approx(10000)
    assert phone.net_cost_ci_low <= 10000 <= phone.net_cost_ci_high
    assert phone.nok_per_pp_avoided == pytest.approx(2000)
    assert phone[takes_column("reminders_sent", AMOUNT)] == pytest.approx(1005 * 5)  # per year: x 365/73
    assert worse[takes_column("added_fte", LEVEL)] == 5  # a level is not scaled
    assert math.isnan(worse.nok_per_pp_avoided)  # no-shows rose: no cost per point
    assert first.loc["baseline"].no_show_avoided_pp == 0 and not np.signbit(first.loc["baseline"].no_show_avoided_pp)


@pytest.mark.parametrize("cost, avoided", [(1000.0, 0.0), (1000.0, -2.0), (math.nan, 3.0)])
def test_no_cost_per_point_without_a_gain(cost, avoided):
    assert math.isnan(nok_per_pp(cost, avoided))
    assert nok_per_pp(-500.0, 2.0) == -250.0  # a saving with a gain: negative NOK per point


def test_one_replication_shows_no_interval_rather_than_nan():
    """With one run per scenario there is no CI: the cost line says '-', as every other line does."""
    from sim.study.compare_text import cost_lines

    rows = _rows(no_show={"baseline": [0.30], "phone": [0.25]}, cost={"baseline": [-700], "phone": [9300]},
                 reminders={"baseline": [0], "phone": [1000]}, fte={"baseline": [0], "phone": [0]})
    table = cost_columns(comparison_table(rows, "baseline", ["baseline", "phone"]), {"baseline": 73.0, "phone": 73.0})
    text = "\n".join(cost_lines(table, ["baseline", "phone"]))
    assert "+10,000 [-, -]" in text and "nan" not in text
