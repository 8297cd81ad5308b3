"""A clinic's settings derived from its records: sites, referrals, capacity, waits, intervals.

Each value says where it came from; what the records cannot give keeps the Østfold 2005 value
(scenarios/clinic/ostfold_2005.yaml) and is named in `kept`. These are starting values: the
behavioural parameters (the no-show level, quitting, course length) are not fitted here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from sim.enums import Outcome, Stage
from sim.results.costs import YEAR_DAYS
from sim.results.kpis import planned_consultations
from sim.records.suppress import MIN_PATIENTS

CONSULTATIONS_PER_FTE_YEAR = 380  # seed 004 5.2: when the records give no FTEs
COURSE = ["clinic", "patient_key"]
LACKING = (  # optional columns, and what a fit without them does
    ("travel_minutes", "travel_minutes_mean is Østfold's 25 minutes"),
    ("clinic_fte", f"capacity_fte is attended a year / {CONSULTATIONS_PER_FTE_YEAR}"),
    ("referral_date", "assessment_lead_days is counted from booking, not referral"),
)


@dataclass
class Derived:
    """What the records give: per-site values, shared values, and what they left as it was."""

    sites: dict[str, dict] = field(default_factory=dict)  # site key -> {setting: (value, how)}
    shared: dict[str, tuple] = field(default_factory=dict)  # setting -> (value, how)
    behaviour: dict[str, tuple] = field(default_factory=dict)  # dotted -> (value, how)
    kept: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # clinics with fewer than 5 patients


def site_key(name: str, taken: set[str]) -> str:
    """A clinic's name as a site key: lower case ASCII letters, digits and underscores."""
    text = str(name).lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "site"
    key = key if key[0].isalpha() else f"site_{key}"
    unique, n = key, 2
    while unique in taken:
        unique, n = f"{key}_{n}", n + 1
    return unique


def derive(appointments: pd.DataFrame, turned_down_share: float) -> Derived:
    derived = Derived()
    years = records_years(appointments)
    overall = _no_show(appointments)
    for name, rows in appointments.groupby("clinic", sort=True):
        if rows.patient_key.nunique() < MIN_PATIENTS:  # too few to show, let alone to fit
            derived.left_out.append(str(name))
            continue
        key = site_key(name, set(derived.sites))
        derived.sites[key] = {"display_name": (str(name), "the records' clinic name")}
        derived.sites[key] |= _site(rows, years, turned_down_share, overall)
    derived.shared = _shared(appointments)
    derived.behaviour = _intervals(appointments)
    derived.kept = [f"no {column} in the records: {what}" for column, what in LACKING
                    if column not in appointments or appointments[column].isna().all()]
    return derived


def records_years(appointments: pd.DataFrame) -> float:
    days = appointments.scheduled_for.dt.normalize()
    span = days.max() - days.min()
    return (span.days + 1) / YEAR_DAYS


def _no_show(rows: pd.DataFrame) -> float:
    return (planned_consultations(rows).outcome == Outcome.NO_SHOW.value).mean()


