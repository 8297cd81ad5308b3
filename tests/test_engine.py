"""The compiled engine (issue 20): the same code runs compiled or as plain Python and gives the
same tables; two scenarios meet the same patients; the levers' order does not matter; its tables
have the columns the board report and comparison read; `model.patients` reads like Mesa's agent
set; many runs in one call."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import short_config
from sim.engine import layout as L
from sim.model import AttendanceModel
from sim.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["warmup_days=90", "horizon_days=90", "scale=0.3", "seed=77"]
# Every lever on at once (each at a setting where it acts).
EVERY_LEVER = ["policy=engagement_bundle", "policy.drop_in.slots_per_day=1",
               "policy.continuity.therapists_per_fte=1", "policy.continuity.switch_after_missed=2",
               "policy.reminder.channel=phone", "policy.reminder.reach=0.8",
               "policy.overbooking.share=0.1", "policy.overbooking.by=risk",
               "policy.rapid_intake.held_share=0.1",
               "policy.rapid_intake.referrer_contact_minutes=10",
               "policy.fees.no_show_fee_nok=300", "policy.follow_up.tell_referrer=true",
               "policy.outreach.mode=home", "policy.waiting.max_wait_days=30",
               "policy.caseload.extra_places_share=0.2"]


def _tables_csv(results, sort_columns: bool = False) -> str:
    tables = [getattr(results, name) for name in ("summary", "appointments", "patients",
                                                   "waiting_list")]
    if sort_columns:  # a lever's columns come in the levers' order
        tables = [table[sorted(table.columns)] for table in tables]
    return "".join(table.to_csv(index=False) for table in tables)


def test_plain_python_gives_the_same_tables_as_the_compiled_code():
    settings = [*SMALL, *EVERY_LEVER]
    code = ("import sys\n"
            "from sim.config.compose import load_config\n"
            "from sim.simulate import simulate\n"
            "from test_engine import _tables_csv\n"
            f"sys.stdout.write(_tables_csv(simulate(load_config({settings!r}))))\n")
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    plain = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=600)
    assert plain.returncode == 0, plain.stderr[-3000:]
    compiled = _tables_csv(simulate(short_config(*SMALL, *EVERY_LEVER)))
    assert plain.stdout == compiled
    assert "therapist" in compiled and "drop_in_visit" in compiled  # every lever wrote its notes


def test_two_scenarios_meet_the_same_patients():
    baseline = simulate(short_config(*SMALL))
    reminded = simulate(short_config(*SMALL, "policy=sms_reminder"))
    profile = ["patient_id", "clinic", "age_group", "sex", "travel_minutes", "trust",
               "motivation_baseline", "sessions_needed", "referral_date"]
    both = baseline.patients[profile].merge(reminded.patients[profile], on="patient_id")
    assert len(both) > 0.9 * len(baseline.patients)
    for column in profile[1:]:
        assert (both[f"{column}_x"] == both[f"{column}_y"]).all(), column
    assert not baseline.appointments.equals(reminded.appointments)  # the reminders did act


def test_the_levers_order_does_not_change_the_tables(monkeypatch):
    cfg = short_config(*SMALL, *EVERY_LEVER)
    forward = _tables_csv(simulate(cfg), sort_columns=True)
    import sim.levers.base as lever_base

    reversed_levers = dict(reversed(list(lever_base.LEVERS.items())))
    monkeypatch.setattr(lever_base, "LEVERS", reversed_levers)
    assert _tables_csv(simulate(cfg), sort_columns=True) == forward


# The columns of the tables the agents' engine wrote (before issue 20), which the comparison,
# the board report and users' own scripts read.
APPOINTMENT_COLUMNS = ["patient_id", "clinic", "stage", "booked_on", "scheduled_for", "lead_days",
                       "therapist", "therapist_change", "switch_offer", "alliance",
                       "drop_in_visit", "drop_in_no_room", "follow_up", "follow_up_reached",
                       "referrer_told", "voucher_paid", "held_at", "referrer_contacted",
                       "reminder", "reminders_sent", "outcome", "reason"]
PATIENT_COLUMNS = ["patient_id", "clinic", "age_group", "sex", "employed", "from_inpatient",
                   "treated_before", "travel_minutes", "public_transport", "trust",
                   "motivation_baseline", "sessions_needed", "referral_date", "assessment_date",
                   "first_treatment_date", "sessions_attended", "exit_date", "exit_reason",
                   "no_show_fees_nok"]


def test_the_tables_have_the_columns_they_had():
    results = simulate(short_config(*SMALL, *EVERY_LEVER))
    assert list(results.appointments.columns) == APPOINTMENT_COLUMNS
    assert list(results.patients.columns) == PATIENT_COLUMNS
    assert list(results.waiting_list.columns) == ["date", "clinic", "waiting_list",
                                                  "overtime_consultations"]
    a = results.appointments
    assert a.lead_days.dtype.kind == "i" and a.patient_id.dtype.kind == "i"
    assert a.voucher_paid.dtype == bool and a.alliance.dtype.kind == "f"


def test_the_patients_read_like_mesa_agents():
    model = AttendanceModel(short_config(*SMALL)).run()
    patients = model.patients
    assert len(patients) == model.state.n_patients > 0
    dropped = patients.select(lambda p: p.exit_reason == L.DROPPED_OUT)
    assert 0 < len(dropped) < len(patients)
    assert np.all(dropped.exit_reason == L.DROPPED_OUT)
    assert patients.agg("motivation", np.mean) == pytest.approx(patients.motivation.mean())
    one = patients[0]
    assert one.unique_id == 1 and 0 <= one.motivation <= 1
    assert one.site in range(len(model.clinics))
    with pytest.raises(ValueError):
        patients.motivation[0] = 0.5  # views read; only the day's operations write
    assert len(model.datacollector.get_model_vars_dataframe()) == model.n_days


def test_many_runs_in_one_call_without_hydra():
    from sim.config import ConfigError
    from sim.study.many import simulate_many, with_settings

    base = short_config(*SMALL)
    configs = [with_settings(base, {"replication": r, "behaviour.forgetting.base_probability": p})
               for r in (0, 1) for p in (0.02, 0.3)]
    rows = simulate_many([*configs, configs[0]])
    assert list(rows.replication) == [0, 0, 1, 1, 0] and set(rows.policy) == {"baseline"}
    assert rows.iloc[4].equals(rows.iloc[0])  # the same config, the same figures
    assert rows.no_show_rate[1] > rows.no_show_rate[0] and rows.no_show_rate[3] > rows.no_show_rate[2]
    assert base.behaviour.forgetting.base_probability != 0.3  # the base is left as it was
    with pytest.raises(ConfigError, match="behaviour.forgetting.base_probabilty: no such setting"):
        with_settings(base, {"behaviour.forgetting.base_probabilty": 0.1})
    with pytest.raises(ConfigError, match="base_probability = 2 is out of range: allowed 0 to 1"):
        with_settings(base, {"behaviour.forgetting.base_probability": 2})
