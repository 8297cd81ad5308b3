"""Calibration and validation targets (`scenarios/targets/*.csv`) and the metrics they compare.

Each metric is computed from one run's tidy tables by the key-figure functions of sim/results/
(their one definition), so the same numbers a planner sees are the numbers the model is judged
by. The one exception, the relapse check, is a property of the configured population
(sim/calibration/relapse.py says why).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.calibration import register
from sim.calibration.relapse import relapse_within
from sim.config.command_line import SCENARIOS
from sim.results.kpis import ALL, planned_jan_aug
from sim.results.pathway_counts import dropout_before_completion, share
from sim.simulate import Results

TARGETS = SCENARIOS / "targets" / "ostfold_2005.csv"


def load_targets(path: Path = TARGETS) -> pd.DataFrame:
    targets = pd.read_csv(path)
    targets["low"] = targets.value - targets.tolerance
    targets["high"] = targets.value + targets.tolerance
    return targets


def metrics(results: Results) -> dict[tuple[str, str], float]:
    """Every target metric of one run, keyed by (clinic, metric)."""
    summary = results.summary.set_index("clinic")
    out: dict[tuple[str, str], float] = {}
    for clinic, row in summary.iterrows():
        out[(clinic, "no_show_rate")] = row.no_show_rate
        out[(clinic, "consultations_per_fte_year")] = row.consultations_per_fte_year
        out[(clinic, "real_loss_share_of_work")] = row.real_loss_share_of_work
        out[(clinic, "technical_loss_share_of_planned_time")] = share(
            row.technical_loss_hours, row.planned * results.cfg.clinic.slot_minutes / 60
        )
    for clinic, planned in planned_jan_aug(results.appointments).items():
        out[(clinic, "planned_jan_aug")] = planned
    counted = register.course_figures(results.patients, results.cfg) | register.referral_outcomes(results.patients, results.cfg)
    out |= {(ALL, name): value for name, value in counted.items()}
    out[(ALL, "early_dropout_30_days")] = register.early_dropout(results.patients, results.cfg)
    out[(ALL, "dropout_before_completion")] = dropout_before_completion(results.patients)
    out[(ALL, "relapse_90_days_after_inpatient")] = relapse_within(results.cfg, 90)
    return out
