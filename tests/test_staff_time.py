"""Clinicians' call time comes out of the bookable slots: phone reminders and follow-up calls
take one slot per `slot_minutes` of calls, held in the clinic's book; admin calls and texts take
none."""

import pytest

from conftest import SHORT
from sim.config.compose import load_config
from sim.engine import layout as L
from sim.engine.booking import FOLLOW_UP_STAFF, REMINDER_STAFF, first_free_day, spend_staff_time
from sim.model import AttendanceModel
from sim.results.tables import appointments_table

SLOTS_TAKEN, SLOTS_TAKEN_COUNTED = 1, 2  # columns of `state.staff[caller, site]`


def _run(policy: str, *overrides: str) -> AttendanceModel:
    return AttendanceModel(load_config([*SHORT, "seed=11", f"policy={policy}", *overrides])).run()


def _calendar_blocks(model) -> int:
    """Places taken in the clinics' books that no patient's appointment holds."""
    state = model.state
    return int(state.calendar[:, L.D_BOOKED].sum() - state.counts[0])


@pytest.mark.parametrize("policy, key, caller, hours_column", [
    ("phone_reminder", "reminder", REMINDER_STAFF, "reminder_staff_hours"),
    ("follow_up_call", "follow_up", FOLLOW_UP_STAFF, "follow_up_staff_hours"),
])
def test_clinicians_calls_take_bookable_slots_by_the_time_they_take(policy, key, caller,
                                                                     hours_column):
    model = _run(policy)
    lever = next(lever for lever in model.levers if lever.key == key)
    staff = model.state.staff
    taken = int(staff[caller, :, SLOTS_TAKEN].sum())
    assert taken > 0 and _calendar_blocks(model) == taken  # every slot taken is held in a book
    assert staff[1 - caller, :, SLOTS_TAKEN].sum() == 0  # the other lever made no calls
    staff_hours = lever.summary_columns(appointments_table(model), None)[hours_column]
    counted_slots = staff[caller, :, SLOTS_TAKEN_COUNTED].sum()
    # The slots taken in the counted window are about the calls' hours (they lag the calls a
    # little).
    slot_hours = model.cfg.clinic.slot_minutes / 60
    assert counted_slots * slot_hours == pytest.approx(staff_hours, rel=0.1)


@pytest.mark.parametrize("policy, overrides", [
    ("baseline", ()), ("sms_reminder", ()),
    ("phone_reminder", ("policy.reminder.call_staff=admin",)),
    ("follow_up_call", ("policy.follow_up.call_staff=admin",)),
])
def test_texts_and_admin_calls_take_no_slot(policy, overrides):
    model = _run(policy, *overrides)
    assert _calendar_blocks(model) == 0
    assert model.state.staff[:, :, SLOTS_TAKEN].sum() == 0


def test_a_held_slot_fills_the_first_free_day_like_a_booking_and_then_moves_on():
    # baseline: the limit is the planned load
    model = AttendanceModel(load_config([*SHORT, "seed=11"]))
    state, clinic = model.state, next(iter(model.clinics.values()))
    s, arrays, slot_minutes = clinic.index, state.arrays(), model.cfg.clinic.slot_minutes
    first = first_free_day(arrays, s, 11, 0, L.TREATMENT)
    room = int(clinic.planned[first] - clinic.booked[first])

    def hold_a_slot() -> int:
        """A slot's worth of call minutes today (day 10): the day the slot is held on."""
        before = clinic.booked.copy()
        spend_staff_time(arrays, REMINDER_STAFF, s, 0, 10, float(slot_minutes))
        (day,) = (clinic.booked != before).nonzero()[0]
        return int(day)

    held = [hold_a_slot() for _ in range(room + 1)]
    assert room > 0 and held[:room] == [first] * room
    assert clinic.booked[first] == clinic.planned[first]
    assert held[room] > first and clinic.booked[held[room]] == 1  # a full day is passed over
    assert state.staff[REMINDER_STAFF, s, SLOTS_TAKEN] == room + 1
    assert state.counts[0] == 0  # no appointment holds the slots
