"""Invariants: one outcome per appointment, capacity never exceeded, seeds reproduce."""

import numpy as np
import pandas as pd
import pandas.testing as pdt

from conftest import short_config
from sim.engine import layout as L
from sim.engine import rng
from sim.engine.booking import first_free_day
from sim.engine.motivation import advance_to
from sim.engine.settings import I
from sim.model import AttendanceModel
from sim.results.tables import appointments_table, patients_table
from sim.simulate import simulate

PROFILE = ("site", "number", "referral_day", "age_group", "male", "employed", "from_inpatient",
           "treated_before", "public_transport", "sessions_needed", "travel_minutes", "trust",
           "motivation_baseline", "lapse_onset_per_day", "forgetfulness")


def _booked(model) -> pd.DataFrame:
    """Every appointment booked in the run (warm-up, counted window and after), one row each,
    in the order booked; `row` is its row in the model's arrays."""
    state = model.state
    n = int(state.counts[0])
    table = pd.DataFrame(state.appointment_int[:n], columns=L.APPOINTMENT_INT)
    return table.assign(row=np.arange(n))


def _day_lists(model, s: int) -> list[int]:
    """The appointments in site `s`'s book, day by day, each day's in the order booked."""
    calendar, ai, found = model.state.calendar[s], model.state.appointment_int, []
    for day in np.flatnonzero(calendar[L.D_FIRST] >= 0):
        a = calendar[L.D_FIRST, day]
        while a >= 0:
            assert ai[a, L.A_DAY] == day and ai[a, L.A_SITE] == s, (s, day, a)
            found.append(int(a))
            a = ai[a, L.A_NEXT]
    return found


def test_every_appointment_has_exactly_one_outcome(short_model, short_results):
    booked = _booked(short_model)
    held = booked.day < short_model.n_days
    assert held.any(), "the run held no appointments"
    assert booked.outcome[held].isin([L.ATTENDED, L.NO_SHOW, L.CANCELLED]).all()
    assert (booked.outcome[~held] == L.NONE).all()  # booked past the run: not held, no outcome
    attended = booked.outcome == L.ATTENDED
    assert ((booked.reason == L.NO_REASON) == attended)[held].all()
    table = short_results.appointments
    assert table.outcome.notna().all()
    assert set(table.outcome) == {"attended", "no_show", "cancelled"}


def test_no_appointment_is_recorded_twice(short_model):
    """Every booking is held and recorded once: the slots booked are the appointments recorded
    plus those still in the book, and no patient is seen twice on one day."""
    model, booked = short_model, _booked(short_model)
    recorded = booked.loc[model.state.held()]
    assert len(recorded) == len(appointments_table(model))
    assert not recorded.row.duplicated().any()
    for key, clinic in model.clinics.items():
        s = clinic.index
        still_booked = ((booked.site == s) & (booked.outcome == L.NONE)).sum()
        assert clinic.booked.sum() == (clinic.held_in_warmup + (recorded.site == s).sum()
                                       + still_booked), key
        in_book = _day_lists(model, s)  # each booking in its day's list once
        assert sorted(in_book) == booked.row[booked.site == s].tolist(), key
    seen = booked[booked.outcome != L.NONE]
    assert not seen.duplicated(["patient", "day"]).any()


def test_the_model_keeps_the_counted_window_and_lets_go_of_who_left_before_it(short_model):
    """The model keeps every patient's row; its tables keep the counted window only: no
    appointment held in the warm-up, no patient who left before it."""
    model, first = short_model, short_model.cfg.warmup_days
    appointments, patients = appointments_table(model), patients_table(model)
    assert (appointments.scheduled_for >= pd.Timestamp(model.date_of(first))).all()
    booked = _booked(model)
    in_warmup = ((booked.day < first) & (booked.outcome != L.NONE)).sum()
    held_in_warmup = sum(clinic.held_in_warmup for clinic in model.clinics.values())
    assert held_in_warmup == in_warmup > 0
    stayed = model.patients.select(lambda p: (p.exit_day == L.NONE) | (p.exit_day >= first))
    assert sorted(patients.patient_id) == (stayed.rows + 1).tolist()
    askim = model.site_index["askim"]
    referred = model.patients.select(lambda p: p.site == askim)
    assert len(referred) > (patients.clinic == "askim").sum()


def test_appointment_table_has_no_duplicate_rows(short_results):
    table = short_results.appointments
    assert len(table) > 0
    assert not table.duplicated(["patient_id", "scheduled_for", "stage"]).any()


def test_the_plan_is_exceeded_only_by_assessments_the_law_demands(short_model):
    """Clinics plan up to their slots plus their overbooking buffer; only an assessment that
    must be held within the legal limit is booked above that plan (seed 004 lines 1661-1662)."""
    booked, working = _booked(short_model), short_model.state.working
    for key, clinic in short_model.clinics.items():
        at = booked[booked.site == clinic.index]
        days = len(clinic.planned)
        per_day = np.bincount(at.day, minlength=days)
        assessments = np.bincount(at.day[at.stage == L.ASSESSMENT], minlength=days)
        assert (per_day <= clinic.planned + assessments).all(), key
        booked_days, capacity, planned = clinic.booked, clinic.capacity, clinic.planned
        assert len(booked_days) == len(capacity) == len(planned) == len(working)
        assert (planned >= capacity).all()
        # Clinics are closed at weekends: no slots, no appointments.
        assert (capacity[~working] == 0).all() and (per_day[~working] == 0).all()


