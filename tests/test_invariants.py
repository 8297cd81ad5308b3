"""Invariants: one outcome per appointment, capacity never exceeded, seeds reproduce."""

from collections import Counter

import numpy as np
import pandas.testing as pdt

from conftest import short_config
from sim.enums import Outcome, Reason, Stage
from sim.model import AttendanceModel
from sim.patient import Patient
from sim.simulate import simulate
from sim.streams import KeyedUniforms, PatientDraws, stream_key


def test_every_appointment_has_exactly_one_outcome(short_model, short_results):
    assert short_model.appointments, "the run held no appointments"
    for appt in short_model.appointments:
        assert appt.outcome in set(Outcome)
        assert (appt.outcome is Outcome.ATTENDED) == (appt.reason is Reason.NONE)
    table = short_results.appointments
    assert table.outcome.notna().all()
    assert set(table.outcome) == {"attended", "no_show", "cancelled"}


def test_no_appointment_is_recorded_twice(short_model):
    """Every booking is held and recorded once: the slots booked are the appointments recorded
    plus those still in the book, and no patient is seen twice on one day."""
    recorded = Counter(a.site_key for a in short_model.appointments)
    for key, clinic in short_model.clinics.items():
        still_booked = sum(len(day) for day in clinic.book.values())
        assert sum(clinic.booked) == clinic.held_in_warmup + recorded[key] + still_booked, key
    patient_days = Counter((a.patient.unique_id, a.day) for a in short_model.appointments)
    assert max(patient_days.values()) == 1


def test_the_model_keeps_the_counted_window_and_lets_go_of_who_left_before_it(short_model):
    first = short_model.cfg.warmup_days
    assert min(a.day for a in short_model.appointments) >= first
    assert sum(clinic.held_in_warmup for clinic in short_model.clinics.values()) > 0
    for patient in short_model.agents_by_type[Patient]:
        assert patient.exit_day is None or patient.exit_day >= first
    assert short_model._referred["askim"] > len([p for p in short_model.agents_by_type[Patient]
                                                  if p.site_key == "askim"])


def test_appointment_table_has_no_duplicate_rows(short_results):
    table = short_results.appointments
    assert len(table) > 0
    assert not table.duplicated(["patient_id", "scheduled_for", "stage"]).any()


def test_the_plan_is_exceeded_only_by_assessments_the_law_demands(short_model):
    """Clinics plan up to their slots plus their overbooking buffer; only an assessment that
    must be held within the legal limit is booked above that plan (seed 004 lines 1661-1662)."""
    held = Counter((a.site_key, a.day) for a in short_model.appointments)
    assessments = Counter((a.site_key, a.day) for a in short_model.appointments if a.stage is Stage.ASSESSMENT)
    for (site, day), count in held.items():
        assert count <= short_model.clinics[site].planned[day] + assessments[(site, day)], (site, day)
    for clinic in short_model.clinics.values():
        booked, capacity, planned = np.array(clinic.booked), np.array(clinic.capacity), np.array(clinic.planned)
        assert len(booked) == len(capacity) == len(planned) == len(clinic.working_days)
        assert (planned >= capacity).all()
        # Clinics are closed at weekends: no slots, no appointments.
        assert (capacity[~clinic.working_days] == 0).all()


def test_bookings_take_the_first_free_slot_even_past_the_simulated_days():
    """A clinic far too small for its referrals books months ahead, past the end of the run: every
    booking lands on the first day below its planned load on or after the day asked for (the
    pointer walk checks the same limit it jumps by)."""
    model = AttendanceModel(short_config("clinic.capacity_fte=0.3"))
    clinic = model.clinics["askim"]
    first_free_day, bookings = clinic.first_free_day, []

    def checked(earliest, patient, stage):
        day = first_free_day(earliest, patient, stage)
        assert clinic.booked[day] < clinic.planned[day]
        assert all(clinic.booked[d] >= clinic.planned[d] for d in range(earliest, day))
        bookings.append(day)
        return day

    clinic.first_free_day = checked
    model.run()
    model.release()
    assert len(clinic.capacity) > model.n_days, "the calendar never grew past the simulated days"
    assert max(bookings) >= model.n_days


def test_a_patients_random_numbers_for_one_purpose_do_not_depend_on_the_others():
    """Common random numbers: however many appointments a policy gives a patient, and in whatever
    order their chance events, spells and noise are asked for, each purpose meets the same numbers."""
    shared = KeyedUniforms()
    patient = stream_key(5, 0, "patient", 2, 17)

    def draws_when(order: str) -> tuple:
        draws = PatientDraws(shared, patient, 7)
        ask = {"a": draws.appointment, "s": draws.spell, "n": lambda: draws.daily_normals(20),
               "i": lambda: (draws.intake(draws.TURNED_DOWN), draws.intake(draws.USING_AT_REFERRAL))}
        got = {"a": [], "s": [], "n": [], "i": []}
        for purpose in order:
            got[purpose].append(ask[purpose]())
        return [list(x) for x in got["a"]], got["s"], [list(x) for x in got["n"]], got["i"]

    assert draws_when("aaaaaaaaaassnni") == draws_when("inassanaaaaaaaa")
    other = PatientDraws(shared, stream_key(5, 0, "patient", 2, 18), 7)
    assert list(other.appointment()) != draws_when("a")[0][0]


def test_same_seed_gives_identical_tables():
    first, second = simulate(short_config("seed=11")), simulate(short_config("seed=11"))
    pdt.assert_frame_equal(first.appointments, second.appointments)
    pdt.assert_frame_equal(first.patients, second.patients)
    pdt.assert_frame_equal(first.summary, second.summary)


def test_different_seed_gives_different_tables():
    first, second = simulate(short_config("seed=11")), simulate(short_config("seed=12"))
    assert not first.appointments.equals(second.appointments)
    assert first.summary.no_shows.tolist() != second.summary.no_shows.tolist()


def test_scenarios_with_the_same_seed_see_the_same_patients():
    """Common random numbers: a policy change does not change who is referred, or when."""
    def referred(*overrides):  # no warm-up: the model keeps every patient it referred
        model = AttendanceModel(short_config("seed=5", "warmup_days=0", *overrides)).run()
        patients = [(p.site_key, p.referral_day, p.profile) for p in model.agents if hasattr(p, "profile")]
        model.release()
        return patients

    assert referred() == referred("policy=sms_reminder", "policy.fees.no_show_fee_nok=300")


def test_waiting_list_is_never_negative(short_results):
    assert (short_results.waiting_list.waiting_list >= 0).all()


def test_summary_adds_up(short_results):
    summary = short_results.summary.set_index("clinic")
    sites = summary.drop(index="all")
    for column in ("planned", "attended", "no_shows", "late_cancellations", "appointments_booked"):
        assert sites[column].sum() == summary.loc["all", column]
    assert (summary.planned == summary.attended + summary.no_shows).all()
    assert (summary.real_loss_hours <= summary.technical_loss_hours).all()
