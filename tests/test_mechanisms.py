"""Mechanisms and directions: each lever and cause moves no-show the way the evidence says."""

from conftest import all_sites, no_show_rate, short_config
from sim.engine import layout as L
from sim.engine import settings as S
from sim.engine.attendance import MAX_LEAD_WEEKS, send_reminder, skip_log_odds
from sim.levers.reminders import ReminderParams, reminder_for
from sim.model import AttendanceModel
from sim.simulate import simulate


def test_sms_reminders_lower_no_show():
    assert no_show_rate("policy=sms_reminder") < no_show_rate("policy=baseline") - 0.02


def test_longer_travel_raises_no_show():
    near = no_show_rate(*all_sites("travel_minutes_mean", 10))
    far = no_show_rate(*all_sites("travel_minutes_mean", 120))
    assert far > near + 0.02


def test_longer_lead_times_raise_no_show():
    short = no_show_rate("clinic.assessment_lead_days=7",
                         *all_sites("first_treatment_wait_days", 7))
    long = no_show_rate("clinic.assessment_lead_days=42",
                        *all_sites("first_treatment_wait_days", 90))
    assert long > short + 0.02


def _patient_and_appointment(stage=L.TREATMENT, lead_days=14, *overrides):
    """A built model, its first patient referred to Askim (as drawn, reached by SMS and calls),
    and appointment row 0 booked for that patient on day 0, `lead_days` ahead."""
    model = AttendanceModel(short_config(*overrides))
    askim = model.site_index["askim"]
    patient = int(model.patients.select(lambda p: p.site == askim).rows[0])
    model.state.patient_int[patient, L.P_REMINDER_REACHED] = 1
    return model, patient, _booked(model, patient, stage, lead_days)


def _booked(model, patient, stage, lead_days, row=0):
    """Appointment `row`, booked on day 0 for `patient` at `stage`, `lead_days` ahead."""
    appointment = model.state.appointment_int[row]
    appointment[:] = 0
    appointment[[L.A_PATIENT, L.A_SITE, L.A_STAGE, L.A_DAY]] = (
        patient, model.patients[patient].site, stage, lead_days)
    appointment[[L.A_OUTCOME, L.A_NEXT, L.A_THERAPIST]] = L.NONE
    return row


def test_decision_rule_directions():
    model, patient, appt = _patient_and_appointment()
    state = model.state

    def log_odds(appointment=appt, motivation=0.5, alliance=0.5, lapsing=0):
        state.patient_real[patient, [L.P_MOTIVATION, L.P_ALLIANCE]] = motivation, alliance
        state.patient_int[patient, L.P_LAPSING] = lapsing
        lead_days = state.appointment_int[appointment, L.A_DAY]
        weeks = min(lead_days / 7, MAX_LEAD_WEEKS)
        return skip_log_odds(state.arrays(), appointment, patient, weeks)

    base = log_odds()
    assert log_odds(lapsing=1) > base
    assert log_odds(motivation=0.9) < base
    assert log_odds(alliance=0.9) < base
    assert log_odds(_booked(model, patient, L.TREATMENT, 60, row=1)) > base


def _forgetting_cut(model, patient, appointment) -> float:
    """The relative cut in the chance of forgetting the reminder sent for `appointment` gives."""
    day = int(model.state.appointment_int[appointment, L.A_DAY])
    return send_reminder(model.state.arrays(), appointment, patient, day)


def test_reminders_cut_forgetting_and_letters_work_best_before_assessment():
    model, patient, appt = _patient_and_appointment(L.ASSESSMENT)
    sms_model, same_patient, same_appt = _patient_and_appointment(L.ASSESSMENT, 14,
                                                                  "policy=sms_reminder")
    assert same_patient == patient
    assert _forgetting_cut(model, patient, appt) == 0
    assert 0 < _forgetting_cut(sms_model, same_patient, same_appt) <= 1
    assert sms_model.state.appointment_int[same_appt, L.A_REMINDERS_SENT] == 1
    efficacy = model.cfg.behaviour.reminder_efficacy
    letter = ReminderParams(channel="letter", days_ahead=1, count=1,
                            stages=["assessment", "treatment"])
    before_assessment = reminder_for(letter, efficacy, "assessment", 14)
    before_treatment = reminder_for(letter, efficacy, "treatment", 14)
    assert before_assessment.forgetting_cut > before_treatment.forgetting_cut
    # The engine takes the cuts by stage from the lever.
    letters = AttendanceModel(short_config("policy.reminder.channel=letter")).state.real
    assert letters[S.R_REMINDER_CUT_ASSESSMENT] > letters[S.R_REMINDER_CUT_TREATMENT] > 0


def test_reminders_make_patients_forget_less_often():
    def forgotten_share(policy: str) -> float:
        a = simulate(short_config(f"policy={policy}")).appointments
        return (a.reason == "forgot").mean()

    assert forgotten_share("sms_reminder") < 0.8 * forgotten_share("baseline")


def test_no_reminder_when_booked_too_late_for_it():
    cfg = short_config("policy=sms_reminder")
    sent = reminder_for(cfg.policy.reminder, cfg.behaviour.reminder_efficacy, "treatment", 1)
    assert sent.channel == "none"
    # The day sends none either: booked the day before, for an SMS due the day before.
    model, patient, appt = _patient_and_appointment(L.TREATMENT, 1, "policy=sms_reminder")
    assert _forgetting_cut(model, patient, appt) == 0
    assert model.state.appointment_int[appt, L.A_REMINDERS_SENT] == 0


def test_more_capacity_shortens_the_wait_to_treatment():
    def wait(*overrides):
        summary = simulate(short_config(*overrides)).summary.set_index("clinic")
        return summary.loc["all", "mean_days_referral_to_first_treatment"]

    assert wait("policy=short_wait") < wait("policy=baseline") - 5
