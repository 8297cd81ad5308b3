"""Figures counted the way the 2005 patient register (KK forms) counts them (seed 004, 3.2 and 3.5).

The register keeps a course once treatment has started: a patient who does not come to the first
appointment "falls out of the database", and a miss is registered only when it ends the course
(seed 004 lines 1076-1082). We read the first appointment as the first treatment session (the
"first ordinary treatment session" of lines 1663-1668; those who never came are the 8.8% "who did
not turn up for treatment" of lines 793-795), so a course counts from its first treatment. The
register's 2017 are active referrals, those not started included (lines 777, 789-791): the shares
not started and never started are of them, read as the 2005 report was taken out, at the end of
the counted year (lines 785-797). Each function takes one run's tables.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sim.enums import ExitReason
from sim.results.costs import YEAR_DAYS
from sim.results.pathway_counts import STOPPED_COMING, ended_by_stopping_share, on_or_after, referred_in_window, share

# Referred on to another service, at the assessment or for lack of room.
REFERRED_ON = (ExitReason.REFERRED_ON.value, ExitReason.REFERRED_ON_NO_ROOM.value)


def _window(cfg) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(cfg.start_date)
    return start, start + dt.timedelta(days=cfg.horizon_days)


def register_courses(patients: pd.DataFrame, cfg) -> pd.DataFrame:
    """Courses in the register in the counted window: in care then, and treatment started."""
    start, _ = _window(cfg)
    came = patients[patients.first_treatment_date.notna()]
    return came[came.exit_date.isna() | on_or_after(came.exit_date, start)]


def active_referrals(patients: pd.DataFrame, cfg) -> pd.DataFrame:
    """Referrals in care at some time in the counted window, started or not (seed 004 l.777)."""
    start, end = _window(cfg)
    referred = pd.to_datetime(patients.referral_date) < pd.Timestamp(end)
    return patients[referred & (patients.exit_date.isna() | on_or_after(patients.exit_date, start))]


def course_figures(patients: pd.DataFrame, cfg) -> dict[str, float]:
    """Active referrals and courses ended in a year (per year of horizon), and the share of
    courses ended by stopping to come (seed 004 l.777 and 1084-1088: 2017, 598 and 143)."""
    years = cfg.horizon_days / YEAR_DAYS
    courses = register_courses(patients, cfg)
    ended = courses[courses.exit_date.notna()]
    stopped = ended.exit_reason.isin(STOPPED_COMING)
    return {
        "register_referrals_per_year": len(active_referrals(patients, cfg)) / years,
        "register_courses_ended_per_year": len(ended) / years,
        # The pathway's key figure, over the courses the register holds.
        "ended_by_stopping_share": ended_by_stopping_share(courses, _window(cfg)[0]),
        # Table 3: the share without work among those who stopped, less the share among all courses.
        "jobless_gap_stopped_vs_all": share((~ended[stopped].employed).sum(), stopped.sum())
        - share((~courses.employed).sum(), len(courses)),
    }


def referral_outcomes(patients: pd.DataFrame, cfg) -> dict[str, float]:
    """Of the active referrals, the shares not started at the window's end and never started
    because they did not turn up (seed 004 3.2, lines 789-795); of the patients referred in the
    window, the share referred on (lines 1576-1578)."""
    active = active_referrals(patients, cfg)
    not_started = active.first_treatment_date.isna()
    never_came = not_started & active.exit_reason.isin(STOPPED_COMING)
    referred = referred_in_window(patients, _window(cfg)[0])
    return {
        "not_started_share": share(not_started.sum(), len(active)),
        "never_started_no_show_share": share(never_came.sum(), len(active)),
        "referred_on_share": share(referred.exit_reason.isin(REFERRED_ON).sum(), len(referred)),
    }


def early_dropout(patients: pd.DataFrame, cfg, days: int = 30) -> float:
    """Of patients who started treatment at least `days` before the window ends, the share whose
    course ended by stopping to come within `days` of the first treatment (Brorson et al. 2013 and
    Stark 1992 in seed 000, lines 183-185: about half end in the first month)."""
    start, end = _window(cfg)
    first = pd.to_datetime(patients.first_treatment_date)
    began = patients[(first >= pd.Timestamp(start)) & (first <= pd.Timestamp(end - dt.timedelta(days=days)))]
    within = (pd.to_datetime(began.exit_date) - pd.to_datetime(began.first_treatment_date)).dt.days <= days
    return share((within & began.exit_reason.isin(STOPPED_COMING)).sum(), len(began))
