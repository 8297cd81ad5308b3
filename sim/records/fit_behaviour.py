"""The behavioural parameters fitted to a trust's records, with the project's calibration
(sim/calibration/calibrate.py): the base is the planner's scenario as written into their config
folder, the targets the records' figures (sim/records/targets.py), the free parameters those
records can inform (sim/calibration/free.py `records`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.config import RunConfig


def scenario_config(config_dir: Path, name: str) -> RunConfig:
    """The scenario `clinic=NAME fitted=NAME` composed from the planner's config folder."""
    from sim.config.compose import load_config

    # Hydra reads the path as written (not URL-encoded); quoted, it may hold spaces and æøå
    folder = "file://" + str(Path(config_dir).resolve()).replace("\\", "\\\\").replace("'", "\\'")
    return load_config([f"hydra.searchpath=['{folder}']", f"clinic={name}", f"fitted={name}",
                        "charts=false"])


@dataclass
class BehaviourFit:
    settings: dict[str, float]  # dotted setting -> fitted value
    started: dict[str, float]  # dotted setting -> the value the fit started from
    parameters: pd.DataFrame  # per free parameter: start, fitted, pinned down or not, and why
    targets: pd.DataFrame  # per target: observed, tolerance, simulated at the fitted point
    cost: float
    evaluations: int
    unresolved: list[str]  # combinations of parameters the records cannot tell apart


def fit_behaviour(config_dir: Path, name: str, targets: pd.DataFrame, replications: int,
                  iterations: int) -> BehaviourFit:
    from sim.calibration.calibrate import Calibration, fit, fit_table
    from sim.calibration.free import records
    from sim.calibration.identify import identification, unresolved

    base = scenario_config(config_dir, name)
    cal = Calibration(base, replications, targets, free=records)
    cfg, simulated, cost = fit(cal, iterations)
    names = [p.name for p in cal.free]
    settings = {n: _rounded(n, setting(cfg, n)) for n in names}
    started = {n: setting(base, n) for n in names}
    parameters = identification(names, cal.result.jac, len(cal.fitted))
    parameters.insert(1, "start", [started[n] for n in names])
    parameters.insert(2, "fitted", [settings[n] for n in names])
    return BehaviourFit(settings, started, parameters, fit_table(cal.targets, simulated), cost,
                        cal.evaluations, unresolved(names, cal.result.jac, len(cal.fitted)))


def setting(cfg: RunConfig, dotted: str) -> float:
    node = cfg
    for part in dotted.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return float(node)


def _rounded(name: str, value: float) -> float:
    return round(value, 2 if name.endswith("sessions_needed_mean") else 4)
