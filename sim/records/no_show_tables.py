"""No-show by clinic, stage, lead time, month, weekday and age group, from records.

The no-show rate is the project's (sim/results/kpis.py): no-shows over planned consultations,
planned being attended or no-show; cancellations are counted apart.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import Outcome
from sim.results.kpis import planned_consultations
from sim.results.pathway_counts import share
from sim.records.suppress import PATIENTS, suppressed

LEAD_BANDS = (0, 7, 14, 28, 56)  # lower bounds in days: 0-6, 7-13, 14-27, 28-55, 56 and more
TRAVEL_BANDS = (0, 15, 30, 60, 120, float("inf"))  # minutes one way
TRAVEL_LABELS = ("under 15 min", "15-29 min", "30-59 min", "1-2 hours", "2 hours or more")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def lead_band(days: pd.Series) -> pd.Series:
    labels = [f"{low}-{high - 1} days" for low, high in zip(LEAD_BANDS, LEAD_BANDS[1:])]
    labels.append(f"{LEAD_BANDS[-1]}+ days")
    return pd.cut(days, [*LEAD_BANDS, float("inf")], right=False, labels=labels)


def _groupings(appointments: pd.DataFrame) -> dict[str, pd.Series | list]:
    """What each no-show table groups by: a name and the column (or columns) of labels."""
    when = appointments.scheduled_for
    weekday = pd.Categorical(when.dt.day_of_week.map(dict(enumerate(WEEKDAYS))), WEEKDAYS)
    groupings = {
        "clinic": ["clinic"],
        "stage": ["stage"],
        "clinic_and_stage": ["clinic", "stage"],
        "lead_time": lead_band(appointments.lead_days).rename("lead_time"),
        "month": when.dt.strftime("%Y-%m").rename("month"),
        "weekday": pd.Series(weekday, index=appointments.index, name="weekday"),
    }
    if "age_group" in appointments and appointments.age_group.notna().any():
        groupings["age_group"] = ["age_group"]
    if "travel_minutes" in appointments and appointments.travel_minutes.notna().any():
        groupings["travel_time"] = pd.cut(appointments.travel_minutes, TRAVEL_BANDS, right=False,
                                          labels=TRAVEL_LABELS).rename("travel_time")
    if "reminder_sent" in appointments and appointments.reminder_sent.notna().any():
        sent = appointments.reminder_sent.map({True: "reminded", False: "not reminded"})
        groupings["reminder"] = sent.rename("reminder")
    return groupings


def no_show_tables(appointments: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`name -> table` of no-show by each grouping, small cells suppressed."""
    tables = {}
    for name, by in _groupings(appointments).items():
        keys = [appointments[c] for c in by] if isinstance(by, list) else [by]
        tables[name] = suppressed(no_show_by(appointments, keys), [k.name for k in keys])
    return tables


def no_show_by(appointments: pd.DataFrame, keys: list[pd.Series]) -> pd.DataFrame:
    """Patients, appointments booked, attended, no-shows, cancelled, planned and the no-show rate
    for each combination of the `keys`' labels (one row each, in their order)."""
    outcome = appointments.outcome
    counts = pd.DataFrame({
        PATIENTS: appointments.patient_key,
        "booked": 1,
        "attended": outcome.eq(Outcome.ATTENDED.value).astype(int),
        "no_shows": outcome.eq(Outcome.NO_SHOW.value).astype(int),
        "cancelled": outcome.eq(Outcome.CANCELLED.value).astype(int),
        "planned": appointments.index.isin(planned_consultations(appointments).index).astype(int),
    }, index=appointments.index)
    grouped = counts.groupby(keys, observed=True, sort=True)
    table = grouped.sum(numeric_only=True).drop(columns=PATIENTS, errors="ignore")
    table.insert(0, PATIENTS, grouped[PATIENTS].nunique())
    table["no_show_rate"] = [round(share(n, p), 4) for n, p in zip(table.no_shows, table.planned)]
    return table.reset_index()
