"""The command line of `python3 -m sim.sensitivity`: its own options as `name=value`, every other
argument a Hydra-style override of the scenario (as on run.py's command line: `scale=0.5`,
`behaviour.forgetting.base_probability=0.15`, `clinic=...`). Bad input is one line."""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass, field, fields
from pathlib import Path

from sim.config import ConfigError

METHODS = ("oat", "morris", "sobol")
DEFAULT_POLICIES = ["sms_reminder", "voucher", "star_bundle"]
EXECUTORS = ("local", "ray")


@dataclass
class Options:
    """What the study runs (README.md, "Sensitivity analysis")."""
    method: list[str] = field(default_factory=lambda: list(METHODS))  # oat, morris, sobol or all
    policies: list[str] = field(default_factory=lambda: list(DEFAULT_POLICIES))
    trajectories: int = 10  # Morris: (parameters + 1) samples each
    samples: int = 64  # Sobol: base samples N, a power of 2; N x (top + 2) samples in all
    replications: int = 1  # runs per sample and option (replications 0, 1, ...: the same for all)
    n_jobs: int = 1  # local worker processes (-1: all cores); with executor=ray, its CPUs
    executor: str = "local"  # local processes, or Ray tasks (sim/sensitivity/on_ray.py)
    address: str | None = None  # executor=ray: the cluster to join (none: start one here)
    out: Path | None = None  # the study folder (default outputs/sensitivity/<date_time>)
    top: int = 8  # how many parameters, as Morris ranks them, Sobol varies
    margin: float = 0.005  # "within margin of best": no-show rate, 0.005 = half a percentage point
    ranges: str | None = None  # scenarios/ranges/<name>.yaml (default: the clinic's name)
    refit: bool = False  # refit the fitted parameters at every sample (sim/sensitivity/refit.py)
    refit_iterations: int = 2  # the refit's optimiser steps at each sample
    refit_replications: int = 2  # the refit's runs per evaluated point
    overrides: list[str] = field(default_factory=list)  # the scenario's, as on run.py

    def study_key(self) -> dict:
        """What must match for a study folder to be resumed."""
        key = {"policies": self.policies, "trajectories": self.trajectories,
               "samples": self.samples, "replications": self.replications, "top": self.top,
               "ranges": self.ranges, "overrides": sorted(self.overrides)}
        if self.refit:  # (a study without refit keeps the key it had before refit existed)
            key["refit"] = {"iterations": self.refit_iterations,
                            "replications": self.refit_replications}
        return key


def parse(args: list[str]) -> Options:
    options, own = Options(), {f.name for f in fields(Options)} - {"overrides"}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or not key:
            raise ConfigError(f"{arg}: write name=value (e.g. method=morris, scale=0.5)")
        if key == "policy":
            raise ConfigError(f"{arg}: name the policies to compare with policies=[a,b]; "
                              "the baseline is always run")
        if key in own:
            setattr(options, key, _value(key, value))
        else:
            options.overrides.append(arg)
    if options.executor == "ray" and importlib.util.find_spec("ray") is None:
        raise ConfigError("executor=ray needs Ray: python3 -m pip install -e '.[ray]'")
    if options.address and options.executor != "ray":
        raise ConfigError(f"address={options.address}: a Ray cluster's address; give it with "
                          "executor=ray")
    options.out = options.out or Path("outputs/sensitivity") / dt.datetime.now().strftime(
        "%Y-%m-%d_%H-%M-%S")
    return options


def _value(key: str, text: str):
    if key in ("method", "policies"):
        items = [item.strip() for item in text.strip("[]").split(",") if item.strip()]
        if key == "method":
            items = list(METHODS) if items == ["all"] else items
            wrong = [item for item in items if item not in METHODS]
            if wrong or not items:
                raise ConfigError(f"method={text}: choose oat, morris, sobol or all (or a list)")
        elif not items or "baseline" in items:
            raise ConfigError(f"policies={text}: name one or more policies other than the "
                              "baseline (it is always run)")
        return items
    if key in ("out", "ranges"):
        return Path(text) if key == "out" else text
    if key == "executor":
        if text not in EXECUTORS:
            raise ConfigError(f"executor={text}: choose local or ray")
        return text
    if key == "address":
        return None if text.lower() in ("", "null", "none") else text
    if key == "refit":
        return _flag(key, text)
    return _number(key, text)


def _number(key: str, text: str):
    kind, low = (float, 0.0) if key == "margin" else (int, 1)
    try:
        value = kind(text)
    except ValueError:
        raise ConfigError(f"{key}={text}: not a number") from None
    if key == "n_jobs" and (value == -1 or value >= 1):
        return value
    if key == "top" and value < 2:
        raise ConfigError(f"top={text}: out of range: allowed 2 to the number of parameters")
    if key == "samples" and (value < 2 or value & (value - 1)):
        raise ConfigError(f"samples={text}: Sobol needs a power of 2 (e.g. 64, 128, 256)")
    if value < low:
        allowed = "-1 or 1 and up" if key == "n_jobs" else f"{low:g} and up"
        raise ConfigError(f"{key}={text}: out of range: allowed {allowed}")
    return value


def _flag(key: str, text: str) -> bool:
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise ConfigError(f"{key}={text}: write true or false")
