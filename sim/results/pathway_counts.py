"""Key figures of the patient pathway, defined once, from the tidy patients and appointments tables.

Referred, assessed and started count patients referred in the counted window; completed, dropped
out and discharged count courses that ended in it. Each function takes the tables as a run holds
them in memory or as read back from its CSV files (dates as dates or as ISO strings), and the
first counted day, so the summary, the calibration targets and the board report count alike.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import IN_CARE, ExitReason, Outcome, Stage

# The pathway steps, in the order the report shows them (its words for them are keyed by these).
PATHWAY_IN = ("referred", "assessed", "started")  # patients referred in the counted window
PATHWAY_OUT = {  # courses ended in the counted window, by exit reason
    "completed": ExitReason.COMPLETED,
    "dropped_out": ExitReason.DROPPED_OUT,
    "discharged": ExitReason.DISCHARGED_NON_ATTENDANCE,
}
# A course ended because the patient stopped coming: dropped out, discharged for not attending,
# or lost after missing the assessment or first treatment.
STOPPED_COMING = (ExitReason.DROPPED_OUT.value, ExitReason.DISCHARGED_NON_ATTENDANCE.value,
                  ExitReason.LOST_AFTER_FIRST_MISS.value)
TREATMENT_STAGES = (Stage.FIRST_TREATMENT.value, Stage.TREATMENT.value)


def on_or_after(dates: pd.Series, start) -> pd.Series:
    """Which of `dates` (dates, ISO strings or empty) fall on or after the first counted day."""
    return pd.to_datetime(dates) >= pd.Timestamp(start)


def referred_in_window(patients: pd.DataFrame, start) -> pd.DataFrame:
    return patients[on_or_after(patients.referral_date, start)]


def ended_in_window(patients: pd.DataFrame, start) -> pd.DataFrame:
    """Patients whose course ended in the counted window (those still in care have no exit date)."""
    return patients[on_or_after(patients.exit_date, start)]


def exits_by_reason(patients: pd.DataFrame, start) -> dict[str, int]:
    """Courses ended in the counted window, per exit reason (every reason, zero if none)."""
    return every_exit_reason(ended_in_window(patients, start).exit_reason.value_counts())


def every_exit_reason(counts) -> dict[str, int]:
    """`counts` (exit reason -> courses) as the key figures list them: every reason, zero if none."""
    return {reason.value: int(counts.get(reason.value, 0)) for reason in ExitReason}


def pathway_counts(patients: pd.DataFrame, start) -> dict[str, int]:
    """Patients referred, assessed and started treatment (of those referred in the window), and
    courses completed, dropped out and discharged for non-attendance (ended in the window)."""
    referred = referred_in_window(patients, start)
    exits = exits_by_reason(patients, start)
    return {
        "referred": len(referred),
        "assessed": int(referred.assessment_date.notna().sum()),
        "started": int(referred.first_treatment_date.notna().sum()),
        **{step: exits[reason.value] for step, reason in PATHWAY_OUT.items()},
    }


def patients_treated(appointments: pd.DataFrame) -> int:
    """Patients who attended at least one treatment session (first treatment or later)."""
    attended = appointments.outcome == Outcome.ATTENDED.value
    return int(appointments[attended & appointments.stage.isin(TREATMENT_STAGES)].patient_id.nunique())


def ended_by_stopping_share(patients: pd.DataFrame, start) -> float:
    """Of courses ended in the counted window, the share ended because the patient stopped coming."""
    ended = ended_in_window(patients, start)
    return share(ended.exit_reason.isin(STOPPED_COMING).sum(), len(ended))


def share(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN when there is nothing to divide by."""
    return float(numerator) / denominator if denominator else float("nan")
