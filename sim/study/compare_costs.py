"""What each scenario gives and what it takes, against its reference: the columns of comparison.csv
that put a policy's cost beside its effect.

Per scenario (the same on each of its rows): the no-show percentage points avoided, the change in
net cost a year (`policy_cost_nok_per_year`, sim/results/costs.py) with its paired 95% CI, the
NOK a year per percentage point avoided, whether the fall in no-shows is clear
(its 95% CI below zero), and `takes_<column>`: the change in each figure a lever
declares it takes (`Lever.takes`), per year (a level such as FTEs added, as it is).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from sim.levers import LEVERS
from sim.results.costs import LEVEL, POLICY_COST_PER_YEAR, YEAR_DAYS, declared, per_year
from sim.study.jobs import read_yaml

AVOIDED = "no_show_avoided_pp"
NET_COST = "net_cost_nok_per_year"  # the change from the reference, paired by replication
NET_COST_CI = ("net_cost_ci_low", "net_cost_ci_high")
PER_PP = "nok_per_pp_avoided"  # NOK a year per percentage point of no-show avoided; NaN: no gain
CLEAR = "gain_clear"  # the 95% CI of the no-show change lies below zero
TAKES = "takes_"


def takes_column(column: str, kind: str) -> str:
    """The comparison column of a declared summary column: its change per year, or as it is."""
    return f"{TAKES}{column}" if kind == LEVEL else f"{TAKES}{column}_per_year"


def horizon_days(rows: pd.DataFrame) -> dict[str, float]:
    """Scenario -> days counted, from its first job's config.yaml."""
    firsts = rows.drop_duplicates("scenario")
    return {s: float(horizon_of(read_yaml(Path(f) / "config.yaml") or {}))
            for s, f in zip(firsts.scenario, firsts._folder)}


def horizon_of(cfg: dict) -> int:
    """The days a job counted, from its config.yaml as read (a year when it does not say)."""
    return int(cfg.get("horizon_days", YEAR_DAYS))


def nok_per_pp(net_cost: float, avoided_pp: float) -> float:
    """NOK a year per percentage point of no-show avoided; NaN when nothing is avoided."""
    if math.isnan(net_cost) or math.isnan(avoided_pp) or avoided_pp <= 0:
        return math.nan
    return net_cost / avoided_pp


def cost_columns(table: pd.DataFrame, days: dict[str, float]) -> pd.DataFrame:
    """`table` (comparison.csv, the clinics together) with the cost columns added on every row."""
    kinds = declared(LEVERS.values())
    diff = table.set_index(["scenario", "kpi"])
    per_scenario = {}
    for scenario in dict.fromkeys(table.scenario):
        def change(kpi: str, column: str = "diff_vs_baseline") -> float:
            key = (scenario, kpi)
            return float(diff.at[key, column]) if key in diff.index else math.nan

        avoided = 0.0 - 100 * change("no_show_rate")  # 0.0 -: no "-0.0" for the reference
        net = change(POLICY_COST_PER_YEAR)
        row = {AVOIDED: avoided, NET_COST: net,
               NET_COST_CI[0]: change(POLICY_COST_PER_YEAR, "diff_ci_low"),
               NET_COST_CI[1]: change(POLICY_COST_PER_YEAR, "diff_ci_high"),
               PER_PP: nok_per_pp(net, avoided), CLEAR: bool(change("no_show_rate", "diff_ci_high") < 0)}
        for column, kind in kinds.items():
            if (scenario, column) in diff.index:
                value = change(column)
                row[takes_column(column, kind)] = value if kind == LEVEL else per_year(value, days[scenario])
        per_scenario[scenario] = row
    extra = pd.DataFrame.from_dict(per_scenario, orient="index")
    return table.join(extra, on="scenario")
