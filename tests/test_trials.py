"""The Pedersen 2021 trial harness (sim.calibration.trials), the voucher's one level, and dropout
that follows a decision, not a forgotten appointment (issue 19, item 2)."""

import dataclasses
import math

import pandas as pd
import pytest

from conftest import short_config
from sim.calibration.trials import (ARMS, COURSE_SESSIONS, VOUCHERS, arm_overrides,
                                    non_completion, trial_cohort, trial_interval)
from sim.config.compose import load_config
from sim.engine import layout as L
from sim.engine.booking import N_APPOINTMENTS
from sim.engine.day import after_missed
from sim.engine.settings import R
from sim.enums import Reason
from sim.levers.incentive import Incentive
from sim.model import AttendanceModel


def _flat(cfg) -> dict:
    """Every leaf of a config as dotted path -> value (Hydra's own node left out)."""
    def leaves(node, prefix=""):
        for key, value in node.items():
            path = f"{prefix}{key}"
            if isinstance(value, dict):
                yield from leaves(value, path + ".")
            else:
                yield path, value
    data = dataclasses.asdict(cfg)
    data.pop("hydra", None)
    return dict(leaves(data))


def _differences(a, b) -> set[str]:
    fa, fb = _flat(a), _flat(b)
    return {key for key in fa.keys() | fb.keys() if fa.get(key) != fb.get(key)}


def test_the_control_arm_is_the_baseline_but_for_the_trial_design():
    changed = _differences(load_config(["charts=false"]), load_config(arm_overrides([], [])))
    assert changed == {"population.age_group_shares.age_26_50",
                       "population.age_group_shares.age_51_plus",
                       "population.age_group_shares.age_16_25",
                       "behaviour.treatment.course_sessions", "behaviour.treatment.interval_days",
                       "horizon_days"}


def test_the_arms_differ_from_the_control_only_in_their_levers():
    control = load_config(arm_overrides([], []))
    for arm, (levers, _) in ARMS.items():
        changed = _differences(control, load_config(arm_overrides([], levers)))
        assert changed and changed <= {override.split("=")[0] for override in levers}, arm


def test_non_completion_counts_every_end_but_completion_among_those_admitted():
    table = pd.DataFrame({
        "assessment_date": ["2005-02-01", "2005-03-01", "2005-04-01", "2005-05-01",
                            "2005-06-01", "2004-12-31", "2006-01-02", None],
        "exit_reason": ["completed", "dropped_out", "in_care", "discharged_non_attendance",
                        "referred_on", "dropped_out", "dropped_out", "lost_after_first_miss"],
    })
    cohort = trial_cohort(table, "2005-01-01", "2006-01-01")
    # In the window and admitted: completed, dropped out, still in care, discharged.
    assert len(cohort) == 4
    assert non_completion(cohort) == pytest.approx(3 / 4)
    assert math.isnan(non_completion(cohort.iloc[:0]))


def test_the_trial_figures_and_their_interval():
    change, low, high = trial_interval(0.54)  # vouchers: 54% against 75% not completing
    assert change == pytest.approx(-0.28)
    assert low == pytest.approx(-0.41, abs=0.01) and high == pytest.approx(-0.12, abs=0.01)


def test_the_voucher_acts_per_session_at_pfunds_odds_ratio_and_not_on_retention():
    cfg = load_config(["charts=false", *VOUCHERS])
    lever = Incentive(cfg.policy.incentive, cfg)
    pfund_log_odds = 0.47 * math.pi / math.sqrt(3)  # d = 0.47 (Chinn 2000)
    assert lever.pull == pytest.approx(-pfund_log_odds, abs=0.01)
    # its terms: the pull on each session's choice and which sessions pay; no retention term
    terms = lever.array_terms()
    assert terms == {"incentive_pull": lever.pull,
                     "voucher_every_nth": cfg.policy.incentive.every_nth_attended}
    retention = ("quit_after_miss", "fee_shame_quit", "lost_after_missed_assessment",
                 "lost_after_missed_first_treatment", "drop_in_uptake")
    with_vouchers = AttendanceModel(short_config(*VOUCHERS)).state.real
    without = AttendanceModel(short_config()).state.real
    assert all(with_vouchers[R[name]] == without[R[name]] for name in retention)


def _missed(reason: Reason, *overrides: str) -> bool:
    """Whether an unmotivated patient, certain to quit after a miss that was a decision, ends
    their course after missing a treatment session for `reason` (the compiled rule)."""
    model = AttendanceModel(short_config("behaviour.dropout.quit_after_miss=1.0", *overrides))
    state, day = model.state, 10
    i = 0  # any patient: their record is made up here
    site = int(state.patient_int[i, L.P_SITE])
    state.patient_real[i, L.P_MOTIVATION] = 0.0
    a = 0  # the missed appointment, the first row of the book; a rebooking takes the next
    state.counts[N_APPOINTMENTS] = a + 1
    row = state.appointment_int[a]
    row[:] = 0
    row[L.A_PATIENT], row[L.A_SITE], row[L.A_STAGE] = i, site, L.TREATMENT
    row[L.A_BOOKED_DAY], row[L.A_DAY] = day - 14, day
    row[L.A_OUTCOME], row[L.A_REASON] = L.NO_SHOW, L.REASONS.index(reason)
    row[L.A_NEXT] = L.NONE
    after_missed(state.arrays(), site, a, i, day, (0.5,) * 8)
    quits = model.patients[i].exit_reason == L.DROPPED_OUT
    assert quits or state.counts[N_APPOINTMENTS] == a + 2  # if not quitting, booked again
    return quits


def test_a_patient_who_forgot_has_not_decided_to_stop():
    assert _missed(Reason.CHOSE_NOT_TO_COME)
    assert _missed(Reason.LAPSE)
    assert not _missed(Reason.FORGOT)


def test_a_fixed_course_has_the_trials_sessions():
    model = AttendanceModel(short_config(f"behaviour.treatment.course_sessions={COURSE_SESSIONS}"))
    needed = set(model.patients.sessions_needed.tolist())
    assert len(model.patients) > 20 and needed == {COURSE_SESSIONS}
