"""`refit=true`: at each sample, with the sample's uncertain values set, the fitted parameters are
fitted again to the calibration targets before the baseline and the policies run there.

It is the project's calibration (sim/calibration/calibrate.py `Calibration` and `fit`, the
Østfold 2005 free set of sim/calibration/free.py, the targets of scenarios/targets/) with a small
effort: `iterations` optimiser steps from the fitted values (a warm start: a sample moves them
little), each point `replications` runs. The fit is at the study's own scale and days, so the
targets' volumes (planned consultations) are scaled to what the run counts. Every policy then
gets the same changes of the fitted parameters as the baseline (shifts of the intercept and the
sites' terms, factors on slots and referrals: `Free.apply`), and the refilled share solved for
the real loss, so the policy's effect stays paired.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import warnings
from dataclasses import dataclass

import pandas as pd

from sim.calibration.calibrate import Calibration, fit
from sim.calibration.free import Free, ostfold_2005
from sim.calibration.targets import load_targets
from sim.config import RunConfig

REFILLED = "clinic.missed_time_refilled_share"  # solved exactly for the real loss after the fit
PER_YEAR = ("planned_per_year", "register_referrals_per_year", "register_courses_ended_per_year")


@dataclass(frozen=True)
class Refit:
    """How hard each sample's refit tries (README.md, "Sensitivity analysis")."""
    iterations: int = 2  # optimiser steps from the fitted values
    replications: int = 2  # runs per evaluated point (replications 0, 1, ...)

    def evaluations(self, parameters: int) -> int:
        """At most, per sample: each step costs one point and, once taken, a new slope (one
        point per parameter); the slope at the start is one more."""
        return (parameters + 1) * (self.iterations + 1)

    def runs(self, parameters: int) -> int:
        return self.evaluations(parameters) * self.replications


@dataclass(frozen=True)
class Refitted:
    """One sample's refit: the fitted parameters' changes and what they came to."""
    changes: tuple[float, ...]  # one per free parameter (`ostfold_2005`'s order)
    refilled: float  # the refilled share of missed time, solved for the real loss
    values: dict  # dotted setting -> (held, refitted) in the baseline
    cost: float
    evaluations: int


def free_parameters(base: RunConfig) -> list[Free]:
    return ostfold_2005(base)


def run_targets(cfg: RunConfig) -> pd.DataFrame:
    """The calibration targets as this run can meet them: volumes times the run's scale, and the
    planned consultations of January to August times the share of that period the run counts."""
    targets = load_targets()
    factor = pd.Series(1.0, index=targets.index)
    factor[targets.metric.isin(PER_YEAR)] = cfg.scale
    factor[targets.metric == "planned_jan_aug"] = cfg.scale * jan_aug_counted(cfg)
    targets["value"] *= factor
    targets["tolerance"] *= factor
    # a run that counts none of January to August cannot be held to that period's volume
    return targets[targets.tolerance > 0].drop(columns=["low", "high"])


def jan_aug_counted(cfg: RunConfig) -> float:
    """The share of January to August of the first year counted that the run counts."""
    start = dt.date.fromisoformat(str(cfg.start_date))
    first, last = dt.date(start.year, 1, 1), dt.date(start.year, 9, 1)
    end = start + dt.timedelta(days=cfg.horizon_days)
    counted = (min(end, last) - max(start, first)).days
    return max(counted, 0) / (last - first).days


def refit(base: RunConfig, effort: Refit) -> Refitted:
    """Fit the free parameters of `base` (the sample's values set) to the run's targets."""
    cal = Calibration(base, effort.replications, run_targets(base), n_jobs=1)
    # the fit prints a line per evaluation; a metric a small run cannot give (no planned
    # consultation at a site) is NaN, which the fit takes as no pull, with a warning
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        cfg, _, cost = fit(cal, effort.iterations + 1)  # max_nfev: the start and each step
    changes = tuple(float(x) for x in cal.result.x)
    values = {path: (setting(base, path), setting(cfg, path)) for path in recorded(base)}
    return Refitted(changes, cfg.clinic.missed_time_refilled_share, values, cost,
                    cal.evaluations)


def refitted_config(cfg: RunConfig, refitted: Refitted) -> RunConfig:
    """`cfg` (the baseline or a policy, the sample's values set) with the refit's changes."""
    changed = copy.deepcopy(cfg)
    for parameter, value in zip(free_parameters(cfg), refitted.changes):
        parameter.apply(changed, value)
    changed.clinic.missed_time_refilled_share = refitted.refilled
    return changed


def recorded(base: RunConfig) -> list[str]:
    """The fitted settings a refit moves, one per site where the free parameter is per site."""
    paths = []
    for parameter in free_parameters(base):
        if ".*." in parameter.name:
            paths += [parameter.name.replace("*", key) for key in base.clinic.sites]
        else:
            paths.append(parameter.name)
    return [*paths, REFILLED]


def setting(cfg: RunConfig, dotted: str) -> float:
    node = cfg
    for part in dotted.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return float(node)


def refit_rows(sample: int, refitted: Refitted) -> list[dict]:
    """Tidy: one row a fitted setting, its held and refitted value (and the fit's cost)."""
    return [{"sample": sample, "parameter": path, "held": round(held, 4),
             "refitted": round(new, 4), "change": round(new - held, 4),
             "fit_cost": round(refitted.cost, 4),
             "evaluations": refitted.evaluations}
            for path, (held, new) in refitted.values.items()]
