"""The clinic agent: one site with its clinicians' slots, its appointment book and waiting list.

Rule: book each patient into the first free place on or after the day the pathway asks for. The
clinic plans more consultations than it has slots, as a buffer against no-shows (its own
overbooking, seed 004 5.2); when more patients come on a day than there are slots, the extra
consultations are held in overtime and counted. Intake follows the sources: a few referrals are
turned down on paper, the assessment is held within the legal limit, and a patient who cannot be
offered a first treatment within the longest wait is referred on (`sim.pathway_rules`). Hold the day's
appointments; after each, decide admission after an assessment, book the next step of the pathway
(domain.md s.2), rebook a miss, or end the course. Levers add capacity, set the wait, note what a
booking brings, and may discharge after a miss.
"""

from __future__ import annotations

from collections import defaultdict

import mesa
import numpy as np

from sim.appointment import Appointment
from sim.config.bookable import BOOKING_HORIZON_DAYS, no_day_to_book, slots_a_weekday
from sim.enums import ExitReason, Outcome, Stage
from sim.levers.base import bookable_limit, planned_days
from sim.pathway_rules import assessment_day, lost_after_miss, referred_on_for_room, turned_down
from sim.patient import ADMIT, Patient
from sim.places import TreatmentPlaces


class Clinic(mesa.Agent):
    """An outpatient substance-use clinic (one site)."""

    def __init__(self, model, key: str, settings, working_days: np.ndarray):
        super().__init__(model)
        self.key, self.hooks = key, model.hooks  # the levers' hooks, asked at every booking
        self.settings = settings  # this site's settings (`sim.config.SiteSettings`)
        self.fte = self._clinical_fte()
        self.working_days = working_days  # bool per model day
        self.capacity: list[int] = self._slots_per_day(working_days).tolist()  # slots: no overtime
        # The load the clinic plans per day: its slots and its own buffer against no-shows.
        self.planned: list[int] = self._slots_per_day(working_days, self._planned_per_slot()).tolist()
        self.booked = [0] * len(self.capacity)  # appointments booked per day
        self.onward = list(range(1, len(self.capacity) + 1))  # per day: no free place before this day
        self.day_numbers = list(range(len(self.capacity)))  # one int per day, shared by its bookings
        self.overtime_today = 0  # consultations held today beyond the day's slots
        self.places = TreatmentPlaces.of(self)  # the caseload: places per FTE x FTE, and what levers make of it
        self.book: dict[int, list[Appointment]] = defaultdict(list)
        self.waiting_list = 0  # referred, not yet started treatment, not exited
        self.in_care = 0  # referred and not exited
        self.held_in_warmup = 0  # appointments held in the warm-up (not kept: never reported)

    def _clinical_fte(self) -> float:
        """Clinical FTEs: the site's own (or the clinic-wide override), plus what levers add."""
        shared = self.model.cfg.clinic
        fte = shared.capacity_fte if shared.capacity_fte is not None else self.settings.capacity_fte
        for extra in self.hooks.extra_fte:
            fte += extra(self.key)
        return fte * self.model.cfg.scale

    def _planned_per_slot(self) -> float:
        return 1 + self.settings.overbooking_share

    def _slots_per_day(self, working_days: np.ndarray, planned_per_slot: float = 1.0) -> np.ndarray:
        """Slots per weekday (times `planned_per_slot` for the bookings the clinic plans), a fractional
        daily rate spread so that the yearly total is right; holidays and leave spread over all weekdays."""
        rate = slots_a_weekday(self.model.cfg.clinic, self.fte) * planned_per_slot
        cumulative = np.floor(rate * np.cumsum(working_days))
        return np.diff(cumulative, prepend=0).astype(np.int32)

    def refer(self, patient: Patient, day: int) -> None:
        self.waiting_list += 1
        self.in_care += 1
        if turned_down(self, patient):
            self._end_course(patient, day, ExitReason.TURNED_DOWN)
            return
        self._book_on(patient, Stage.ASSESSMENT, day, assessment_day(self, patient, day))

    def assessment_lead_days(self) -> int:
        """Days the clinic aims to leave between referral and assessment."""
        own = self.model.cfg.clinic.assessment_lead_days
        return planned_days(self.hooks.assessment_lead_cap, self.key, own)

    def book_appointment(self, patient: Patient, stage: Stage, today: int, earliest: int) -> None:
        """Book the first free place on or after `earliest`: never more than the planned load (the
        slots and the clinic's own buffer, and what levers add or hold back)."""
        self._book_on(patient, stage, today, self.first_free_day(max(earliest, today + 1), patient, stage))

    def _book_on(self, patient: Patient, stage: Stage, today: int, day: int) -> None:
        """Book on `day`, a day the calendar already reaches (found by `first_free_day`)."""
        self.booked[day] += 1
        appt = Appointment(patient, self.key, stage, today, day)
        for hook in self.hooks.on_booked:
            hook(appt)
        self.book[day].append(appt)

    def hold_slot(self, earliest: int, patient: Patient, stage: Stage) -> int:
        """The first free day from `earliest`, counted booked with no appointment in it (staff time)."""
        day = self.first_free_day(earliest, patient, stage)
        self.booked[day] += 1
        return day

    def first_free_day(self, earliest: int, patient: Patient, stage: Stage) -> int:
        if self.hooks.bookable_slots_change:
            return self._first_free_day_for(earliest, patient, stage)
        return self._first_free_day_any(earliest)

    def _first_free_day_for(self, earliest: int, patient: Patient, stage: Stage) -> int:
        """With levers that change how many may be booked on a day (overbooking, slots held for
        assessments), the limit depends on the patient and the stage: walk day by day, for a
        bounded time (levers that hold back every slot are refused before the run, as a rule).
        Each lever's change is from the day's own planned load; the changes add
        (`levers.base.bookable_limit`)."""
        day, changes = earliest, self.hooks.bookable_slots_change
        while True:
            if day >= len(self.planned):
                if day > self.model.n_days + BOOKING_HORIZON_DAYS:
                    raise no_day_to_book(self.key, stage, earliest)
                self.calendar_through(day)
            limit = bookable_limit(changes, self.key, patient, stage, self.planned[day])
            if self.booked[day] < limit:
                return self.day_numbers[day]
            day += 1

    def _first_free_day_any(self, earliest: int) -> int:
        """Walk from `earliest` over full days and weekends, jumping where earlier walks found no free
        place (`self.onward`), then let every day passed point at the day found: a full day (booked to
        its planned load) never frees up, so a booking costs about the same however long the queue is."""
        booked, planned, onward = self.booked, self.planned, self.onward
        day, passed = earliest, []
        while True:
            if day >= len(planned):
                self.calendar_through(day)
            if booked[day] < planned[day]:
                break
            passed.append(day)
            day = onward[day]
        for full in passed:
            onward[full] = day
        return self.day_numbers[day]  # a million appointments would otherwise hold a million ints

    def calendar_through(self, day: int) -> None:
        """Bookings may reach past the simulated days: grow the calendar, a year at a time, to `day`."""
        while day >= len(self.working_days):
            self._extend_calendar()

    def _extend_calendar(self) -> None:
        n = len(self.working_days)
        extra = self.model.working_days_from(n, 365)
        self.working_days = np.concatenate([self.working_days, extra])
        # The slots of days already in the calendar stay as they were (a running total, floored).
        self.capacity += self._slots_per_day(self.working_days)[n:].tolist()
        self.planned += self._slots_per_day(self.working_days, self._planned_per_slot())[n:].tolist()
        self.booked += [0] * 365
        self.onward += range(n + 1, n + 366)
        self.day_numbers += range(n, n + 365)

    def hold_sessions(self, day: int) -> None:
        for patient in self.places.waited_too_long(day, self.model.cfg.clinic.max_first_treatment_wait_days):
            self._end_course(patient, day, ExitReason.REFERRED_ON_NO_ROOM)
        counted = day >= self.model.cfg.warmup_days  # the model keeps the counted window's only
        record, after_outcome = self.model.appointments.append, self.hooks.after_outcome
        came = 0
        for appt in self.book.pop(day, ()):
            patient = appt.patient
            patient.respond(appt)
            if counted:
                record(appt)
            else:
                self.held_in_warmup += 1
            for hook in after_outcome:
                hook(patient, appt)
            if appt.outcome is Outcome.ATTENDED:
                came += 1
                self._after_attended(appt, day)
            else:
                self._after_missed(appt, day)
        self.overtime_today = max(came - self.capacity[day], 0)

    def _after_attended(self, appt: Appointment, day: int) -> None:
        patient, behaviour = appt.patient, self.model.cfg.behaviour
        if appt.stage is Stage.ASSESSMENT:
            patient.assessment_day = day
            if not self._admits(patient):
                self._end_course(patient, day, ExitReason.REFERRED_ON)
                return
            if self.places.has_room():
                self._offer_first_treatment(patient, day, day)
            else:
                self.places.wait(patient, day)
            return
        if appt.stage is Stage.FIRST_TREATMENT:
            patient.first_treatment_day = day
            self.waiting_list -= 1
        patient.attend_session()
        if patient.sessions_attended >= patient.profile.sessions_needed:
            self._end_course(patient, day, ExitReason.COMPLETED)
        else:
            self.book_appointment(patient, Stage.TREATMENT, day, day + behaviour.treatment.interval_days)

    def _offer_first_treatment(self, patient: Patient, assessment: int, today: int) -> None:
        """Give the patient a place and book the first treatment, or refer on if none can be
        booked within the longest wait after the assessment."""
        earliest = max(assessment + max(self._first_treatment_wait(), 1), today + 1)
        first = self.first_free_day(earliest, patient, Stage.FIRST_TREATMENT)
        if referred_on_for_room(self, assessment, first):
            self._end_course(patient, today, ExitReason.REFERRED_ON_NO_ROOM)
            return
        self.places.take(patient)
        self._book_on(patient, Stage.FIRST_TREATMENT, today, first)

    def _admits(self, patient: Patient) -> bool:
        """After the assessment: is the patient admitted, or referred on (seed 004, 3.5)?"""
        return patient.draws[ADMIT] >= self.model.cfg.behaviour.treatment.not_admitted_share

    def _first_treatment_wait(self) -> int:
        """Days the clinic aims to leave between assessment and first treatment."""
        own = self.settings.first_treatment_wait_days
        return planned_days(self.hooks.first_treatment_wait_cap, self.key, own)

    def _after_missed(self, appt: Appointment, day: int) -> None:
        patient = appt.patient
        for discharges in self.hooks.discharges:
            if discharges(patient, appt):
                self._end_course(patient, day, ExitReason.DISCHARGED_NON_ATTENDANCE)
                return
        if lost_after_miss(self, appt):
            self._end_course(patient, day, ExitReason.LOST_AFTER_FIRST_MISS)
        elif patient.quits_after_miss(appt):
            self._end_course(patient, day, ExitReason.DROPPED_OUT)
        else:
            rebook = self.model.cfg.behaviour.treatment.rebook_days
            self.book_appointment(patient, appt.stage, day, day + rebook)

    def _end_course(self, patient: Patient, day: int, reason: ExitReason) -> None:
        if patient.first_treatment_day is None:
            self.waiting_list -= 1
        self.in_care -= 1
        patient.leave(day, reason)
        if self.places.release(patient):
            self._fill_places(day)
        if day < self.model.cfg.warmup_days:
            patient.remove()  # gone before the counted window: in no table, so the model lets go

    def _fill_places(self, day: int) -> None:
        """Offer free places to the patients waiting for one, in turn."""
        while (waiting := self.places.next_waiting()) is not None:
            self._offer_first_treatment(waiting[0], waiting[1], day)
