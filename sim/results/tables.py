"""Tidy tables from a finished model: one row per appointment, per patient, per site-day.

Only the counted window (after the warm-up) is reported. Dates are ISO dates. Levers add their
columns: on appointments after `lead_days`, on patients at the end.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import IN_CARE, Outcome, Reason, Stage
from sim.model import AttendanceModel
from sim.patient import Patient

def appointments_table(model: AttendanceModel) -> pd.DataFrame:
    """One row per appointment held in the counted window, with its single outcome.

    Built a column at a time, each made a pandas column before the next is listed: a large run
    holds a million appointments, and a tuple per row would take several times the memory."""
    held = model.appointments  # the model keeps only the counted window's appointments
    text = {member: member.value for enum in (Stage, Outcome, Reason) for member in enum}
    dates = model.dates
    columns = {
        "patient_id": pd.Series([a.patient.unique_id for a in held]),
        "clinic": pd.Series([a.site_key for a in held]),
        "stage": pd.Series([text[a.stage] for a in held]),
        "booked_on": pd.Series([dates[a.booked_day] for a in held]),  # days of the run: in `dates`
        "scheduled_for": pd.Series([dates[a.day] for a in held]),
        "lead_days": pd.Series([a.day - a.booked_day for a in held]),
    }
    for lever_columns in model.hooks.appointment_columns if held else ():  # none held: no columns to name
        names = list(lever_columns(held[0]))
        added = zip(*(tuple(lever_columns(a).values()) for a in held))
        columns |= {name: pd.Series(list(values)) for name, values in zip(names, added)}
    columns["outcome"] = pd.Series([text[a.outcome] for a in held])
    columns["reason"] = pd.Series([text[a.reason] for a in held])
    return pd.DataFrame(columns, copy=False)


def patients_table(model: AttendanceModel) -> pd.DataFrame:
    """One row per patient in care at any time in the counted window, built a column at a time."""
    first = model.cfg.warmup_days
    kept = [p for p in model.agents_by_type.get(Patient, []) if p.exit_day is None or p.exit_day >= first]
    profiles = [p.profile for p in kept]
    columns = {
        "patient_id": [p.unique_id for p in kept], "clinic": [p.site_key for p in kept],
        "age_group": [prof.age_group for prof in profiles], "sex": [prof.sex for prof in profiles],
        "employed": [prof.employed for prof in profiles],
        "from_inpatient": [prof.from_inpatient for prof in profiles],
        "treated_before": [prof.treated_before for prof in profiles],
        "travel_minutes": [round(prof.travel_minutes, 1) for prof in profiles],
        "public_transport": [prof.public_transport for prof in profiles],
        "trust": [round(prof.trust, 3) for prof in profiles],
        "motivation_baseline": [round(prof.motivation_baseline, 3) for prof in profiles],
        "sessions_needed": [prof.sessions_needed for prof in profiles],
        "referral_date": [model.date_of(p.referral_day) for p in kept],
        "assessment_date": [_date(model, p.assessment_day) for p in kept],
        "first_treatment_date": [_date(model, p.first_treatment_day) for p in kept],
        "sessions_attended": [p.sessions_attended for p in kept],
        "exit_date": [_date(model, p.exit_day) for p in kept],
        "exit_reason": [p.exit_reason.value if p.exit_reason else IN_CARE for p in kept],
    }
    for lever_columns in model.hooks.patient_columns if kept else ():  # none kept: no columns to name
        added = [lever_columns(p) for p in kept]
        columns |= {name: [row[name] for row in added] for name in added[0]}
    return pd.DataFrame(columns)


def waiting_list_table(model: AttendanceModel) -> pd.DataFrame:
    """One row per site and day: patients referred and not yet started treatment, and the
    consultations held beyond the day's slots (overtime: more came than there were slots)."""
    first = model.cfg.warmup_days
    daily = model.datacollector.model_vars["waiting_list"][first:model.n_days]
    overtime = model.datacollector.model_vars["overtime"][first:model.n_days]
    frames = [
        pd.DataFrame({
            "date": [model.date_of(d) for d in range(first, model.n_days)],
            "clinic": key,
            "waiting_list": [day[key] for day in daily],
            "overtime_consultations": [day[key] for day in overtime],
        })
        for key in model.clinics
    ]
    return pd.concat(frames, ignore_index=True)


def _date(model: AttendanceModel, day: int | None):
    return None if day is None else model.date_of(day)
