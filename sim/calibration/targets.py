"""Calibration and validation targets (`scenarios/targets/*.csv`) and the metrics they compare.

Each metric is computed from one run's tidy tables by the key-figure functions of sim/results/
(their one definition), so the same numbers a planner sees are the numbers the model is judged
by. Each target says what kind it is (`KINDS`): only independent rows, where no parameter was
chosen to pass them, count as evidence.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.calibration import register
from sim.config.command_line import SCENARIOS
from sim.enums import Outcome, Stage
from sim.results.costs import YEAR_DAYS
from sim.results.kpis import ALL, planned_consultations, planned_jan_aug
from sim.simulate import Results

TARGETS = SCENARIOS / "targets" / "ostfold_2005.csv"
# What a row is: the calibration fits "fitted" rows and solves "solved" ones exactly (they hold
# by construction, so the validation does not show them as checks); a "set_by_hand" row had a
# parameter set to pass it; an "independent" row had none.
KINDS = ("fitted", "solved", "set_by_hand", "independent")
YOUNG = "age_16_25"


def load_targets(path: Path | pd.DataFrame = TARGETS) -> pd.DataFrame:
    """A targets table, from a file like `scenarios/targets/ostfold_2005.csv` or a frame with its
    columns (target, clinic, metric, value, tolerance, kind, source), e.g. built from records."""
    targets = path.copy() if isinstance(path, pd.DataFrame) else pd.read_csv(path)
    unknown = sorted(set(targets.kind) - set(KINDS))
    if unknown:
        raise ValueError(f"{getattr(path, 'name', 'targets')}: kind {unknown[0]!r} is not one "
                         f"of {', '.join(KINDS)}")
    targets["low"] = targets.value - targets.tolerance
    targets["high"] = targets.value + targets.tolerance
    return targets


def metrics(results: Results) -> dict[tuple[str, str], float]:
    """Every target metric of one run, keyed by (clinic, metric): a targets table picks the ones
    it names. `planned_jan_aug` counts the 2005 record's period; `planned_per_year` any span."""
    summary = results.summary.set_index("clinic")
    out: dict[tuple[str, str], float] = {}
    years = results.cfg.horizon_days / YEAR_DAYS
    for clinic, row in summary.iterrows():
        out[(clinic, "no_show_rate")] = row.no_show_rate
        for stage in Stage:  # no-show by stage, where targets give it (a trust's records)
            out[(clinic, f"no_show_rate_{stage.value}")] = row[f"no_show_rate_{stage.value}"]
        out[(clinic, "planned_per_year")] = row.planned / years
        out[(clinic, "consultations_per_fte_year")] = row.consultations_per_fte_year
        out[(clinic, "real_loss_share_of_work")] = row.real_loss_share_of_work
    for clinic, planned in planned_jan_aug(results.appointments).items():
        out[(clinic, "planned_jan_aug")] = planned
    counted = register.course_figures(results.patients, results.cfg) | register.referral_outcomes(results.patients, results.cfg)
    out |= {(ALL, name): value for name, value in counted.items()}
    out[(ALL, "early_dropout_30_days")] = register.early_dropout(results.patients, results.cfg)
    out[(ALL, "no_show_rate_16_25")] = no_show_rate_of_age(results, YOUNG)
    return out


def no_show_rate_of_age(results: Results, age_group: str) -> float:
    """The no-show share of the planned consultations of patients in `age_group`."""
    young = results.patients.patient_id[results.patients.age_group == age_group]
    planned = planned_consultations(results.appointments)
    planned = planned[planned.patient_id.isin(young)]
    return float((planned.outcome == Outcome.NO_SHOW.value).mean()) if len(planned) else float("nan")
