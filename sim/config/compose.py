"""Compose a run's configuration from Python (tests, benchmarks, notebooks), as `run.py` would."""

from __future__ import annotations

from hydra import compose, initialize_config_dir

from sim.config.command_line import SCENARIOS
from sim.config import RunConfig, check_config


def load_config(overrides: list[str] | tuple[str, ...] = ()) -> RunConfig:
    """The checked config for these command-line style overrides (e.g. "policy=sms_reminder")."""
    with initialize_config_dir(config_dir=str(SCENARIOS), version_base=None):
        cfg = compose("config", overrides=list(overrides), return_hydra_config=True)
    return check_config(cfg)  # its Hydra node says which policy file was chosen: the policy's name
