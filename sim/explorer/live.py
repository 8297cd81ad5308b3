"""What the explorer shows of one run so far: the daily waiting list and patients in care, the
weekly no-show by clinic, consultations and lost hours so far, and the key figures of the days
counted so far.

Every figure comes from the run's own tables and the project's one definition of it
(`sim.results.tables`, `sim.results.kpis`): at the last day the key figures are the run's
summary, as `simulate` gives it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.enums import Outcome
from sim.results.kpis import ALL, summarise, weekly_no_show
from sim.results.tables import appointments_table, patients_table, waiting_list_table

# The key figures of the panel, in order (columns of the summary's "all" row)
PANEL = ("no_show_rate", "attended", "technical_loss_hours", "real_loss_hours",
         "mean_waiting_list", "mean_days_referral_to_first_treatment", "patients_in_care",
         "exits_dropped_out", "policy_cost_nok")
WAITING, IN_CARE = 0, 1  # columns of the model's daily series (sim.model.SERIES)


@dataclass
class SoFar:
    """One run's figures over the counted days so far."""
    counted: int  # days counted so far (0: the warm-up just ended)
    dates: list[str] = field(default_factory=list)  # ISO date of each counted day so far
    waiting_list: list[int] = field(default_factory=list)  # all clinics, each day
    in_care: list[int] = field(default_factory=list)
    consultations: list[int] = field(default_factory=list)  # attended, summed up to each day
    technical_loss_hours: list[float] = field(default_factory=list)  # summed up to each day
    real_loss_hours: list[float] = field(default_factory=list)
    weekly_no_show: pd.DataFrame = field(default_factory=pd.DataFrame)  # whole weeks so far
    figures: dict = field(default_factory=dict)  # PANEL's figures so far


def so_far(model) -> SoFar:
    """The figures of `model` (an AttendanceModel) over the counted days it has run."""
    cfg, first = model.cfg, model.cfg.warmup_days
    counted = max(0, model.day - first)
    out = SoFar(counted)
    if counted == 0:
        return out
    series = model.state.series[first:model.day].sum(axis=1)
    out.dates = [d.isoformat() for d in model.dates[first:model.day]]
    out.waiting_list = series[:, WAITING].astype(int).tolist()
    out.in_care = series[:, IN_CARE].astype(int).tolist()
    appointments = appointments_table(model)
    day = (pd.to_datetime(appointments.scheduled_for) - pd.Timestamp(cfg.start_date)).dt.days
    attended = _per_day(day[appointments.outcome == Outcome.ATTENDED.value], counted)
    no_shows = _per_day(day[appointments.outcome == Outcome.NO_SHOW.value], counted)
    clinic = cfg.clinic  # the losses as the summary counts them (sim.results.kpis)
    out.consultations = np.cumsum(attended).tolist()
    out.technical_loss_hours = np.round(np.cumsum(no_shows) * clinic.slot_minutes / 60, 1).tolist()
    out.real_loss_hours = np.round(
        np.cumsum(no_shows) * clinic.idle_minutes_per_no_show() / 60, 1).tolist()
    out.weekly_no_show = weekly_no_show(appointments, cfg.start_date, counted)
    out.figures = _figures(model, appointments, counted)
    return out


def _per_day(days: pd.Series, counted: int) -> np.ndarray:
    return np.bincount(days.to_numpy(np.int64), minlength=counted)[:counted]


def _figures(model, appointments: pd.DataFrame, counted: int) -> dict:
    """The summary's "all" row over the days counted so far (the horizon cut to them)."""
    cfg = model.cfg
    waiting = waiting_list_table(model)
    waiting = waiting[pd.to_datetime(waiting.date) < pd.Timestamp(model.date_of(model.day))]
    fte = {key: clinic.fte for key, clinic in model.clinics.items()}
    window = dataclasses.replace(cfg, horizon_days=counted)
    summary = summarise(appointments, patients_table(model), waiting, fte, window, model.levers)
    row = summary.set_index("clinic").loc[ALL]
    return {name: row[name] for name in PANEL if name in row}
