"""The model's vocabulary, defined once: stages, outcomes, reasons, exits and reminder channels.

Each value is the string written in the tables, the YAML and the charts; code compares enums, and
tables, KPIs and charts take their strings from `.value`.
"""

from enum import Enum


class Stage(str, Enum):
    """Where in the pathway an appointment is (domain.md s.2)."""

    ASSESSMENT = "assessment"
    FIRST_TREATMENT = "first_treatment"
    TREATMENT = "treatment"


class Outcome(str, Enum):
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"  # a late cancellation: the patient called off; not a no-show


# Planned consultations are attended plus no-shows (table 1 of the 2006 report); cancellations apart.
PLANNED = (Outcome.ATTENDED.value, Outcome.NO_SHOW.value)


class Reason(str, Enum):
    """Why a patient did not attend, as the model drew it."""

    NONE = ""
    FORGOT = "forgot"
    LAPSE = "lapse"  # chose not to come while in a lapse
    CHOSE_NOT_TO_COME = "chose_not_to_come"


class ExitReason(str, Enum):
    COMPLETED = "completed"
    TURNED_DOWN = "turned_down"  # the referral is declined on paper, before any appointment
    REFERRED_ON = "referred_on"  # not admitted after assessment, or sent to another service
    REFERRED_ON_NO_ROOM = "referred_on_no_room"  # no first treatment within the longest wait: sent on
    DROPPED_OUT = "dropped_out"
    DISCHARGED_NON_ATTENDANCE = "discharged_non_attendance"
    LOST_AFTER_FIRST_MISS = "lost_after_first_miss"  # missed assessment or first treatment; never back


IN_CARE = "in_care"  # the patients table's exit_reason for a patient who has not left


class Channel(str, Enum):
    """How a reminder reaches the patient."""

    NONE = "none"
    SMS = "sms"
    LETTER = "letter"
    PHONE = "phone"


def values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)
