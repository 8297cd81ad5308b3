"""The clinic's intake and the first steps of the pathway, as seed 004 describes them.

- A few referrals are turned down on paper, before any appointment (about 6%, seed 004 p. 1578).
- The assessment is held within the legal limit (six weeks; "and this happens in practice",
  seed 004 lines 1661-1662): when the plan is full that long, the clinic books it anyway, above plan.
- After the assessment "it can take up to 3 months" before a treatment time is offered (lines
  1662-1663). A patient the clinic cannot offer a first treatment within that longest wait is
  referred on to another service: referring on rose from about 1% to 10% as referrals rose, while
  almost none were turned down for lack of room (lines 1576-1586). This is what balances the
  queue: with more referrals than the clinics can take, more are referred on (the summary's
  `exits_referred_on_no_room`), instead of lead times growing without end.
- A missed first appointment often ends the contact: the ways of getting the patient back are
  "few and weak" (lines 1663-1677). After a no-show at the assessment or the first treatment, the
  patient is lost with a stage's own chance (drawn from the appointment's QUIT uniform, so no
  draw is added).
"""

from __future__ import annotations

from sim.enums import Outcome, Stage
from sim.patient import QUIT


def turned_down(clinic, patient) -> bool:
    """Is the referral turned down before any appointment? The referral's own uniform (a fixed slot
    of the patient's draws, `PatientDraws.intake`), so no other draw moves."""
    share = clinic.model.cfg.behaviour.treatment.turned_down_share
    return share > 0 and patient.stream.intake(patient.stream.TURNED_DOWN) < share


def assessment_day(clinic, patient, referral_day: int) -> int:
    """The assessment's day: the first free place after the clinic's usual lead (levers may
    change both), but never later than the legal limit (the last working day within it), even if
    that day is fully planned."""
    settings = clinic.model.cfg.clinic
    earliest = referral_day + max(clinic.assessment_lead_days(), 1)
    first = clinic.first_free_day(earliest, patient, Stage.ASSESSMENT)
    latest = referral_day + max(settings.assessment_within_days, 1)
    clinic.calendar_through(latest)
    if first <= latest:
        return first
    while latest > referral_day + 1 and not clinic.working_days[latest]:
        latest -= 1
    return latest


def referred_on_for_room(clinic, assessment: int, first_free: int) -> bool:
    """No first treatment can be offered within the longest wait after the assessment."""
    return first_free - assessment > clinic.model.cfg.clinic.max_first_treatment_wait_days


def lost_after_miss(clinic, appt) -> bool:
    """After a no-show at the assessment or first treatment: is the contact lost for good?"""
    if appt.outcome is not Outcome.NO_SHOW or appt.stage is Stage.TREATMENT:
        return False
    dropout = clinic.model.cfg.behaviour.dropout
    chance = (dropout.lost_after_missed_assessment if appt.stage is Stage.ASSESSMENT
              else dropout.lost_after_missed_first_treatment)
    return appt.patient.draws[QUIT] < chance
