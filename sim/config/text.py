"""A run's configuration as YAML text: what each run writes as its config.yaml.

The text OmegaConf writes for the checked configuration (`OmegaConf.to_yaml` of
`OmegaConf.structured(cfg)`), made from the dataclasses directly: OmegaConf's conversion takes
0.15 s a run, a sweep's largest cost after the run itself; this takes a fortieth of that
(tests/test_config_text.py checks that every shipped scenario gives the same text both ways).
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

import yaml


def config_text(cfg: Any) -> str:
    """`cfg` (a RunConfig) as YAML: fields in order, enums by name, as OmegaConf writes it."""
    return yaml.safe_dump(plain(cfg), sort_keys=False, allow_unicode=True)


def plain(value: Any) -> Any:
    """Dataclasses as dicts of their fields, enums as their names, tuples as lists."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def results_settings(settings: dict) -> dict:
    """A config's settings (as `plain` gives them, or as a config.yaml reads) that change
    results: all but `report`."""
    return {key: value for key, value in settings.items() if key != "report"}
