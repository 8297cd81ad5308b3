"""The key figures per clinic and overall, from the tidy tables (domain.md s.5).

No-show rate is no-shows over planned consultations, where planned = attended + no-show, as in
table 1 of the 2006 report; late cancellations are counted apart. Two losses are reported: the
technical loss (missed slots x slot length) and the real loss (the time clinicians actually sit
idle, after filling missed slots with records, letters and calls). Levers add their own key
figures (e.g. fee revenue) after the waiting list, then the policy's net cost of what they
declare (sim/results/costs.py); the exits come last.

Every key figure is defined once, here or in `sim.results.pathway_counts` (the patient pathway), and
read from there by the run's charts, the calibration targets, the validation and the board
report: planned consultations, the weekly no-show, the no-show odds at first treatment and the
planned consultations of January to August are below.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from typing import Sequence

import numpy as np
import pandas as pd

from sim.config import ClinicSettings, RunConfig
from sim.enums import PLANNED, Outcome, Stage
from sim.levers import Lever
from sim.results.costs import YEAR_DAYS, policy_cost, staff_cost_nok
from sim.results.pathway_counts import (ended_in_window, every_exit_reason, on_or_after,
                                        referred_in_window, share)

ALL = "all"
ASSESSED, STARTED = "assessment_date", "first_treatment_date"  # the patients table's dates of each step


def summarise(
    appointments: pd.DataFrame, patients: pd.DataFrame, waiting: pd.DataFrame,
    fte: dict[str, float], cfg: RunConfig, levers: Sequence[Lever] = (),
) -> pd.DataFrame:
    """One row per clinic and one for all clinics together; `levers` add their key figures.

    What the figures are made of is counted once over each whole table, per clinic (`_tallies`):
    counted again for each clinic's rows, pandas' fixed cost per call was most of a small run's
    summary. The levers still get each clinic's own tables."""
    tallies = _tallies(appointments, patients, waiting, pd.Timestamp(cfg.start_date).date())
    split = [_by_clinic(table) for table in (appointments, patients)]
    rows = [_kpis(key, tallies[key], *(rows_of(key) for rows_of in split), fte[key], cfg, levers) for key in fte]
    # fsum: Python 3.12's sum() compensates rounding errors and 3.11's does not; the tables must
    # be the same on both.
    total = _kpis(ALL, tallies[ALL], appointments, patients, math.fsum(fte.values()), cfg, levers)
    total["mean_waiting_list"] = round(math.fsum(r["mean_waiting_list"] for r in rows), 1)
    return pd.DataFrame(rows + [total])


def _kpis(key, tally, appts, patients, fte, cfg: RunConfig, levers) -> dict:
    """One summary row from its clinic's `tally` (see `_tallies`); `appts` and `patients` are
    that clinic's tables, for the levers."""
    clinic, years = cfg.clinic, cfg.horizon_days / YEAR_DAYS
    outcomes, by_stage = tally["outcome"], tally["stage_outcome"]
    attended, no_shows, cancelled = (outcomes[o.value] for o in (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED))
    planned = sum(outcomes[o] for o in PLANNED)  # the outcomes `planned_consultations` keeps
    booked = sum(outcomes.values())  # every appointment has one outcome
    technical_hours = no_shows * clinic.slot_minutes / 60
    real_hours = no_shows * clinic.idle_minutes_per_no_show() / 60
    work_hours = fte * clinic.workday_hours * clinic.annual_working_days * years
    row = {
        "clinic": key,
        "clinic_name": "All clinics" if key == ALL else cfg.clinic.sites[key].display_name,
        "policy": cfg.policy.name,
        "seed": cfg.seed,
        "replication": cfg.replication,
        "clinical_fte": round(fte, 2),
        "appointments_booked": booked,
        "planned": planned,
        "attended": attended,
        "no_shows": no_shows,
        "late_cancellations": cancelled,
        "no_show_rate": _ratio(no_shows, planned),
    }
    for stage in Stage:
        planned_at_stage = sum(by_stage[stage.value, o] for o in PLANNED)
        row[f"no_show_rate_{stage.value}"] = _ratio(by_stage[stage.value, Outcome.NO_SHOW.value], planned_at_stage)
    days, reached, waiting = tally["days"], tally["reached"], tally["waiting"]
    row |= {
        "late_cancellation_rate": _ratio(cancelled, booked),
        "consultations_per_fte_year": _ratio(attended, fte * years),
        "technical_loss_hours": round(technical_hours, 1),
        "real_loss_hours": round(real_hours, 1),
        "technical_loss_share_of_work": _ratio(technical_hours, work_hours),
        "real_loss_share_of_work": _ratio(real_hours, work_hours),
        "technical_loss_nok": staff_cost_nok(cfg, technical_hours),
        "real_loss_nok": staff_cost_nok(cfg, real_hours),
        "mean_days_referral_to_assessment": round(share(days[ASSESSED], reached[ASSESSED]), 1),
        "mean_days_referral_to_first_treatment": round(share(days[STARTED], reached[STARTED]), 1),
        "patients_in_care": tally["patients"]["in_care"],
        "patients_referred": tally["patients"]["referred"],
        "mean_waiting_list": round(share(waiting["waiting_list"], waiting["days"]), 1),
    } | _overtime(waiting["overtime_consultations"], clinic, work_hours)
    for lever in levers:
        row |= lever.summary_columns(appts, patients)
    row |= policy_cost(row, levers, cfg.horizon_days)  # overtime and what the levers declare (sim/results/costs.py)
    for reason, count in every_exit_reason(tally["exits"]).items():
        row[exit_column(reason)] = count
    return row


