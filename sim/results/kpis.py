"""The key figures per clinic and overall, from the tidy tables (domain.md s.5).

No-show rate is no-shows over planned consultations, where planned = attended + no-show, as in
table 1 of the 2006 report; late cancellations are counted apart. Two losses are reported: the
technical loss (missed slots x slot length) and the real loss (the time clinicians actually sit
idle, after filling missed slots with records, letters and calls). Levers add their own key
figures (e.g. fee revenue) after the waiting list; the exits come last.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from sim.config import ClinicSettings, RunConfig
from sim.enums import PLANNED, ExitReason, Outcome, Stage
from sim.levers import Lever

ALL = "all"


def summarise(
    appointments: pd.DataFrame, patients: pd.DataFrame, waiting: pd.DataFrame,
    fte: dict[str, float], cfg: RunConfig, levers: Sequence[Lever] = (),
) -> pd.DataFrame:
    """One row per clinic and one for all clinics together; `levers` add their key figures."""
    rows = [
        _kpis(key, appointments[appointments.clinic == key], patients[patients.clinic == key],
              waiting[waiting.clinic == key], fte[key], cfg, levers)
        for key in fte
    ]
    total = _kpis(ALL, appointments, patients, waiting, sum(fte.values()), cfg, levers)
    total["mean_waiting_list"] = sum(r["mean_waiting_list"] for r in rows)
    return pd.DataFrame(rows + [total])


def _kpis(key, appts, patients, waiting, fte, cfg: RunConfig, levers) -> dict:
    clinic, years = cfg.clinic, cfg.horizon_days / 365
    counts = appts.outcome.value_counts()
    attended, no_shows, cancelled = (int(counts.get(o.value, 0)) for o in (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED))
    planned = attended + no_shows
    technical_hours = no_shows * clinic.slot_minutes / 60
    real_hours = no_shows * idle_minutes_per_no_show(clinic) / 60
    work_hours = fte * clinic.workday_hours * clinic.annual_working_days * years
    start = pd.Timestamp(cfg.start_date).date()
    exits = patients[patients.exit_date.notna()]
    exits = exits[exits.exit_date >= start].exit_reason.value_counts()
    row = {
        "clinic": key,
        "clinic_name": "All clinics" if key == ALL else cfg.clinic.sites[key].display_name,
        "policy": cfg.policy.name,
        "seed": cfg.seed,
        "replication": cfg.replication,
        "clinical_fte": round(fte, 2),
        "appointments_booked": len(appts),
        "planned": planned,
        "attended": attended,
        "no_shows": no_shows,
        "late_cancellations": cancelled,
        "no_show_rate": _ratio(no_shows, planned),
    }
    for stage in Stage:
        s = appts[appts.stage == stage.value].outcome
        row[f"no_show_rate_{stage.value}"] = _ratio((s == Outcome.NO_SHOW.value).sum(), s.isin(list(PLANNED)).sum())
    row |= {
        "late_cancellation_rate": _ratio(cancelled, len(appts)),
        "consultations_per_fte_year": _ratio(attended, fte * years),
        "technical_loss_hours": round(technical_hours, 1),
        "real_loss_hours": round(real_hours, 1),
        "technical_loss_share_of_work": _ratio(technical_hours, work_hours),
        "real_loss_share_of_work": _ratio(real_hours, work_hours),
        "technical_loss_nok": round(technical_hours * clinic.clinician_cost_nok_per_hour),
        "real_loss_nok": round(real_hours * clinic.clinician_cost_nok_per_hour),
        "mean_days_referral_to_assessment": _mean_days(patients, "assessment_date", start),
        "mean_days_referral_to_first_treatment": _mean_days(patients, "first_treatment_date", start),
        "patients_in_care": len(patients),
        "patients_referred": int((patients.referral_date >= start).sum()),
        "mean_waiting_list": round(float(waiting.waiting_list.mean()), 1),
    } | _overtime(waiting, clinic, work_hours)
    for lever in levers:
        row |= lever.summary_columns(appts, patients)
    for reason in ExitReason:
        row[f"exits_{reason.value}"] = int(exits.get(reason.value, 0))
    return row


def _overtime(waiting: pd.DataFrame, clinic: ClinicSettings, work_hours: float) -> dict:
    """Consultations held beyond a day's slots because more came than the clinic had slots for
    (its own overbooking, seed 004 5.2): the patients kept waiting, and the hours worked over."""
    consultations = int(waiting.overtime_consultations.sum())
    hours = consultations * clinic.slot_minutes / 60
    return {"overtime_consultations": consultations, "overtime_hours": round(hours, 1),
            "overtime_share_of_work": _ratio(hours, work_hours)}


def idle_minutes_per_no_show(clinic: ClinicSettings) -> float:
    """Minutes a clinician sits idle per no-show: the wait before giving up, plus the part of the
    rest of the slot not filled with records, letters and calls (seed 004, 5.2)."""
    wait = clinic.wait_before_giving_up_minutes
    return wait + (clinic.slot_minutes - wait) * (1 - clinic.missed_time_refilled_share)


def _ratio(numerator: float, denominator: float) -> float:
    return round(float(numerator) / denominator, 4) if denominator else float("nan")


def _mean_days(patients: pd.DataFrame, column: str, start) -> float:
    """Mean days from referral to `column`, over patients who reached it in the counted window."""
    reached = patients[patients[column].notna()]
    reached = reached[reached[column] >= start]
    if reached.empty:
        return float("nan")
    days = pd.to_datetime(reached[column]) - pd.to_datetime(reached.referral_date)
    return round(float(days.dt.days.mean()), 1)
