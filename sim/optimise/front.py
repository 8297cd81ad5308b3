"""Every trial as one tidy row, the Pareto front of the feasible ones (the effects against the
cost change), and the mix recommended for a budget: the best primary effect among the feasible
trials whose cost change a year is within the budget (the lower cost on a tie)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from optuna.trial import TrialState

from sim.optimise.measures import COST_CHANGE, OBJECTIVES, STAFF_HOURS, WAIT_CHANGE
from sim.optimise.request import Request
from sim.optimise.search import CONSTRAINTS
from sim.optimise.space import Variable, active, describe, said

FEASIBLE, ON_FRONT = "feasible", "on_front"


def trials_table(study, request: Request, variables: list[Variable], baseline: dict) -> pd.DataFrame:
    """One row per finished trial: its mix, each variable (empty when not part of it), the paired
    means with their 95% CI half-widths, whether it keeps the limits and is on the front."""
    rows = []
    for trial in study.get_trials(deepcopy=False):
        if trial.state not in (TrialState.COMPLETE, TrialState.FAIL):
            continue
        values = trial.params
        shown_vars = {v.name for v in active(variables, values, baseline)}
        row = {"trial": trial.number, "state": trial.state.name.lower(),
               "mix": describe(variables, values, baseline)}
        for v in variables:
            row[v.name] = said(values[v.name]) if v.name in shown_vars and v.name in values else ""
        attrs = trial.user_attrs
        for key in [*_measure_keys(request), "pairs"]:
            row[key] = attrs.get(key, math.nan)
        limits = attrs.get(CONSTRAINTS)
        row[FEASIBLE] = bool(limits is not None and all(x <= 0 for x in limits))
        rows.append(row)
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table[ON_FRONT] = pareto_mask(table, request)
    return table


def _measure_keys(request: Request) -> list[str]:
    keys = []
    for name in request.objectives:
        keys += [name, f"{name}_ci"]
    return keys + [COST_CHANGE, f"{COST_CHANGE}_ci", STAFF_HOURS, WAIT_CHANGE]


def pareto_mask(table: pd.DataFrame, request: Request) -> np.ndarray:
    """The feasible trials no other feasible trial beats on every objective and the cost."""
    signs = [1 if OBJECTIVES[o].direction == "minimize" else -1 for o in request.objectives]
    points = np.column_stack([table[o].to_numpy(float) * s for o, s in zip(request.objectives, signs)]
                             + [table[COST_CHANGE].to_numpy(float)])
    ok = table[FEASIBLE].to_numpy(bool) & ~np.isnan(points).any(axis=1)
    mask = np.zeros(len(table), dtype=bool)
    for i in np.flatnonzero(ok):
        others = points[ok]
        beaten = np.all(others <= points[i], axis=1) & np.any(others < points[i], axis=1)
        mask[i] = not beaten.any()
    return mask


def recommend(table: pd.DataFrame, request: Request, budget: float) -> pd.Series | None:
    """The feasible trial with the best primary effect whose cost change is within `budget` at
    the upper end of its 95% interval (a budget is a limit, not an average)."""
    primary = request.objectives[0]
    sign = 1 if OBJECTIVES[primary].direction == "minimize" else -1
    upper = table[COST_CHANGE] + table[f"{COST_CHANGE}_ci"].fillna(0.0)
    fits = table[table[FEASIBLE] & (upper <= budget)]
    if fits.empty:
        return None
    order = fits.assign(_key=fits[primary] * sign).sort_values(["_key", COST_CHANGE])
    return order.iloc[0].drop("_key")


def best_reference(summary: pd.DataFrame, request: Request, names: list[str],
                   budget: float) -> str | None:
    """The reference policy among `names` with the best primary effect within the budget and the
    limits (from its runs on the search's replications)."""
    primary = request.objectives[0]
    sign = 1 if OBJECTIVES[primary].direction == "minimize" else -1
    if summary.empty:
        return None
    fits = summary[summary.reference.isin(names) & summary[FEASIBLE]
                   & (summary[COST_CHANGE] <= budget)]
    if fits.empty:
        return None
    return str(fits.assign(_key=fits[primary] * sign).sort_values("_key").reference.iloc[0])