def _tallies(appointments: pd.DataFrame, patients: pd.DataFrame, waiting: pd.DataFrame, start) -> dict:
    """`clinic -> kind -> what -> count`, for every clinic and for all (ALL), every table grouped
    once; a clinic or count not met is 0. Python ints: the ratios are rounded as Python rounds."""
    tallies = defaultdict(lambda: defaultdict(Counter))
    counted = (_appointment_counts(appointments), _patient_counts(patients, start), _waiting_counts(waiting))
    for clinic, kind, what, count in itertools.chain(*counted):
        tallies[clinic][kind][what] += count
        tallies[ALL][kind][what] += count
    return tallies


def _appointment_counts(appointments: pd.DataFrame):
    """Appointments per clinic, stage and outcome: every count behind the no-show figures."""
    for (clinic, stage, outcome), count in _rows_per(appointments, "clinic", "stage", "outcome").items():
        yield clinic, "outcome", outcome, count
        yield clinic, "stage_outcome", (stage, outcome), count


def _patient_counts(patients: pd.DataFrame, start):
    """Patients in care and referred in the counted window, courses ended in it by exit reason,
    and the days from referral to assessment and to first treatment (summed, and how many, for
    the means)."""
    for what, rows in (("in_care", patients), ("referred", referred_in_window(patients, start))):
        for (clinic,), count in _rows_per(rows, "clinic").items():
            yield clinic, "patients", what, count
    for (clinic, reason), count in _rows_per(ended_in_window(patients, start), "clinic", "exit_reason").items():
        yield clinic, "exits", reason, count
    for column in (ASSESSED, STARTED):
        for clinic, days, reached in _days_from_referral(patients, column, start):
            yield clinic, "days", column, days
            yield clinic, "reached", column, reached


def _rows_per(table: pd.DataFrame, *columns: str) -> Counter:
    """How many rows have each combination of `columns`' values: each column's values numbered
    once (pandas' factorize), the combinations counted as numbers (numpy's bincount), in Python
    ints. Counting the rows' tuples in Python took a tenth of a run at scale 10."""
    codes, uniques = zip(*(pd.factorize(table[column], use_na_sentinel=False)
                           for column in columns))
    combined = np.zeros(len(table), np.int64)
    for code, values in zip(codes, uniques):
        combined = combined * len(values) + code
    counts = np.bincount(combined) if len(table) else np.zeros(0, np.int64)
    sizes = [len(values) for values in uniques]
    return Counter({tuple(values[i] for values, i in zip(uniques, np.unravel_index(c, sizes))):
                    int(counts[c]) for c in np.flatnonzero(counts)})


def _days_from_referral(patients: pd.DataFrame, column: str, start):
    """Per clinic: the days from referral to `column` summed over the patients who reached it in
    the counted window, and how many they were (Python ints)."""
    kept = on_or_after(patients[column], start)  # not reached: False
    days = (pd.to_datetime(patients[column][kept])
            - pd.to_datetime(patients.referral_date[kept])).dt.days
    by_clinic = days.groupby(patients.clinic[kept].to_numpy(), sort=False)
    totals, counts = by_clinic.sum(), by_clinic.size()
    return [(clinic, int(totals[clinic]), int(counts[clinic])) for clinic in totals.index]


