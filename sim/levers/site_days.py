"""Per clinic and day in the counted window: the slots the clinic had, and what its book held.

For levers whose cost is a matter of days (overtime, held slots left unused): the capacity lives in
the clinics, the outcomes in the appointments table; this joins them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.enums import Outcome

if TYPE_CHECKING:
    import pandas as pd


def site_days(model, appointments: pd.DataFrame) -> pd.DataFrame:
    """One row per clinic and day that had appointments: capacity, held, attended, no_shows."""
    import pandas as pd  # here, not at the top: every command imports the levers, not all need pandas

    if appointments.empty:
        return pd.DataFrame(columns=["clinic", "day", "capacity", "held", "attended", "no_shows"])
    outcome = appointments.outcome
    days = appointments.assign(
        day=(appointments.scheduled_for - pd.Timestamp(model.day_zero)).dt.days,
        attended=outcome == Outcome.ATTENDED.value, no_shows=outcome == Outcome.NO_SHOW.value,
    ).groupby(["clinic", "day"]).agg(held=("outcome", "size"), attended=("attended", "sum"),
                                     no_shows=("no_shows", "sum")).reset_index()
    days["capacity"] = [int(model.clinics[c].capacity[d]) for c, d in zip(days.clinic, days.day)]
    return days

