"""Issue 12's levers: each one's direction and its cost, in paired short runs (same seed, same
patients). Every lever is off in the baseline and costs nothing there."""

from functools import lru_cache

import pytest

from conftest import SHORT
from sim.config.compose import load_config
from sim.simulate import simulate

SEEDS = (11, 12)


@lru_cache(maxsize=None)  # the baseline runs once per seed for every test
def _all(policy: str, *overrides: str, seed: int):
    cfg = load_config([*SHORT, f"seed={seed}", f"policy={policy}", *overrides])
    return simulate(cfg).summary.set_index("clinic").loc["all"]


def _pair(policy: str, *overrides: str):
    """(baseline, policy) summary rows of all clinics, summed over a few seeds (`overrides` apply
    to both)."""
    rows = [(_all("baseline", *overrides, seed=s), _all(policy, *overrides, seed=s)) for s in SEEDS]
    return rows


def _mean(rows, which: int, column: str) -> float:
    return sum(float(r[which][column]) for r in rows) / len(rows)


def test_a_follow_up_call_after_a_no_show_keeps_patients_and_costs_staff_hours():
    rows = _pair("follow_up_call")
    base, call = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert call("no_show_rate") < base("no_show_rate")
    assert call("exits_dropped_out") + call("exits_discharged_non_attendance") < \
        base("exits_dropped_out") + base("exits_discharged_non_attendance")
    assert base("follow_up_contacts") == base("follow_up_staff_hours") == 0
    assert call("follow_up_contacts") == pytest.approx(call("no_shows"))  # one call per no-show
    assert call("follow_up_staff_hours") == pytest.approx(call("follow_up_contacts") * 10 / 60, abs=0.1)
    assert call("follow_up_cost_nok") == pytest.approx(call("follow_up_staff_hours") * 700, rel=0.01)


def test_never_discharging_ends_discharges_and_lengthens_the_waiting_list():
    rows = _pair("never_discharge")
    base, never = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert base("exits_discharged_non_attendance") > 0 == never("exits_discharged_non_attendance")
    assert never("mean_waiting_list") > base("mean_waiting_list")  # its cost: places held by absent patients
    assert never("no_show_rate") > base("no_show_rate")


def test_a_voucher_for_every_second_session_raises_attendance_and_costs_its_vouchers():
    rows = _pair("voucher")
    base, paid = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert paid("no_show_rate_treatment") < base("no_show_rate_treatment") - 0.03
    assert base("vouchers_paid") == base("voucher_cost_nok") == 0
    assert 0 < paid("vouchers_paid") <= paid("attended") / 2
    assert paid("voucher_cost_nok") == pytest.approx(paid("vouchers_paid") * 250)


def test_reminders_reach_only_patients_with_a_phone_and_targeting_sends_fewer_calls():
    rows = _pair("sms_reminder")
    rows_reach = _pair("sms_reminder_reach")
    full, part = (lambda c: _mean(rows, 1, c)), (lambda c: _mean(rows_reach, 1, c))
    assert part("reminders_sent") < 0.8 * full("reminders_sent")
    assert full("no_show_rate") < part("no_show_rate") < _mean(rows, 0, "no_show_rate")
    calls, targeted = _pair("phone_reminder"), _pair("targeted_phone_reminder")
    assert _mean(targeted, 1, "reminders_sent") < _mean(calls, 1, "reminders_sent")
    assert _mean(targeted, 1, "no_show_rate") < _mean(targeted, 0, "no_show_rate")
    for rows_ in (calls, targeted):
        assert _mean(rows_, 1, "reminder_staff_hours") == pytest.approx(
            _mean(rows_, 1, "reminders_sent") * 5 / 60, abs=0.1)
        assert _mean(rows_, 0, "reminder_staff_hours") == 0


def test_the_short_wait_shows_the_clinicians_it_adds_and_their_cost():
    row = _all("short_wait", seed=SEEDS[0])
    assert row["added_fte"] == 5.0  # one per site
    assert row["added_fte_cost_nok"] == pytest.approx(5 * 7.5 * 230 * 180 / 365 * 700, rel=1e-6)
    assert _all("baseline", seed=SEEDS[0])["added_fte_cost_nok"] == 0


