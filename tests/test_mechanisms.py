"""Mechanisms and directions: each lever and cause moves no-show the way the evidence says."""

from conftest import all_sites, no_show_rate, short_config
from sim.appointment import Appointment
from sim.enums import Stage
from sim.patient import forgetting_probability, skip_log_odds
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
    short = no_show_rate("clinic.assessment_lead_days=7", *all_sites("first_treatment_wait_days", 7))
    long = no_show_rate("clinic.assessment_lead_days=42", *all_sites("first_treatment_wait_days", 90))
    assert long > short + 0.02


def _patient_and_appointment(stage=Stage.TREATMENT, lead_days=14, *overrides):
    model = AttendanceModel(short_config(*overrides))
    patient = model._new_patient("askim")
    return model, patient, _booked(model, patient, stage, lead_days)


def _booked(model, patient, stage, lead_days):
    """An appointment booked on day 0, as the clinic books it (the levers note what they add)."""
    appt = Appointment(patient, "askim", stage, 0, lead_days)
    for hook in model.hooks.on_booked:
        hook(appt)
    return appt


def test_decision_rule_directions():
    model, patient, appt = _patient_and_appointment()
    cfg = model.cfg

    def log_odds(appointment=appt, **changes):
        state = {"motivation": 0.5, "alliance": 0.5, "lapsing": False} | changes
        for key, value in state.items():
            setattr(patient, key, value)
        return skip_log_odds(patient, appointment)

    base = log_odds()
    assert log_odds(lapsing=True) > base
    assert log_odds(motivation=0.9) < base
    assert log_odds(alliance=0.9) < base
    assert log_odds(_booked(model, patient, Stage.TREATMENT, 60)) > base
    model.release()


def test_reminders_cut_forgetting_and_letters_work_best_before_assessment():
    model, patient, appt = _patient_and_appointment(Stage.ASSESSMENT)
    sms_model, same_patient, same_appt = _patient_and_appointment(Stage.ASSESSMENT, 14, "policy=sms_reminder")
    assert forgetting_probability(same_patient, same_appt) < forgetting_probability(patient, appt)
    efficacy = model.cfg.behaviour.reminder_efficacy
    letter = ReminderParams(channel="letter", days_ahead=1, count=1, stages=["assessment", "treatment"])
    before_assessment = reminder_for(letter, efficacy, "assessment", 14)
    before_treatment = reminder_for(letter, efficacy, "treatment", 14)
    assert before_assessment.forgetting_cut > before_treatment.forgetting_cut
    model.release()
    sms_model.release()


def test_no_reminder_when_booked_too_late_for_it():
    cfg = short_config("policy=sms_reminder")
    sent = reminder_for(cfg.policy.reminder, cfg.behaviour.reminder_efficacy, "treatment", 1)
    assert sent.channel == "none"


def test_more_capacity_shortens_the_wait_to_treatment():
    def wait(*overrides):
        summary = simulate(short_config(*overrides)).summary.set_index("clinic")
        return summary.loc["all", "mean_days_referral_to_first_treatment"]

    assert wait("policy=short_wait") < wait("policy=baseline") - 5