def _first_free_days_agree(model, s: int, probe) -> None:
    """The compiled walk (over its pointers) finds the same day as a plain search: the first day
    from `earliest` with fewer bookings than planned."""
    calendar = model.state.calendar[s]
    for earliest in probe.permutation(np.arange(0, calendar.shape[1], 97)):
        free = np.flatnonzero(calendar[L.D_BOOKED, earliest:] < calendar[L.D_PLANNED, earliest:])
        if len(free):  # a search with no day left would end the run
            found = first_free_day(model.state.arrays(), s, int(earliest), 0, L.TREATMENT)
            assert found == earliest + free[0], earliest


def _asked_for(booked: pd.DataFrame, cfg) -> pd.DataFrame:
    """Bookings made on the day of the patient's previous appointment, after it: the next
    session after one attended, or the same step again after a miss, with the day asked for."""
    booked = booked.sort_values(["patient", "row"])
    before = booked.groupby("patient").shift(1)
    attended = (before.outcome == L.ATTENDED) & (before.stage != L.ASSESSMENT)
    missed = before.outcome.isin([L.NO_SHOW, L.CANCELLED]) & (before.stage == booked.stage)
    next_step = (before.day == booked.booked_day) & (attended | missed)
    gap = np.where(attended, cfg.behaviour.treatment.interval_days,
                   cfg.behaviour.treatment.rebook_days)
    earliest = booked.booked_day + np.maximum(gap, 1)
    return booked.assign(earliest=earliest)[next_step]


def test_bookings_take_the_first_free_slot_even_past_the_simulated_days():
    """A clinic far too small for its referrals books months ahead, past the end of the run: every
    booking lands on the first day below its planned load on or after the day asked for (the
    pointer walk checks the same limit it jumps by)."""
    model = AttendanceModel(short_config("clinic.capacity_fte=0.3"))
    assert not model.state.ints[I["bookable_changes"]]  # baseline: the walk jumps by pointers
    s, probe = model.site_index["askim"], np.random.default_rng(0)
    while model.day < model.n_days:
        model.step()
        if model.day % 60 == 0:
            _first_free_days_agree(model, s, probe)
    calendar = model.state.calendar[s]
    full = calendar[L.D_BOOKED] >= calendar[L.D_PLANNED]  # a full day never frees up
    days_not_full = np.concatenate([[0], np.cumsum(~full)])
    booked = _booked(model)
    asked = _asked_for(booked[booked.site == s], model.cfg)
    assert len(asked) > 100
    assert (asked.day >= asked.earliest).all()
    skipped_free = days_not_full[asked.day] - days_not_full[asked.earliest]
    assert (skipped_free == 0).all(), "a booking passed over a day with room"
    assert calendar.shape[1] > model.n_days, "the calendar ends with the simulated days"
    assert booked.day[booked.site == s].max() >= model.n_days


def test_a_patients_random_numbers_for_one_purpose_do_not_depend_on_the_others():
    """Common random numbers: however many appointments a policy gives a patient, and in whatever
    order their chance events, spells and noise are asked for, each purpose meets the same
    numbers."""
    key = rng.run_key(5, 0)

    def draws_when(order: str) -> dict:
        got, asked = {purpose: [] for purpose in "csni"}, dict.fromkeys("csni", 0)
        purposes = {"c": rng.CHANCE, "s": rng.SPELLS, "n": rng.NOISE, "i": rng.INTAKE}
        for purpose in order:
            got[purpose].append(rng.uniform_pair(key, 2, 17, purposes[purpose], asked[purpose]))
            asked[purpose] += 1
        return got

    one = draws_when("ccccccccccssnni")
    assert one == draws_when("incsscnccccccccc"[:-1])  # the same asks, in another order
    assert one["c"] == draws_when("ccccccccccccc")["c"][:10]  # more chance events: the same first
    assert rng.uniform_pair(key, 2, 18, rng.CHANCE, 0) != one["c"][0]  # another patient
    assert rng.uniform_pair(key, 2, 17, rng.SPELLS, 0) != one["c"][0]  # another purpose

    # In the model: a patient's lapses and mood on a day are the same whether read once or on
    # many days between, and whatever chance events were drawn before.
    def state_on_day_90(read_on: list[int], chances_drawn: int) -> tuple:
        model = AttendanceModel(short_config("seed=5"))
        i = int(model.patients.select(lambda p: p.referral_day == 0).rows[0])
        model.state.patient_int[i, L.P_CHANCES_DRAWN] = chances_drawn
        for day in [*read_on, 90]:
            advance_to(model.state.arrays(), i, day)
        patient = model.patients[i]
        return (patient.lapsing, patient.spell_end, patient.spells_drawn, patient.noise,
                round(patient.motivation, 12))

    assert state_on_day_90([], 0) == state_on_day_90([3, 7, 20, 41, 60, 61, 89], 9)


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
    def referred(*overrides):
        model = AttendanceModel(short_config("seed=5", "warmup_days=0", *overrides)).run()
        return {name: getattr(model.patients, name) for name in PROFILE}

    baseline, policy = referred(), referred("policy=sms_reminder",
                                            "policy.fees.no_show_fee_nok=300")
    assert len(baseline["site"]) > 0
    for name in PROFILE:
        assert np.array_equal(baseline[name], policy[name]), name


def test_waiting_list_is_never_negative(short_results):
    assert (short_results.waiting_list.waiting_list >= 0).all()


def test_summary_adds_up(short_results):
    summary = short_results.summary.set_index("clinic")
    sites = summary.drop(index="all")
    for column in ("planned", "attended", "no_shows", "late_cancellations", "appointments_booked"):
        assert sites[column].sum() == summary.loc["all", column]
    assert (summary.planned == summary.attended + summary.no_shows).all()
    assert (summary.real_loss_hours <= summary.technical_loss_hours).all()
