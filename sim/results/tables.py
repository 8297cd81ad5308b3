"""Tidy tables from a finished model: one row per appointment, per patient, per site-day.

Only the counted window (after the warm-up) is reported. Dates are ISO dates. Levers add their
columns: on appointments after `lead_days`, on patients at the end.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import IN_CARE
from sim.model import AttendanceModel
from sim.patient import Patient

BOOKING = ["patient_id", "clinic", "stage", "booked_on", "scheduled_for", "lead_days"]
OUTCOME = ["outcome", "reason"]


def appointments_table(model: AttendanceModel) -> pd.DataFrame:
    """One row per appointment held in the counted window, with its single outcome."""
    first = model.cfg.warmup_days
    lever_columns = model.hooks.appointment_columns
    rows = [
        (
            a.patient.unique_id, a.site_key, a.stage.value, model.date_of(a.booked_day),
            model.date_of(a.day), a.lead_days,
            *(value for columns in lever_columns for value in columns(a).values()),
            a.outcome.value, a.reason.value,
        )
        for a in model.appointments
        if a.day >= first
    ]
    sample = model.appointments[:1]
    added = [name for columns in lever_columns for a in sample for name in columns(a)]
    return pd.DataFrame(rows, columns=BOOKING + added + OUTCOME)


def patients_table(model: AttendanceModel) -> pd.DataFrame:
    """One row per patient in care at any time in the counted window."""
    first = model.cfg.warmup_days
    rows = []
    for p in model.agents_by_type.get(Patient, []):
        if p.exit_day is not None and p.exit_day < first:
            continue
        prof = p.profile
        row = {
            "patient_id": p.unique_id, "clinic": p.site_key, "age_group": prof.age_group,
            "sex": prof.sex, "employed": prof.employed, "from_inpatient": prof.from_inpatient,
            "treated_before": prof.treated_before, "travel_minutes": round(prof.travel_minutes, 1),
            "public_transport": prof.public_transport, "trust": round(prof.trust, 3),
            "motivation_baseline": round(prof.motivation_baseline, 3),
            "sessions_needed": prof.sessions_needed, "referral_date": model.date_of(p.referral_day),
            "assessment_date": _date(model, p.assessment_day),
            "first_treatment_date": _date(model, p.first_treatment_day),
            "sessions_attended": p.sessions_attended, "exit_date": _date(model, p.exit_day),
            "exit_reason": p.exit_reason.value if p.exit_reason else IN_CARE,
        }
        for columns in model.hooks.patient_columns:
            row |= columns(p)
        rows.append(row)
    return pd.DataFrame(rows)


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