def test_sessions_away_from_the_clinic_save_travel_and_home_visits_cost_the_staff_travel():
    video, home = _pair("video_sessions"), _pair("home_visits")
    for rows in (video, home):
        assert _mean(rows, 1, "no_show_rate_treatment") < _mean(rows, 0, "no_show_rate_treatment")
        assert _mean(rows, 1, "sessions_away") > 0 == _mean(rows, 0, "sessions_away")
    assert _mean(video, 1, "outreach_staff_travel_hours") == 0
    hours = _mean(home, 1, "outreach_staff_travel_hours")
    assert hours > 0
    assert _mean(home, 1, "outreach_staff_travel_cost_nok") == pytest.approx(hours * 700, rel=0.01)


# Where the clinics' caseloads are full (10 places per FTE, not the baseline's 20; the baseline's
# own count is 11 to 14), as in LaGanga 2011's centre with a waiting list: in the baseline the
# referrals, not the places or slots, bound the intake, and overbooking can only shorten lead times.
# More consultations then need more places: overbooking does not add them (issue 19), the caseload
# setting does. A year's warm-up: the caseloads take longer than half a year to fill.
FULL_CASELOAD = ("clinic.treatment_places_per_fte=10", "warmup_days=365", "horizon_days=365", "charts=false")
MORE_PLACES = "policy.caseload.extra_places_share=0.2"


def test_flat_overbooking_with_more_places_raises_consultations_where_the_caseload_is_full():
    def row(seed, *policy):
        cfg = load_config([*FULL_CASELOAD, f"seed={seed}", *policy])
        return simulate(cfg).summary.set_index("clinic").loc["all"]
    rows = [(row(s, "policy=baseline"), row(s, "policy=overbooking", MORE_PLACES)) for s in SEEDS]
    base, over = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert over("consultations_per_fte_year") > 1.05 * base("consultations_per_fte_year")
    assert over("overtime_hours") > base("overtime_hours") and over("idle_hours_saved") > 0
    assert over("exits_referred_on_no_room") < base("exits_referred_on_no_room")  # more taken in


def test_flat_overbooking_shortens_the_wait_and_costs_overtime():
    rows = _pair("overbooking")
    base, over = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert over("mean_days_referral_to_assessment") < base("mean_days_referral_to_assessment")
    assert over("overtime_hours") > base("overtime_hours") and over("idle_hours_saved") > 0
    # Overtime is the clinics' own cost in every scenario (their own overbooking has some), so the
    # lever's net cost over the baseline's is the overtime it adds, not all of it.
    assert base("overtime_cost_nok") > 0
    assert over("overtime_cost_nok") == pytest.approx(over("overtime_hours") * 700 * 1.5, rel=0.01)
    added = over("overtime_cost_nok") - base("overtime_cost_nok")
    fees = over("visit_fee_revenue_nok") - base("visit_fee_revenue_nok")
    assert over("policy_cost_nok") - base("policy_cost_nok") == pytest.approx(added - fees, abs=len(rows))


def test_rapid_intake_shortens_the_wait_for_assessment_and_leaves_held_slots_unused():
    rows = _pair("rapid_intake")
    base, rapid = (lambda c: _mean(rows, 0, c)), (lambda c: _mean(rows, 1, c))
    assert rapid("mean_days_referral_to_assessment") < base("mean_days_referral_to_assessment") - 5
    # The shorter wait cuts forgetting at the assessment; but half the patients are using at
    # referral (issue 11), and a quicker assessment meets more of them still in that lapse, which
    # outweighs it in the baseline. Without them, the shorter wait lowers the assessment no-show.
    sober = _pair("rapid_intake", "behaviour.craving.using_at_referral_share=0")
    assert _mean(sober, 1, "no_show_rate_assessment") < _mean(sober, 0, "no_show_rate_assessment")
    assert base("held_slots_unused") == 0 < rapid("held_slots_unused")
    assert rapid("held_slots_unused_nok") == pytest.approx(rapid("held_slots_unused") * 700, rel=0.01)
