"""The plausible range of every uncertain parameter (scenarios/ranges/<name>.yaml), checked
against the composed configuration: each range holds the parameter's value, low <= high, and
both lie within the field's allowed range (a share 0..1). Any problem is one line (ConfigError)
naming the parameter and what is allowed."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

import yaml

from sim.config import ConfigError, RunConfig, describe_range
from sim.config.command_line import SCENARIOS

FOLDER = SCENARIOS / "ranges"
KEYS = {"low", "high", "source", "why"}


@dataclass(frozen=True)
class Uncertain:
    """One uncertain parameter: its dotted path, value in the scenario and plausible range."""
    path: str
    value: float
    low: float
    high: float
    source: str
    why: str
    integer: bool  # an int field (days): samples are rounded

    def at(self, share: float) -> float:
        """The value `share` of the way from low to high (rounded for an int field)."""
        value = self.low + share * (self.high - self.low)
        return int(round(value)) if self.integer else float(value)

    def fitted(self, value: float) -> float | int:
        return int(round(value)) if self.integer else float(value)


def ranges_file(name: str) -> Path:
    """scenarios/ranges/<name>.yaml, or `name` itself when it is a path to a YAML file."""
    path = Path(name) if name.endswith((".yaml", ".yml")) else FOLDER / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in FOLDER.glob("*.yaml")))
        raise ConfigError(f"ranges={name}: no such file; choose one of {known} (in {FOLDER}) "
                          "or give a path to a .yaml file")
    return path


def load_ranges(path: Path, cfg: RunConfig) -> list[Uncertain]:
    """The ranges in `path`, each checked against `cfg` (ConfigError: one line)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML ({str(error).splitlines()[0]})") from None
    entries = data.get("ranges") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise ConfigError(f"{path}: needs a 'ranges:' block of 'path: {{low, high, source, why}}'")
    held = fitted_paths(cfg.clinic.name)
    for key in entries:
        if key in held:
            raise ConfigError(f"{path.name}: {key}: is fitted (scenarios/fitted/"
                              f"{cfg.clinic.name}.yaml) and held at its fitted value; "
                              "remove its range")
    return [checked(path.name, key, entry, cfg) for key, entry in entries.items()]


def fitted_paths(clinic: str) -> set[str]:
    """The dotted paths the calibration fits (scenarios/fitted/<clinic>.yaml), if any."""
    path = SCENARIOS / "fitted" / f"{clinic}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    found, stack = set(), [("", data or {})]
    while stack:
        prefix, node = stack.pop()
        for key, value in node.items():
            if isinstance(value, dict):
                stack.append((f"{prefix}{key}.", value))
            else:
                found.add(f"{prefix}{key}")
    return found


def checked(file: str, key: str, entry, cfg: RunConfig) -> Uncertain:
    """One range, checked; ConfigError names the file, the parameter and what is allowed."""
    where = f"{file}: {key}"
    if not isinstance(entry, dict) or set(entry) - KEYS or not {"low", "high"} <= set(entry):
        raise ConfigError(f"{where}: write {{low: ..., high: ..., source: ..., why: ...}}")
    value, (lowest, highest), integer = field_of(cfg, key, where)
    low, high = entry["low"], entry["high"]
    for name, bound in (("low", low), ("high", high)):
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise ConfigError(f"{where}: {name} = {bound} is not a number")
        if (lowest is not None and bound < lowest) or (highest is not None and bound > highest):
            raise ConfigError(f"{where}: {name} = {bound} is out of range: allowed "
                              f"{describe_range(lowest, highest)}")
    if low > high:
        raise ConfigError(f"{where}: low = {low} is above high = {high}")
    if not low <= value <= high:
        raise ConfigError(f"{where}: the range {low} to {high} does not hold the value {value}")
    if not str(entry.get("source") or "").strip() or not str(entry.get("why") or "").strip():
        raise ConfigError(f"{where}: give the range's source ('assumption' if ours) and why")
    return Uncertain(key, value, float(low), float(high), str(entry["source"]),
                     str(entry["why"]), integer)


def field_of(cfg: RunConfig, key: str, where: str):
    """(value, allowed range, is an int) of the numeric setting at dotted `key`."""
    node, meta, kind = cfg, None, None
    for part in key.split("."):
        if isinstance(node, dict) and part in node:
            node, meta, kind = node[part], None, None
        elif is_dataclass(node) and part in {f.name for f in fields(node)}:
            spec = next(f for f in fields(node) if f.name == part)
            meta, kind = spec.metadata.get("range"), spec.type
            node = getattr(node, part)
        else:
            raise ConfigError(f"{where}: no such parameter")
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        raise ConfigError(f"{where}: not a number in the scenario ({node!r}); "
                          "only numbers have ranges")
    return node, meta or (None, None), _is_int(kind)


def _is_int(kind) -> bool:
    return kind is int or kind == "int" or (typing.get_origin(kind) is None and str(kind) == "int")
