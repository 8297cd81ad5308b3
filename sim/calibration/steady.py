"""Is the baseline in a steady state? Yearly no-show share and waiting list (issue 11, point 0).

Real clinics balance: people leave the waiting list, clinics turn down and refer on, courses end.
A baseline whose yearly figures drift with the horizon makes every figure depend on the warm-up;
`yearly_figures` shows the drift, `drift` puts it in one number per figure for a validation row.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import Outcome
from sim.results.kpis import planned_consultations


def yearly_figures(results) -> pd.DataFrame:
    """Per counted year (365 days from the start date): no-show share, planned, mean waiting list."""
    start = pd.Timestamp(results.cfg.start_date)
    a = planned_consultations(results.appointments)
    a_year = (pd.to_datetime(a.scheduled_for) - start).dt.days // 365
    w = results.waiting_list.groupby("date").waiting_list.sum()
    w_year = (pd.to_datetime(pd.Series(w.index)) - start).dt.days // 365
    out = pd.DataFrame({
        "no_show_rate": (a.outcome == Outcome.NO_SHOW.value).groupby(a_year).mean(),
        "planned": a.groupby(a_year).size(),
        "waiting_list": pd.Series(w.values).groupby(w_year.values).mean(),
    })
    out.index.name = "year"
    return out[out.index < results.cfg.horizon_days // 365]


def drift(results) -> dict[str, float]:
    """Last full counted year against the first: change in no-show share (points) and waiting
    list (relative). Nan when fewer than two full years are counted."""
    years = yearly_figures(results)
    if len(years) < 2:
        return {"no_show_rate": float("nan"), "waiting_list": float("nan")}
    first, last = years.iloc[0], years.iloc[-1]
    return {"no_show_rate": float(last.no_show_rate - first.no_show_rate),
            "waiting_list": float(last.waiting_list / first.waiting_list - 1)}


# The validation rows: year 3 against year 1 of a three-year baseline, and how far each may move.
STEADY_ROWS = [("no_show_rate", "yearly no-show share, year 3 less year 1 (points)", 0.03),
               ("waiting_list", "mean waiting list, year 3 against year 1 (relative change)", 0.25)]


def run_steady(replications: int, base: list[str]):
    """The steady-state rows of the validation: mean drift over replications, 95% CI, pass."""
    from sim.config.compose import load_config
    from sim.study.replicate import replicate
    from sim.study.stats import mean_ci

    cfg = load_config([*base, "horizon_days=1095"])
    runs = replicate(cfg, replications, drift)
    rows = []
    for key, label, tolerance in STEADY_ROWS:
        mean, low, high = mean_ci([r[key] for r in runs])
        rows.append({"check": label, "simulated": mean, "ci_low": low, "ci_high": high,
                     "tolerance": tolerance, "pass": abs(mean) <= tolerance})
    return pd.DataFrame(rows)
