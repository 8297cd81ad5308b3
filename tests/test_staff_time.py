"""Clinicians' call time comes out of the bookable slots: phone reminders and follow-up calls take
one slot per `slot_minutes` of calls, held in the clinic's book; admin calls and texts take none."""

import pytest

from conftest import SHORT
from sim.config.compose import load_config
from sim.enums import Stage
from sim.model import AttendanceModel
from sim.results.tables import appointments_table


def _run(policy: str, *overrides: str) -> AttendanceModel:
    return AttendanceModel(load_config([*SHORT, "seed=11", f"policy={policy}", *overrides])).run()


def _calendar_blocks(model) -> int:
    """Places taken in the clinics' books that no patient's appointment holds."""
    appointments = len(model.appointments) + sum(
        clinic.held_in_warmup + sum(len(day) for day in clinic.book.values()) for clinic in model.clinics.values())
    return sum(sum(clinic.booked) for clinic in model.clinics.values()) - appointments


@pytest.mark.parametrize("policy, key, hours_column", [
    ("phone_reminder", "reminder", "reminder_staff_hours"),
    ("follow_up_call", "follow_up", "follow_up_staff_hours"),
])
def test_clinicians_calls_take_bookable_slots_by_the_time_they_take(policy, key, hours_column):
    model = _run(policy)
    lever = next(lever for lever in model.levers if lever.key == key)
    taken = sum(lever.staff_time.slots_taken.values())
    assert taken > 0 and _calendar_blocks(model) == taken  # every slot taken is held in a book
    staff_hours = lever.summary_columns(appointments_table(model), None)[hours_column]
    counted_slots = sum(lever.staff_time.slots_taken_counted.values())
    # The slots taken in the counted window are about the calls' hours (they lag the calls a little).
    assert counted_slots * model.cfg.clinic.slot_minutes / 60 == pytest.approx(staff_hours, rel=0.1)


@pytest.mark.parametrize("policy, overrides", [
    ("baseline", ()), ("sms_reminder", ()), ("phone_reminder", ("policy.reminder.call_staff=admin",)),
    ("follow_up_call", ("policy.follow_up.call_staff=admin",)),
])
def test_texts_and_admin_calls_take_no_slot(policy, overrides):
    assert _calendar_blocks(_run(policy, *overrides)) == 0


def test_a_held_slot_fills_the_first_free_day_like_a_booking_and_then_moves_on():
    model = AttendanceModel(load_config([*SHORT, "seed=11"]))  # baseline: the limit is the planned load
    clinic = next(iter(model.clinics.values()))
    first = clinic.first_free_day(10, None, Stage.TREATMENT)
    room = clinic.planned[first] - clinic.booked[first]
    held = [clinic.hold_slot(10, None, Stage.TREATMENT) for _ in range(room + 1)]
    assert room > 0 and held[:room] == [first] * room and clinic.booked[first] == clinic.planned[first]
    assert held[room] > first and clinic.booked[held[room]] == 1  # a full day is passed over
    assert not clinic.book  # no appointment holds the slots
