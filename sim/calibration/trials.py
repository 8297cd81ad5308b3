"""The voucher and SMS levers run in the design of the trial the seeds cite (issue 19, item 2).

Pedersen, Hesse, Thylstrup et al. 2021, "Vouchers versus reminders to prevent dropout: findings
from the randomized youth drug abuse treatment project (youthDAT)", Drug Alcohol Depend 218:108363
(cited in seed 000 l.536-554 as Pedersen 2017; domain.md section 7). 460 people aged 15-25 seeking
outpatient treatment for drug use in nine Danish municipalities were randomised to four arms; all
were offered 12 weekly sessions of CBT with motivational interviewing. Completion: standard 25%,
reminders 39%, vouchers 46%, both 49% (abstract), so non-completion 75%, 61%, 54%, 51%: -19%,
-28%, -32% against standard. The vouchers were DKK 200 gift cards for every second session
attended (seed 000 l.539-540); the reminder arm also had a contract at the start, status letters
every four weeks and aftercare after the 12 sessions (seed 000 l.540-542), which the model's SMS
arm does not have.

The model runs the trial as: patients aged 16-25 only (the model's youngest group), a fixed course
of 12 treatment sessions a week apart, the four arms paired by replication (common random
numbers), the trial's cohort being the patients assessed and admitted to treatment in the first
counted year, followed a second year. A patient completes when the course's 12 sessions were
attended (the model's own "completed"); any other end (dropped out, discharged, lost after a first
miss, still in care at the end) is non-completion. The abstract does not say how completion was
defined or how many were randomised to each arm: its interval here assumes four arms of 115.
"""

from __future__ import annotations

import math

import pandas as pd

from sim.calibration.lever_checks import check_row
from sim.config.compose import load_config
from sim.enums import ExitReason
from sim.study.replicate import replicate

SOURCE = ("Pedersen et al. 2021, Drug Alcohol Depend 218:108363 (abstract: completion 25% "
          "standard, 39% reminders, 46% vouchers, 49% both; n = 460, four arms); "
          "seed 000 l.536-554")
COURSE_SESSIONS = 12  # sessions offered in every arm (youthDAT: 12 weekly sessions)
ARM_SIZE = 115  # participants per arm, assumed: 460 randomised to four arms
CONTROL_NON_COMPLETION = 0.75  # standard counselling: 25% completed
# NOK per DKK at the trial's time, about 2016 (EUR about NOK 9.3 and DKK 7.45; about 1.08 in 2005):
# the shipped voucher policy's NOK 250. An approximation, not from the trial.
DKK_TO_NOK = 1.25
VOUCHER_NOK = round(200 * DKK_TO_NOK)  # the trial's DKK 200 gift card, in NOK
# The trial's design in the model: youth only, a fixed course of weekly sessions, a cohort that
# starts in the first counted year and is followed for a second one.
TRIAL_DESIGN = [
    "population.age_group_shares.age_16_25=1.0",
    "population.age_group_shares.age_26_50=0.0",
    "population.age_group_shares.age_51_plus=0.0",
    f"behaviour.treatment.course_sessions={COURSE_SESSIONS}",
    "behaviour.treatment.interval_days=7",
    "horizon_days=730",
    "charts=false",
]
VOUCHERS = [f"policy.incentive.voucher_nok={VOUCHER_NOK}", "policy.incentive.every_nth_attended=2"]
SMS = ["policy.reminder.channel=sms"]
DESIGN = (f"ages 16-25, {COURSE_SESSIONS} weekly sessions, vouchers NOK {VOUCHER_NOK} every 2nd "
          "session attended, SMS the day before; those assessed and admitted in one year, "
          "followed to the end of the next")
PFUND = (0.47, 0.25, 0.69)  # d on attendance over the whole treatment, and its 95% CI
PFUND_SOURCE = ("Pfund et al. 2021, J Subst Abuse Treat 133:108556 (abstract): "
                "d = 0.47 (0.25 to 0.69) on attendance, retention included; "
                "behaviour.incentive is "
                "this d as a log odds ratio on one session's choice (Chinn 2000), not tuned here")
ARM_KEYS = {"voucher": "trial_voucher", "SMS reminder": "trial_sms",
            "voucher and SMS reminder": "trial_both"}
# Each arm: its levers, and the trial's non-completion share in that arm.
ARMS = {
    "voucher": (VOUCHERS, 0.54),
    "SMS reminder": (SMS, 0.61),
    "voucher and SMS reminder": (VOUCHERS + SMS, 0.51),
}


