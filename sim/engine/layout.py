"""The compiled engine's state: what each column of its arrays holds, by name.

Patients are rows of two arrays (`patient_real`: float64, `patient_int`: int64), appointments
rows of two more, and each clinic's calendar rows of per-day arrays. The columns are named here
once; the day's logic (`sim.engine.day`) and the views (`sim.engine.patients`) use the names.
Codes for stages, outcomes, reasons and exit reasons follow the order of `sim.enums`.
"""

from __future__ import annotations

from types import SimpleNamespace

import numba
from numba.core import types
from numba.experimental import structref

from sim.enums import ExitReason, Outcome, Reason, Stage

STAGES = tuple(Stage)  # code = position: 0 assessment, 1 first treatment, 2 treatment
OUTCOMES = tuple(Outcome)  # 0 attended, 1 no-show, 2 cancelled
REASONS = tuple(Reason)  # 0 none, 1 forgot, 2 lapse, 3 chose not to come
EXIT_REASONS = tuple(ExitReason)  # -1: in care
ASSESSMENT, FIRST_TREATMENT, TREATMENT = range(3)
ATTENDED, NO_SHOW, CANCELLED = range(3)
NO_REASON, FORGOT, LAPSE, CHOSE_NOT_TO_COME = range(4)
(COMPLETED, TURNED_DOWN, REFERRED_ON, REFERRED_ON_NO_ROOM, DROPPED_OUT, DISCHARGED,
 LOST_AFTER_FIRST_MISS) = range(7)
IN_CARE = -1
NONE = -1  # a day or an outcome not (yet) there

# A patient's real-valued columns.
PATIENT_REAL = (
    "travel_minutes", "trust", "motivation_baseline", "lapse_onset_per_day", "forgetfulness",
    # the fixed terms of the decision and the base chance of forgetting (sim.patient.FixedTerms)
    "site_term", "age_term", "low_trust_term", "travel_term", "lost_pay_term", "forgetting_base",
    "travel_log_odds",  # the trip's part of the costs of coming (a session away drops it)
    "boost", "boost_day", "motivation", "alliance", "spell_end", "noise",
    "no_show_fees_nok",
)
# A patient's integer columns.
PATIENT_INT = (
    "site", "number", "referral_day", "age_group", "male", "employed", "from_inpatient",
    "treated_before", "public_transport", "sessions_needed",
    "lapsing", "sessions_attended", "no_shows", "no_shows_in_a_row",
    "assessment_day", "first_treatment_day", "exit_day", "exit_reason",
    "chances_drawn", "spells_drawn", "noise_day", "holds_place",
    "reminder_reached", "drop_in_confirmed", "follow_up_agreed",
    "post", "met_therapist", "switched",  # continuity: the post, the holder last met
)
# An appointment's integer columns (the lever notes included).
APPOINTMENT_INT = (
    "patient", "site", "stage", "booked_day", "day", "outcome", "reason", "next",
    "reminders_sent", "held_at", "follow_up", "follow_up_reached", "referrer_told",
    "voucher_paid", "drop_in_visit", "drop_in_no_room", "drop_in_confirmed", "follow_up_agreed",
    "referrer_contacted", "therapist", "therapist_change", "switch_offer",
)
APPOINTMENT_REAL = ("alliance",)
# Per site: counts and the places' queue.
SITE_INT = ("waiting_list", "in_care", "overtime_today", "places", "holders", "queue_first",
            "queue_end", "held_in_warmup", "first_treatment_wait",
            "posts", "therapists_hired", "therapists_left")  # continuity: posts, hires, departures
# Per site and therapist post (continuity): the holder's number and the patients in care there.
POST_INT = ("holder", "caseload")
# Per site and day.
SITE_DAY = ("capacity", "planned", "booked", "onward", "first", "last", "drop_in_used")


def _number(names: tuple[str, ...], prefix: str) -> None:
    for index, name in enumerate(names):
        globals()[f"{prefix}{name.upper()}"] = index


_number(PATIENT_REAL, "P_")
_number(PATIENT_INT, "P_")
_number(APPOINTMENT_INT, "A_")
_number(APPOINTMENT_REAL, "AR_")
_number(SITE_INT, "S_")
_number(SITE_DAY, "D_")
_number(POST_INT, "T_")
NO_CHANGE, TURNOVER, SWITCH = range(3)  # an appointment's `therapist_change`
NO_OFFER, ACCEPTED, DECLINED = range(3)  # an appointment's `switch_offer`


# What the compiled day is given: one reference to all of a run's arrays (a numba StructRef, so
# that a call passes one pointer, not seventeen arrays: a tuple of them made each compiled
# function several times slower to compile).
STATE_FIELDS = (
    "pr", "pn",  # patients: PATIENT_REAL and PATIENT_INT columns
    "ai", "ar",  # appointments: APPOINTMENT_INT and APPOINTMENT_REAL columns
    "sites", "cal", "working",  # SITE_INT per site; SITE_DAY per site and day; weekdays
    "queue",  # patients waiting for a place, with their assessment day (per site from its offset)
    "staff",  # call minutes pending, slots held, slots held in the window: per caller and site
    "series",  # per day and site: waiting list, in care, overtime
    "rs", "ins", "key",  # settings (sim.engine.settings REAL and INT) and the run's key
    "counts",  # appointments booked so far, the day's status, what failed
    "arrivals",  # per day and site: first patient referred, how many
    "posts", "post_leave_day",  # continuity: POST_INT per site and post; the holder's last day
)


@structref.register
class StateType(types.StructRef):
    def preprocess_fields(self, fields):
        return tuple((name, types.unliteral(kind)) for name, kind in fields)


class EngineState(structref.StructRefProxy):
    """A run's arrays, as the compiled day reads them (fields: STATE_FIELDS)."""


structref.define_proxy(EngineState, StateType, list(STATE_FIELDS))


_REAL2, _INT2, _INT3 = types.float64[:, ::1], types.int64[:, ::1], types.int64[:, :, ::1]
STATE_TYPE = StateType(list(zip(STATE_FIELDS, (
    _REAL2, _INT2, _INT2, _REAL2, _INT2, _INT3, types.bool_[::1], _INT2, types.float64[:, :, ::1],
    _INT3, types.float64[::1], types.int64[::1], types.uint64[::1], types.int64[::1], _INT3,
    _INT3, _REAL2), strict=True)))


@numba.njit(cache=True)
def _new_state(pr, pn, ai, ar, sites, cal, working, queue, staff, series, rs, ins, key, counts,
               arrivals, posts, post_leave_day):
    """The StructRef, made by cached compiled code (the proxy's own constructor is compiled anew
    in every process: half a second each)."""
    state = structref.new(STATE_TYPE)
    state.pr, state.pn, state.ai, state.ar = pr, pn, ai, ar
    state.sites, state.cal, state.working, state.queue = sites, cal, working, queue
    state.staff, state.series, state.rs, state.ins = staff, series, rs, ins
    state.key, state.counts, state.arrivals = key, counts, arrivals
    state.posts, state.post_leave_day = posts, post_leave_day
    return state


def engine_state(*arrays) -> EngineState:
    """The run's arrays as the compiled day takes them; with NUMBA_DISABLE_JIT=1 (the same code
    as plain Python) a plain object with the same fields, since a StructRef is made by compiled
    code."""
    if numba.config.DISABLE_JIT:
        return SimpleNamespace(**dict(zip(STATE_FIELDS, arrays, strict=True)))
    return _new_state(*arrays)
