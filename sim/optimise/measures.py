"""What the search minimises and limits, from the runs' summary rows paired with the baseline's.

The effects are the key figures of sim/results/kpis.py (defined there once), as the change from
the baseline paired by replication. The cost is the change in the policy's cost a year
(sim/results/costs.py): costs only while fees are off, so that the fee revenue a lever brings
with more visits is no money to the search; net of fee revenue when the planner turns fees on.
Staff hours are the levers' own staff hours, held slots and drop-in hours no one used, and the
FTEs added, a year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.levers import LEVERS
from sim.results.costs import POLICY_COST_PER_YEAR, REVENUE, declared, per_year

COST_CHANGE = "cost_change_nok_per_year"
STAFF_HOURS = "staff_hours_per_year"
WAIT_CHANGE = "wait_change_days"
WAIT = "mean_days_referral_to_first_treatment"
ADDED_FTE = "added_fte"
UNUSED_HOURS = ("held_slots_unused_hours",)  # drop-in's are in drop_in_staff_hours already


@dataclass(frozen=True)
class Objective:
    column: str  # the summary column (sim/results/kpis.py)
    direction: str  # "minimize" or "maximize" (Optuna's words)
    scale: float  # shown as: change x scale (e.g. percentage points)
    unit: str


OBJECTIVES = {
    "no_show_rate": Objective("no_show_rate", "minimize", 100.0, "pp"),
    "real_loss_hours": Objective("real_loss_hours", "minimize", 1.0, "h"),
    "days_to_first_treatment": Objective(WAIT, "minimize", 1.0, "days"),
    "consultations_per_fte": Objective("consultations_per_fte_year", "maximize", 1.0, "/FTE"),
}


def revenue_columns() -> list[str]:
    return [c for c, kind in declared(LEVERS.values()).items() if kind == REVENUE]


def staff_hour_columns(columns) -> list[str]:
    """The summary columns of staff time a lever spends: every `*_staff_*hours`, and the hours
    held for assessments that no one used."""
    return [c for c in columns if ("_staff_" in c and c.endswith("_hours")) or c in UNUSED_HOURS]


def derived(rows: pd.DataFrame, horizon_days: int, fees: bool, fte_hours: float) -> pd.DataFrame:
    """`rows` (summary rows) with the cost a year the search counts and the staff hours a year."""
    out = rows.copy()
    cost = out[POLICY_COST_PER_YEAR].astype(float)
    if not fees:  # costs only: add the revenue back
        for column in revenue_columns():
            if column in out:
                cost = cost + per_year(out[column].astype(float), horizon_days)
    out[COST_CHANGE] = cost
    hours = sum((out[c].astype(float) for c in staff_hour_columns(out.columns)),
                start=pd.Series(0.0, index=out.index))
    hours = per_year(hours, horizon_days)
    if ADDED_FTE in out:
        hours = hours + out[ADDED_FTE].astype(float) * fte_hours
    out[STAFF_HOURS] = hours
    return out


def paired(candidate: pd.DataFrame, baseline: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Candidate minus baseline per replication, for `columns` (both indexed by replication)."""
    common = candidate.index.intersection(baseline.index)
    return candidate.loc[common, columns].astype(float) - baseline.loc[common, columns].astype(float)


def half_width(values: np.ndarray) -> float:
    """Half the width of the t-based 95% CI of the mean (sim/study/stats.py)."""
    from sim.study.stats import mean_sd_ci
    _, _, low, high = mean_sd_ci(np.asarray(values, dtype=float), 0.95)
    return (high - low) / 2


def candidate_measures(diff: pd.DataFrame, objectives: list[str]) -> dict:
    """The trial's figures: each objective's mean change and CI half-width, the cost change and
    staff hours a year, the wait change (means over the pairs)."""
    out = {"pairs": len(diff)}
    for name in objectives:
        column = OBJECTIVES[name].column
        out[name] = float(diff[column].mean())
        out[f"{name}_ci"] = half_width(diff[column].to_numpy())
    for column in (COST_CHANGE, STAFF_HOURS):
        out[column] = float(diff[column].mean())
    out[f"{COST_CHANGE}_ci"] = half_width(diff[COST_CHANGE].to_numpy())
    out[WAIT_CHANGE] = float(diff[WAIT].mean())
    return out


def compared_columns(objectives: list[str]) -> list[str]:
    return list(dict.fromkeys([OBJECTIVES[o].column for o in objectives]
                              + [COST_CHANGE, STAFF_HOURS, WAIT]))