def _waiting_counts(waiting: pd.DataFrame):
    """Per clinic: days counted, the waiting list summed over them (for its mean) and the overtime."""
    by_clinic = waiting.groupby("clinic", sort=False)
    sums, days = by_clinic[["waiting_list", "overtime_consultations"]].sum(), by_clinic.size()
    for clinic, listed, overtime in zip(sums.index, sums.waiting_list, sums.overtime_consultations):
        yield clinic, "waiting", "days", int(days[clinic])
        yield clinic, "waiting", "waiting_list", int(listed)
        yield clinic, "waiting", "overtime_consultations", int(overtime)


def _by_clinic(table: pd.DataFrame):
    """`key -> table[table.clinic == key]`, with the table split once rather than once per clinic."""
    groups = dict(tuple(table.groupby("clinic", sort=False)))
    return lambda key: groups[key] if key in groups else table.iloc[:0]  # not `get`: iloc costs per call


def _overtime(consultations: int, clinic: ClinicSettings, work_hours: float) -> dict:
    """Consultations held beyond a day's slots because more came than the clinic had slots for
    (its own overbooking, seed 004 5.2, and any a policy adds): the patients kept waiting, the
    hours worked over, and what they cost at the overtime rate (part of every policy's net cost)."""
    hours = consultations * clinic.slot_minutes / 60
    cost = hours * clinic.clinician_cost_nok_per_hour * clinic.overtime_pay_factor
    return {"overtime_consultations": consultations, "overtime_hours": round(hours, 1),
            "overtime_share_of_work": _ratio(hours, work_hours), "overtime_cost_nok": round(cost)}


def exit_column(reason: str) -> str:
    """The summary column counting courses ended in the counted window for `reason`."""
    return f"exits_{reason}"


def planned_consultations(appointments: pd.DataFrame) -> pd.DataFrame:
    """The appointments that count as planned consultations: attended or no-show (sim.enums.PLANNED)."""
    return appointments[appointments.outcome.isin(list(PLANNED))]


def weekly_no_show(appointments: pd.DataFrame, start, horizon_days: int) -> pd.DataFrame:
    """The no-show rate of each week of the counted window: one column per clinic and one for all.

    A week is a 7-day block counted from the first counted day (`start`), not a calendar week:
    the counted window seldom starts on a Monday, so calendar weeks would give a short first and
    last week whose rates rest on a few appointments; blocks from `start` are all 7 days long and
    line up across scenarios and replications. Only whole weeks are shown: the last
    `horizon_days % 7` days are left out. The index is each week's first day; a week without a
    planned consultation is NaN.
    """
    planned = planned_consultations(appointments)
    first = pd.Timestamp(start)
    week = (pd.to_datetime(planned.scheduled_for) - first).dt.days // 7
    no_show = planned.outcome == Outcome.NO_SHOW.value
    weeks = range(horizon_days // 7)
    table = no_show.groupby([week, planned.clinic]).mean().unstack().reindex(weeks)
    table[ALL] = no_show.groupby(week).mean().reindex(weeks)
    table.index = [first + pd.Timedelta(weeks=w) for w in weeks]
    table.columns.name = None
    return table


def no_show_odds(appointments: pd.DataFrame) -> float:
    """The odds of a no-show over the planned consultations among `appointments`."""
    p = (planned_consultations(appointments).outcome == Outcome.NO_SHOW.value).mean()
    return p / (1 - p)


def first_booking_no_show_odds(appointments: pd.DataFrame, stage: Stage) -> float:
    """The odds of a no-show at each patient's first booking at `stage` (the one scheduled first,
    not the rebooked ones), over those attended or missed: what the literature on waits and intake
    delays reports."""
    first = appointments[appointments.stage == stage.value]
    return no_show_odds(first.sort_values("scheduled_for").drop_duplicates("patient_id"))


def planned_jan_aug(appointments: pd.DataFrame) -> dict[str, float]:
    """Planned consultations per clinic and for all in January to August of the first year
    counted (the period of the 2005 record)."""
    dates = pd.to_datetime(appointments.scheduled_for)
    in_period = (dates.dt.year == dates.min().year) & (dates.dt.month <= 8)
    counts = planned_consultations(appointments[in_period]).groupby("clinic").size()
    return {**counts.astype(float).to_dict(), ALL: float(counts.sum())}


def _ratio(numerator: float, denominator: float) -> float:
    return round(share(numerator, denominator), 4)
