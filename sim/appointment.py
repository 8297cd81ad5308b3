"""An appointment in a clinic's book, and its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sim.levers.reminders import NONE_SENT, ReminderSent

if TYPE_CHECKING:
    from sim.patient import Patient


class Stage(str, Enum):
    ASSESSMENT = "assessment"
    FIRST_TREATMENT = "first_treatment"
    TREATMENT = "treatment"


class Outcome(str, Enum):
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"  # a late cancellation: the patient called off; not a no-show


class Reason(str, Enum):
    """Why a patient did not attend, as the model drew it."""

    NONE = ""
    FORGOT = "forgot"
    LAPSE = "lapse"  # chose not to come while in a lapse
    CHOSE_NOT_TO_COME = "chose_not_to_come"


@dataclass(slots=True)
class Appointment:
    patient: Patient
    site: str
    stage: Stage
    booked_day: int  # model day the booking was made
    day: int  # model day of the appointment
    reminder: ReminderSent = NONE_SENT
    outcome: Outcome | None = None
    reason: Reason = Reason.NONE

    @property
    def lead_days(self) -> int:
        return self.day - self.booked_day
