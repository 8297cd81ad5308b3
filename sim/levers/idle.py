"""Settings that do nothing in their context: the lines a lever's `no_effect_notes` gives.

A setting changed from its default does nothing while the setting that switches it on is off (a
therapist switch without therapists, a voucher interval without vouchers): the run is what the
user asked for, but not what they meant, so run.py says so before the run
(sim/config/no_effect.py).
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from enum import Enum
from typing import Any


def idle_settings(key: str, params: Any, names: tuple[str, ...], switch: str) -> list[str]:
    """A line for each of `names` (settings of lever `key`) changed from its default, which does
    nothing while `switch` has the value it has."""
    defaults = {f.name: _default(f) for f in fields(params)}
    return [f"policy.{key}.{name} has no effect while policy.{key}.{switch} = "
            f"{shown(getattr(params, switch))}"
            for name in names if defaults.get(name, MISSING) is not MISSING
            and getattr(params, name) != defaults[name]]


def shown(value: Any) -> str:
    """A value as it is written in the YAML."""
    value = value.value if isinstance(value, Enum) else value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)


def _default(field: Any) -> Any:
    if field.default is not MISSING:
        return field.default if field.default != "???" else MISSING
    return field.default_factory() if field.default_factory is not MISSING else MISSING
