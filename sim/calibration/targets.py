"""Calibration and validation targets (`scenarios/targets/*.csv`) and the metrics they compare.

Each metric is computed from one run's tidy tables, so the same numbers a planner sees are the
numbers the model is judged by.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.calibration import register
from sim.config.command_line import SCENARIOS
from sim.config import RunConfig
from sim.population import draw_profile
from sim.simulate import Results
from sim.streams import stream

TARGETS = SCENARIOS / "targets" / "ostfold_2005.csv"
STOPPED = register.STOPPED


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
        out[(clinic, "technical_loss_share_of_planned_time")] = _share(
            row.technical_loss_hours, row.planned * results.cfg.clinic.slot_minutes / 60
        )
    for clinic, planned in _planned_jan_aug(results.appointments).items():
        out[(clinic, "planned_jan_aug")] = planned
    counted = register.course_figures(results.patients, results.cfg) | register.referral_outcomes(results.patients, results.cfg)
    out |= {("all", name): value for name, value in counted.items()}
    out[("all", "early_dropout_30_days")] = register.early_dropout(results.patients, results.cfg)
    out[("all", "dropout_before_completion")] = _dropout_before_completion(results.patients)
    out[("all", "relapse_90_days_after_inpatient")] = relapse_within(results.cfg, 90)
    return out


def _share(numerator: float, denominator: float) -> float:
    return float(numerator) / denominator if denominator else float("nan")


def _planned_jan_aug(appointments: pd.DataFrame) -> dict[str, float]:
    """Planned consultations (attended + no-show) in the first January to August counted."""
    dates = pd.to_datetime(appointments.scheduled_for)
    first_year = dates.dt.year == dates.min().year
    window = appointments[first_year & (dates.dt.month <= 8) & appointments.outcome.isin(["attended", "no_show"])]
    counts = window.groupby("clinic").size()
    return {**counts.astype(float).to_dict(), "all": float(counts.sum())}


def _dropout_before_completion(patients: pd.DataFrame) -> float:
    """Of patients who started treatment and whose course ended, the share who stopped coming."""
    started = patients[patients.first_treatment_date.notna() & (patients.exit_reason != "in_care")]
    return _share(started.exit_reason.isin(STOPPED).sum(), len(started))


_relapse_cache: dict[tuple, float] = {}


def relapse_within(cfg: RunConfig, days: int, n: int = 4000) -> float:
    """Chance that a patient referred from inpatient care starts a lapse within `days`.

    A check of the craving parameters, from patient profiles drawn as the model draws them. It
    depends on nothing a run changes, so it is computed once per parameter set and replication
    (calibration evaluates the same replications many times).
    """
    craving = cfg.behaviour.craving
    key = (cfg.seed, cfg.replication, days, n, cfg.population.from_inpatient_share,
           craving.lapse_onset_per_day, craving.lapse_onset_sd_log, craving.inpatient_onset_multiplier)
    if key not in _relapse_cache:
        site = next(iter(cfg.clinic.sites.values()))
        rates = []
        for i in range(n):
            rng = stream(cfg.seed, cfg.replication, "patient", 999, i)
            profile = draw_profile(rng, cfg.population, site, cfg.behaviour)
            if profile.from_inpatient:
                rates.append(profile.lapse_onset_per_day)
        _relapse_cache[key] = float(np.mean(1 - np.exp(-np.array(rates) * days))) if rates else float("nan")
    return _relapse_cache[key]
