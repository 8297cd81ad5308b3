"""The summary counts each table once for all clinics (sim/results/kpis.py `_tallies`); each
clinic's row must still be what the key-figure definitions give on that clinic's own rows."""

import math

import pandas as pd

from sim.enums import Outcome, Stage
from sim.results.kpis import ALL, exit_column, planned_consultations, summarise
from sim.results.pathway_counts import exits_by_reason, referred_in_window


def _own_rows(results, key):
    return (table[table.clinic == key] for table in (results.appointments, results.patients, results.waiting_list))


def _mean_days(patients: pd.DataFrame, column: str, start) -> float:
    reached = patients[patients[column].notna()]
    reached = reached[pd.to_datetime(reached[column]) >= pd.Timestamp(start)]
    days = (pd.to_datetime(reached[column]) - pd.to_datetime(reached.referral_date)).dt.days
    return round(days.mean(), 1)


def _same(reported, expected) -> bool:
    return (math.isnan(reported) and math.isnan(expected)) or reported == expected


def test_each_clinic_row_counts_that_clinics_own_rows(short_results):
    summary = short_results.summary.set_index("clinic")
    start = pd.Timestamp(short_results.cfg.start_date).date()
    assert len(summary) > 2
    for key, row in summary.drop(index=ALL).iterrows():
        appointments, patients, waiting = _own_rows(short_results, key)
        outcomes = appointments.outcome.value_counts()
        assert row.appointments_booked == len(appointments) > 0
        assert (row.attended, row.no_shows, row.late_cancellations) == tuple(
            outcomes.get(o.value, 0) for o in (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED))
        planned = planned_consultations(appointments)
        for stage in Stage:
            at_stage = planned[planned.stage == stage.value]
            assert _same(row[f"no_show_rate_{stage.value}"], round((at_stage.outcome == Outcome.NO_SHOW.value).mean(), 4))
        for step in ("assessment", "first_treatment"):
            assert _same(row[f"mean_days_referral_to_{step}"], _mean_days(patients, f"{step}_date", start))
        assert row.patients_in_care == len(patients)
        assert row.patients_referred == len(referred_in_window(patients, start))
        assert {reason: row[exit_column(reason)] for reason in exits_by_reason(patients, start)} == exits_by_reason(patients, start)
        assert row.mean_waiting_list == round(waiting.waiting_list.mean(), 1)
        assert row.overtime_consultations == waiting.overtime_consultations.sum()


def test_a_clinic_without_rows_counts_nothing_and_leaves_the_others_alone(short_results):
    r = short_results
    fte = {key: 1.0 for key in r.cfg.clinic.sites}
    gone = next(iter(fte))
    full = summarise(r.appointments, r.patients, r.waiting_list, fte, r.cfg).set_index("clinic")
    without = summarise(*(t[t.clinic != gone] for t in (r.appointments, r.patients, r.waiting_list)), fte, r.cfg)
    without = without.set_index("clinic")
    empty = without.loc[gone]
    assert (empty.appointments_booked, empty.planned, empty.patients_in_care, empty.overtime_consultations) == (0, 0, 0, 0)
    assert math.isnan(empty.no_show_rate) and math.isnan(empty.mean_waiting_list)
    assert math.isnan(empty.mean_days_referral_to_assessment)
    others = [key for key in fte if key != gone]
    pd.testing.assert_frame_equal(without.loc[others], full.loc[others])
    assert without.loc[ALL, "appointments_booked"] == full.loc[ALL, "appointments_booked"] - full.loc[gone, "appointments_booked"]

