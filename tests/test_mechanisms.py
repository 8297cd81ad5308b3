"""Mechanisms and directions: each lever and cause moves no-show the way the evidence says."""

from conftest import all_sites, no_show_rate, short_config
from sim.appointment import Appointment
from sim.enums import Stage
from sim.patient import forgetting_probability, skip_log_odds
from sim.levers.reminders import reminder_for
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


def _patient_and_appointment(stage=Stage.TREATMENT, lead_days=14):
    model = AttendanceModel(short_config())
    patient = model._new_patient("askim")
    return model, patient, Appointment(patient, "askim", stage, 0, lead_days)


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
    assert log_odds(Appointment(patient, "askim", Stage.TREATMENT, 0, 60)) > base
    model.release()


def test_reminders_cut_forgetting_and_letters_work_best_before_assessment():
    model, patient, appt = _patient_and_appointment(Stage.ASSESSMENT)
    cfg = model.cfg
    without = forgetting_probability(patient, appt)
    sms = cfg.policy.reminder
    sms.channel = "sms"
    appt.notes["reminder"] = reminder_for(sms, cfg.behaviour.reminder_efficacy, "assessment", appt.lead_days)
    assert forgetting_probability(patient, appt) < without
    letter = reminder_for(
        type(sms)(channel="letter", days_ahead=1, count=1, stages=["assessment", "treatment"]),
        cfg.behaviour.reminder_efficacy, "assessment", 14,
    )
    letter_later = reminder_for(
        type(sms)(channel="letter", days_ahead=1, count=1, stages=["assessment", "treatment"]),
        cfg.behaviour.reminder_efficacy, "treatment", 14,
    )
    assert letter.forgetting_cut > letter_later.forgetting_cut
    model.release()


def test_no_reminder_when_booked_too_late_for_it():
    cfg = short_config("policy=sms_reminder")
    sent = reminder_for(cfg.policy.reminder, cfg.behaviour.reminder_efficacy, "treatment", 1)
    assert sent.channel == "none"


def test_more_capacity_shortens_the_wait_to_treatment():
    def wait(*overrides):
        summary = simulate(short_config(*overrides)).summary.set_index("clinic")
        return summary.loc["all", "mean_days_referral_to_first_treatment"]

    assert wait("policy=short_wait") < wait("policy=baseline") - 5
