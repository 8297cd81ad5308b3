"""Is the baseline in a steady state? Yearly no-show share and waiting list (issue 11, point 0).

Real clinics balance: people leave the waiting list, clinics turn down and refer on, courses end.
A baseline whose yearly figures drift with the horizon makes every figure depend on the warm-up;
`yearly_figures` shows the drift, `drift` puts it in one number per figure for a validation row.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import PLANNED, Outcome


def yearly_figures(results) -> pd.DataFrame:
    """Per counted year (365 days from the start date): no-show share, planned, mean waiting list."""
    start = pd.Timestamp(results.cfg.start_date)
    a = results.appointments
    a = a[a.outcome.isin(list(PLANNED))]
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