def _site(rows: pd.DataFrame, years: float, turned_down: float, overall: float) -> dict:
    assessed = rows[rows.stage == Stage.ASSESSMENT.value].patient_key.nunique()
    referrals = assessed / years / (1 - turned_down)
    site = {"referrals_per_year": (round(referrals, 1), f"patients with an assessment a year "
                                   f"(over {years:.2f} years), and the {turned_down:.0%} of "
                                   "referrals turned down before any appointment")}
    attended = (rows.outcome == Outcome.ATTENDED.value).sum() / years
    if "clinic_fte" in rows and rows.clinic_fte.notna().any():
        fte = max(0.1, round(float(rows.clinic_fte.median()), 2))  # the model's least
        site["capacity_fte"] = (fte, "the records' FTEs (median)")
    else:
        site["capacity_fte"] = (round(max(0.1, attended / CONSULTATIONS_PER_FTE_YEAR), 2),
                                f"{attended:.0f} attended a year / {CONSULTATIONS_PER_FTE_YEAR} a "
                                "FTE (Østfold 2005, seed 004 5.2)")
    if (wait := _first_treatment_wait(rows)) is not None:
        site["first_treatment_wait_days"] = (wait, "days from a course's assessment to its "
                                             "first treatment, tenth percentile (the planned "
                                             "wait; the queue for a place comes on top)")
    if "travel_minutes" in rows and rows.travel_minutes.notna().any():
        per_patient = rows.drop_duplicates("patient_key").travel_minutes
        site["travel_minutes_mean"] = (round(float(per_patient.mean()), 1),
                                       "mean of the records' travel_minutes")
    else:
        site["travel_minutes_mean"] = (25.0, "Østfold 2005 value: no travel_minutes")
    offset = _logit(_no_show(rows)) - _logit(overall)
    site["unexplained_log_odds"] = (round(offset, 4), "the site's no-show log-odds against all "
                                    "sites' (starting value, before any fit)")
    return site


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _first_treatment_wait(rows: pd.DataFrame) -> int | None:
    firsts = rows.sort_values("scheduled_for").drop_duplicates([*COURSE, "stage"])
    at = firsts.pivot_table(index=COURSE, columns="stage", values="scheduled_for", aggfunc="first")
    if not {Stage.ASSESSMENT.value, Stage.FIRST_TREATMENT.value} <= set(at.columns):
        return None
    days = (at[Stage.FIRST_TREATMENT.value] - at[Stage.ASSESSMENT.value]).dt.days.dropna()
    days = days[days >= 0]
    # The clinic's planned wait, not the wait as the records show it: where treatment places
    # are short, most courses also queued for a place (the model queues them itself), so the
    # median overstates it; those who found a place at once wait the planned days, and the
    # tenth percentile finds them while a few mistyped dates cannot.
    return min(730, int(days.quantile(0.1))) if len(days) >= MIN_PATIENTS else None


def _shared(appointments: pd.DataFrame) -> dict[str, tuple]:
    """Days from referral (or from booking) to the first assessment, and its 90th percentile."""
    assessments = appointments[appointments.stage == Stage.ASSESSMENT.value]
    first = assessments.sort_values("scheduled_for").drop_duplicates(COURSE)
    if "referral_date" in first and first.referral_date.notna().any():
        lead = (first.scheduled_for.dt.normalize() - first.referral_date).dt.days.dropna()
        how = "median days from referral to the first assessment"
    else:
        lead, how = first.lead_days, "median days from booking to the first assessment"
    shared = {}
    if len(lead) >= MIN_PATIENTS:
        days = min(365, int(lead.median()))
        shared["assessment_lead_days"] = (days, how)
        shared["assessment_within_days"] = (min(365, max(42, days, int(lead.quantile(0.9)))),
                                            "the 90th percentile of the same, at least 42 (law)")
    return shared


def _intervals(appointments: pd.DataFrame) -> dict[str, tuple]:
    """Days between treatment sessions after an attendance, and to the next after a no-show."""
    planned = planned_consultations(appointments).sort_values("scheduled_for", kind="stable")
    courses = planned.groupby(COURSE, sort=False)
    gap = (courses.scheduled_for.shift(-1) - planned.scheduled_for).dt.days
    treated = (planned.stage == Stage.TREATMENT.value) & gap.notna()
    after = {o: gap[treated & (planned.outcome == o.value)] for o in (Outcome.ATTENDED,
                                                                       Outcome.NO_SHOW)}
    out = {}
    if len(after[Outcome.ATTENDED]) >= MIN_PATIENTS:
        out["behaviour.treatment.interval_days"] = (
            min(365, max(1, int(after[Outcome.ATTENDED].median()))),
            "median days from an attended treatment session to the next")
    if len(after[Outcome.NO_SHOW]) >= MIN_PATIENTS:
        out["behaviour.treatment.rebook_days"] = (
            min(365, max(1, int(after[Outcome.NO_SHOW].median()))),
            "median days from a missed treatment session to the next")
    return out
