"""Tidy tables from a finished model: one row per appointment, per patient, per site-day.

Only the counted window (after the warm-up) is reported. Dates are datetime64 (ISO dates in
the CSV files). Levers add their columns from the notes the day kept: on appointments after
`lead_days`, on patients at the end (`Lever.appointment_columns`, `Lever.patient_columns`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.engine import layout as L
from sim.engine.rows import columns_of, labelled
from sim.enums import IN_CARE


def _labels(members) -> list[str]:
    return [m.value for m in members]


STAGE_TEXT, OUTCOME_TEXT, REASON_TEXT = (_labels(L.STAGES), _labels(L.OUTCOMES),
                                         _labels(L.REASONS))
EXIT_TEXT = [*(m.value for m in L.EXIT_REASONS), IN_CARE]  # code -1: in care (the last)


def appointments_table(model) -> pd.DataFrame:
    state = model.state
    held = state.held()
    notes = _Notes(state, held)  # a column of the held appointments when first asked for
    dates = _day_dates(model)[:-1]
    columns = {
        "patient_id": notes["patient"].astype(np.int64) + 1,
        "clinic": labelled(notes["site"], model.clinics),
        "stage": labelled(notes["stage"], STAGE_TEXT),
        "booked_on": dates[notes["booked_day"]],
        "scheduled_for": dates[notes["day"]],
        "lead_days": (notes["day"] - notes["booked_day"]).astype(np.int64),
    }
    for lever_columns in model.hooks.appointment_columns if len(held) else ():
        columns |= lever_columns(notes)
    columns["outcome"] = labelled(notes["outcome"], OUTCOME_TEXT)
    columns["reason"] = labelled(notes["reason"], REASON_TEXT)
    return pd.DataFrame(columns)


class _Notes(dict):
    """The held appointments' columns by name: the table's own taken at once (each row read
    once), a lever's when first asked for (a million appointments: taking every column at once
    would double the memory)."""

    BASE = ("patient", "site", "stage", "booked_day", "day", "outcome", "reason")

    def __init__(self, state, held: np.ndarray):
        super().__init__()
        self.state, self.held = state, held
        index = np.array([L.APPOINTMENT_INT.index(name) for name in self.BASE], np.int64)
        self.update(zip(self.BASE, columns_of(state.appointment_int, held, index)))

    def __missing__(self, name: str) -> np.ndarray:
        if name in L.APPOINTMENT_REAL:
            array, index = self.state.appointment_real, L.APPOINTMENT_REAL.index(name)
        else:
            array, index = self.state.appointment_int, L.APPOINTMENT_INT.index(name)
        column = columns_of(array, self.held, np.array([index], np.int64))[0]
        self[name] = column
        return column


def patients_table(model) -> pd.DataFrame:
    """One row per patient in care at any time in the counted window."""
    state, first = model.state, model.cfg.warmup_days
    pn, pr = state.patient_int, state.patient_real
    exit_day = pn[:, L.P_EXIT_DAY]
    kept = np.flatnonzero((exit_day == L.NONE) | (exit_day >= first))
    p = pn[kept]
    r = pr[kept]
    dates_of = _dates_of(model)
    columns = {
        "patient_id": kept.astype(np.int64) + 1, "clinic": labelled(p[:, L.P_SITE], model.clinics),
        "age_group": labelled(p[:, L.P_AGE_GROUP], state.age_groups),
        "sex": np.where(p[:, L.P_MALE] == 1, "male", "female").astype(object),
        "employed": p[:, L.P_EMPLOYED] == 1, "from_inpatient": p[:, L.P_FROM_INPATIENT] == 1,
        "treated_before": p[:, L.P_TREATED_BEFORE] == 1,
        "travel_minutes": np.round(r[:, L.P_TRAVEL_MINUTES], 1),
        "public_transport": p[:, L.P_PUBLIC_TRANSPORT] == 1,
        "trust": np.round(r[:, L.P_TRUST], 3),
        "motivation_baseline": np.round(r[:, L.P_MOTIVATION_BASELINE], 3),
        "sessions_needed": p[:, L.P_SESSIONS_NEEDED].astype(np.int64),
        "referral_date": dates_of(p[:, L.P_REFERRAL_DAY]),
        "assessment_date": dates_of(p[:, L.P_ASSESSMENT_DAY]),
        "first_treatment_date": dates_of(p[:, L.P_FIRST_TREATMENT_DAY]),
        "sessions_attended": p[:, L.P_SESSIONS_ATTENDED].astype(np.int64),
        "exit_date": dates_of(p[:, L.P_EXIT_DAY]),
        "exit_reason": labelled(p[:, L.P_EXIT_REASON], EXIT_TEXT),
    }
    values = {name: p[:, i] for i, name in enumerate(L.PATIENT_INT)}
    values |= {name: r[:, i] for i, name in enumerate(L.PATIENT_REAL)}
    for lever_columns in model.hooks.patient_columns if len(kept) else ():
        columns |= lever_columns(values)
    return pd.DataFrame(columns)


def _dates_of(model):
    """Dates of model days (an array of them); none (NaT) where there is no day (-1)."""
    dates = _day_dates(model)  # index -1: NaT
    return lambda days: dates[np.where(days == L.NONE, -1, days)]


def _day_dates(model) -> np.ndarray:
    """Each model day's date as datetime64[s], and NaT after the last (index -1). Dates as
    numbers, not Python date objects: pandas writes them as the same ISO dates a quarter sooner,
    and the key figures compare them without parsing each."""
    days = np.datetime64(model.day_zero, "s") + np.arange(model.n_days) * np.timedelta64(1, "D")
    return np.append(days, np.datetime64("NaT", "s"))


def waiting_list_table(model) -> pd.DataFrame:
    """One row per site and day: the waiting list and the overtime consultations."""
    first, series = model.cfg.warmup_days, model.state.series
    dates = _day_dates(model)[first:model.n_days]
    frames = [pd.DataFrame({"date": dates, "clinic": key,
                            "waiting_list": series[first:model.n_days, s, 0],
                            "overtime_consultations": series[first:model.n_days, s, 2]})
              for s, key in enumerate(model.clinics)]
    return pd.concat(frames, ignore_index=True)