NOT_ADMITTED = (ExitReason.REFERRED_ON.value, ExitReason.REFERRED_ON_NO_ROOM.value)


def trial_cohort(patients: pd.DataFrame, cohort_start, cohort_end) -> pd.DataFrame:
    """The patients assessed in [cohort_start, cohort_end) and admitted to treatment (the trial
    randomised those entering treatment)."""
    assessed = pd.to_datetime(patients.assessment_date)
    in_window = (assessed >= pd.Timestamp(cohort_start)) & (assessed < pd.Timestamp(cohort_end))
    return patients[in_window & ~patients.exit_reason.isin(NOT_ADMITTED)]


def non_completion(cohort: pd.DataFrame) -> float:
    """Share of the cohort whose course did not end in completion (still in care included);
    NaN for an empty cohort."""
    if cohort.empty:
        return float("nan")
    return float((cohort.exit_reason != ExitReason.COMPLETED.value).mean())


def attendance_d(treated: pd.Series, control: pd.Series) -> float:
    """Standardised mean difference (Cohen's d, pooled sd) in sessions attended per patient."""
    pooled_sd = math.sqrt((treated.var() + control.var()) / 2)
    return float((treated.mean() - control.mean()) / pooled_sd)


def trial_interval(arm_share: float, control_share: float = CONTROL_NON_COMPLETION,
                   n: int = ARM_SIZE) -> tuple[float, float, float]:
    """The trial's relative change in non-completion and its 95% interval (log risk ratio)."""
    ratio = arm_share / control_share
    se = math.sqrt((1 - arm_share) / (n * arm_share) + (1 - control_share) / (n * control_share))
    return ratio - 1, ratio * math.exp(-1.96 * se) - 1, ratio * math.exp(1.96 * se) - 1


class _Cohort:
    """One replication's trial cohort (a class: joblib pickles it to the workers)."""

    def __call__(self, results) -> pd.DataFrame:
        start = pd.Timestamp(results.cfg.start_date)
        cohort = trial_cohort(results.patients, start, start + pd.Timedelta(days=365))
        return cohort[["exit_reason", "sessions_attended"]]


def arm_overrides(base: list[str], levers: list[str]) -> list[str]:
    """The config overrides of one arm: the base's, the trial's design, then the arm's levers."""
    return [*base, *TRIAL_DESIGN, *levers]


def _cohorts(base: list[str], levers: list[str], replications: int) -> list[pd.DataFrame]:
    """One arm's trial cohorts, replications 0..n-1 (common random numbers across arms)."""
    return replicate(load_config(arm_overrides(base, levers)), replications, _Cohort())


def checks(replications: int, base: list[str]) -> list[dict]:
    """The control arm's non-completion, Pfund's attendance effect of the voucher arm over the
    course (its size per session comes from Pfund's d), then one row
    per treated arm: the model's relative change in non-completion against the control arm,
    paired by replication, beside the trial's."""
    control = _cohorts(base, [], replications)
    arms = {arm: _cohorts(base, levers, replications) for arm, (levers, _) in ARMS.items()}
    d = [attendance_d(t.sessions_attended, c.sessions_attended)
         for t, c in zip(arms["voucher"], control)]
    share = CONTROL_NON_COMPLETION
    half = 1.96 * math.sqrt(share * (1 - share) / ARM_SIZE)
    rows = [check_row("trial_standard", "Pedersen 2021 trial, standard arm: non-completion (the "
                      "base of the relative changes)", "independent", DESIGN,
                      "share not completing", [non_completion(c) for c in control],
                      (share, share - half, share + half), SOURCE)]
    rows.append(check_row("pfund_d", "Voucher arm of the trial's design: d on sessions attended "
                          "per patient (the per-session term is set from this d)", "set_by_hand",
                          DESIGN, "standardised mean difference (Cohen's d)", d, PFUND,
                          PFUND_SOURCE))
    for arm, (_, trial_share) in ARMS.items():
        change = [non_completion(t) / non_completion(c) - 1 for t, c in zip(arms[arm], control)]
        rows.append(check_row(ARM_KEYS[arm], f"Pedersen 2021 trial, {arm} arm: relative change in "
                              "non-completion", "independent", DESIGN,
                              "relative change in non-completion", change,
                              trial_interval(trial_share), SOURCE))
    return rows

