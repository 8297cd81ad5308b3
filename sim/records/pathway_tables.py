"""What the records show beyond no-show rates: a no-show after a no-show, waits, courses, and
appointments per clinician FTE. Every table counts its patients, and small cells are suppressed.

A course is one patient's appointments at one clinic. It is still open when its last appointment
is within OPEN_DAYS of the last date in the records; otherwise it ended, and how is read from its
last appointment (attended, missed or cancelled): the records do not say why a course ended.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import Outcome, Stage
from sim.results.costs import YEAR_DAYS
from sim.results.kpis import planned_consultations
from sim.results.pathway_counts import share
from sim.records.no_show_tables import no_show_by
from sim.records.suppress import PATIENTS, suppressed

OPEN_DAYS = 60
COURSE_BANDS = (1, 2, 4, 7, 13)  # planned appointments: 1, 2-3, 4-6, 7-12, 13 and more
COURSE = ["clinic", "patient_key"]


def after_previous(appointments: pd.DataFrame) -> pd.DataFrame:
    """No-show at a patient's planned consultation by the outcome of their one before it at the
    same clinic: the chance of a no-show after a no-show against after an attendance."""
    planned = planned_consultations(appointments).sort_values("scheduled_for", kind="stable")
    previous = planned.groupby(COURSE, sort=False).outcome.shift()
    following = planned[previous.notna()]
    label = previous[previous.notna()].map({Outcome.NO_SHOW.value: "after a no-show",
                                            Outcome.ATTENDED.value: "after an attendance"})
    table = no_show_by(following, [label.rename("previous")])
    return suppressed(table, ["previous"])


def waits(appointments: pd.DataFrame) -> pd.DataFrame:
    """Days from referral to a course's first appointment and to its first treatment (where the
    records give referral dates), from booking to the appointment, and from a cancellation to
    the appointment cancelled (where the records give when), per clinic."""
    rows = [_spread(appointments, "booking_to_appointment", appointments.lead_days)]
    if "referral_date" in appointments and appointments.referral_date.notna().any():
        ordered = appointments.sort_values("scheduled_for", kind="stable")
        first = ordered.drop_duplicates(COURSE)
        treated = ordered[ordered.stage == Stage.FIRST_TREATMENT.value].drop_duplicates(COURSE)
        for name, rows_of in (("referral_to_first_appointment", first),
                              ("referral_to_first_treatment", treated)):
            days = (rows_of.scheduled_for.dt.normalize() - rows_of.referral_date).dt.days
            rows.append(_spread(rows_of[days.notna()], name, days.dropna()))
    if "cancelled_at" in appointments and appointments.cancelled_at.notna().any():
        called_off = appointments[appointments.outcome.eq(Outcome.CANCELLED.value)
                                  & appointments.cancelled_at.notna()]
        notice = (called_off.scheduled_for.dt.normalize()
                  - called_off.cancelled_at.dt.normalize()).dt.days
        rows.append(_spread(called_off, "cancellation_notice", notice))
    table = pd.concat(rows, ignore_index=True)
    return suppressed(table, ["measure", "clinic"])


def _spread(rows: pd.DataFrame, measure: str, days: pd.Series) -> pd.DataFrame:
    def summary(clinic, rows_in, days_in):
        return {"measure": measure, "clinic": clinic, PATIENTS: rows_in.patient_key.nunique(),
                "n": len(days_in), "mean_days": round(days_in.mean(), 1),
                "median_days": days_in.median(), "p10_days": round(days_in.quantile(0.1), 1),
                "p90_days": round(days_in.quantile(0.9), 1)}

    out = [summary(clinic, group, days[group.index]) for clinic, group in rows.groupby("clinic")]
    out.append(summary("all", rows, days))
    return pd.DataFrame(out)


def courses(appointments: pd.DataFrame) -> pd.DataFrame:
    """One row per course: clinic, planned appointments, days from first to last, how it ended."""
    ordered = appointments.sort_values("scheduled_for", kind="stable")
    grouped = ordered.groupby(COURSE, sort=False)
    planned = ordered.outcome.isin([Outcome.ATTENDED.value, Outcome.NO_SHOW.value])
    table = pd.DataFrame({
        "planned": planned.groupby([ordered.clinic, ordered.patient_key], sort=False).sum(),
        "first": grouped.scheduled_for.min(), "last": grouped.scheduled_for.max(),
        "last_outcome": grouped.outcome.last(),
    }).reset_index()
    still_open = table["last"] > appointments.scheduled_for.max() - pd.Timedelta(days=OPEN_DAYS)
    ending = table.last_outcome.map({Outcome.ATTENDED.value: "ended after an attendance",
                                     Outcome.NO_SHOW.value: "ended after a no-show",
                                     Outcome.CANCELLED.value: "ended after a cancellation"})
    table["ending"] = ending.where(~still_open, "still open")
    table["days"] = (table["last"] - table["first"]).dt.days
    return table


def course_lengths(table: pd.DataFrame) -> pd.DataFrame:
    """Courses per clinic by planned appointments (in bands), with their share of the clinic's."""
    labels = [f"{low}-{high - 1}" if high - 1 > low else f"{low}"
              for low, high in zip(COURSE_BANDS, COURSE_BANDS[1:])] + [f"{COURSE_BANDS[-1]}+"]
    band = pd.cut(table.planned, [*COURSE_BANDS, float("inf")], right=False, labels=labels)
    counts = _course_counts(table, band.rename("planned_appointments"))
    return suppressed(counts, ["clinic", "planned_appointments"])


def course_endings(table: pd.DataFrame) -> pd.DataFrame:
    """Courses per clinic by how they ended, with their mean planned appointments and days."""
    out = _course_counts(table, table.ending)
    means = table.groupby(["clinic", "ending"])[["planned", "days"]].mean().round(1)
    out = out.merge(means.add_prefix("mean_").reset_index(), how="left", on=["clinic", "ending"])
    return suppressed(out, ["clinic", "ending"])


def _course_counts(table: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    counts = table.groupby([table.clinic, by], observed=True).size().rename(PATIENTS)
    out = counts.reset_index()
    out["courses"] = out[PATIENTS]  # one patient per course at a clinic
    out["share_of_clinic"] = [round(share(n, counts[c].sum()), 4) for c, n
                              in zip(out.clinic, out.courses)]
    return out


def per_fte(appointments: pd.DataFrame) -> pd.DataFrame | None:
    """Consultations attended per clinician FTE and year, where the records give FTEs (the
    summary's `consultations_per_fte_year`): the FTEs are each clinic's median given."""
    if "clinic_fte" not in appointments or appointments.clinic_fte.isna().all():
        return None
    span = appointments.scheduled_for.max() - appointments.scheduled_for.min()
    years = (span.days + 1) / YEAR_DAYS
    table = no_show_by(appointments, [appointments.clinic])[["clinic", PATIENTS, "attended"]]
    table["clinic_fte"] = table.clinic.map(appointments.groupby("clinic").clinic_fte.median())
    table["years"] = round(years, 3)
    table["attended_per_fte_year"] = [round(share(a, f * years), 1) for a, f
                                      in zip(table.attended, table.clinic_fte)]
    return suppressed(table, ["clinic"])
