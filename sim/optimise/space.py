"""The search variables: each lever's settings the search may change, with the bounds the
evidence gives (scenarios/search/*.yaml), checked against the levers and the policy schema, and a
candidate built from them as one policy on the baseline composed once."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from sim.config import ConfigError, RunConfig
from sim.levers import LEVERS
from sim.levers.idle import shown
from sim.study.many import with_settings

FEES = "fees"  # searched only when the planner turns fees on


@dataclass(frozen=True)
class Variable:
    lever: str
    setting: str
    choices: tuple | None  # the values tried; or a grid:
    low: float | None
    high: float | None
    step: float | None
    needs: str | None  # tried only when this setting of the lever is not the baseline's
    unit: str
    source: str

    @property
    def name(self) -> str:
        return f"{self.lever}.{self.setting}"

    @property
    def path(self) -> str:
        return f"policy.{self.name}"

    def values(self) -> list:
        """Every value the variable may take (a grid's points)."""
        if self.choices is not None:
            return list(self.choices)
        count = int(round((self.high - self.low) / self.step))
        whole = all(float(v).is_integer() for v in (self.low, self.high, self.step))
        points = [self.low + i * self.step for i in range(count + 1)]
        return [int(p) for p in points] if whole else [round(p, 10) for p in points]


def read_space(levers: dict, fees: bool) -> list[Variable]:
    """The variables of `levers` (lever -> setting -> bounds); an unknown lever or setting, or a
    variable without unit, source or bounds, is one line."""
    out = []
    for lever, settings in levers.items():
        if lever not in LEVERS:
            raise ConfigError(f"levers.{lever}: no such lever (one of {', '.join(LEVERS)})")
        if lever == FEES and not fees:
            continue
        names = {f.name for f in fields(LEVERS[lever].Params)}
        for setting, bounds in (settings or {}).items():
            where = f"levers.{lever}.{setting}"
            if setting not in names:
                raise ConfigError(f"{where}: no such setting of {lever} (one of {', '.join(names)})")
            out.append(_variable(where, lever, setting, bounds or {}))
    if not out:
        raise ConfigError("levers: no search variables")
    return out


def _variable(where: str, lever: str, setting: str, b: dict) -> Variable:
    for key in ("unit", "source"):
        if not b.get(key):
            raise ConfigError(f"{where}: no {key} (every bound says its unit and its source)")
    choices = b.get("choices")
    grid = [b.get(k) for k in ("low", "high", "step")]
    if choices is not None and (not isinstance(choices, list) or not choices):
        raise ConfigError(f"{where}.choices: {choices} is not a list of values")
    if choices is None:
        if not all(isinstance(v, (int, float)) for v in grid) or grid[2] <= 0 or grid[0] > grid[1]:
            raise ConfigError(f"{where}: needs choices, or low <= high and step > 0")
    return Variable(lever, setting, tuple(choices) if choices is not None else None,
                    *(grid if choices is None else (None, None, None)),
                    b.get("needs"), str(b["unit"]), str(b["source"]))


def check_space(variables: list[Variable], base: RunConfig) -> None:
    """Every value of every variable within the policy schema's range (one line if not), and
    each `needs` a variable of the same lever."""
    named = {v.name for v in variables}
    for v in variables:
        if v.needs and f"{v.lever}.{v.needs}" not in named:
            raise ConfigError(f"levers.{v.name}.needs: {v.needs} is not a searched setting of {v.lever}")
        for value in v.values():
            try:
                candidate(base, {v.path: value})
            except (ConfigError, ValueError) as error:
                raise ConfigError(f"levers.{v.name}: {shown(value)} is not allowed ({error})") from None


def baseline_values(variables: list[Variable], base: RunConfig) -> dict[str, Any]:
    """Each variable's value in the baseline (the candidate that changes nothing)."""
    return {v.name: _plain(_current(base, v.path)) for v in variables}


def start_values(variables: list[Variable], cfg: RunConfig, baseline: dict[str, Any]) -> dict | None:
    """A policy's values of the variables (a reference policy as a starting point of the search),
    only the active ones; None when one is not among the variable's values."""
    values = baseline_values(variables, cfg)
    out = {}
    for v in active(variables, values, baseline):
        match = [x for x in v.values() if _same(x, values[v.name])]
        if not match:
            return None
        out[v.name] = match[0]
    return out


def _same(a: Any, b: Any) -> bool:
    numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))
    return abs(a - b) < 1e-9 if numbers else a == b


def candidate(base: RunConfig, settings: dict[str, Any]) -> RunConfig:
    """The baseline with `settings` (dotted paths) changed: a word for a choice becomes the
    schema's own kind (an enum), and every value is checked against its range."""
    typed = {}
    for path, value in settings.items():
        current = _current(base, path)
        typed[path] = type(current)(value) if isinstance(current, Enum) and value is not None else value
    return with_settings(base, typed)


def active(variables: list[Variable], values: dict[str, Any], baseline: dict[str, Any]) -> list[Variable]:
    """The variables that are choices in this candidate: those whose `needs` is switched on."""
    return [v for v in variables
            if not v.needs or values.get(f"{v.lever}.{v.needs}") != baseline[f"{v.lever}.{v.needs}"]]


def settings_of(variables: list[Variable], values: dict[str, Any]) -> dict[str, Any]:
    return {v.path: round(x, 9) if isinstance(x := values[v.name], float) else x
            for v in variables if v.name in values}


def describe(variables: list[Variable], values: dict[str, Any], baseline: dict[str, Any]) -> str:
    """The mix in words: each active setting that differs from the baseline, `lever.setting=value`,
    and the word-valued settings of a lever switched on (how: by video, to whom); "baseline"
    when none does."""
    parts = [f"{v.name}={said(values[v.name])}" for v in active(variables, values, baseline)
             if v.name in values and (values[v.name] != baseline[v.name] or _a_word_of(v))]
    return "; ".join(parts) or "baseline"


def _a_word_of(v: Variable) -> bool:
    """A setting that says how a lever switched on works (a word, e.g. video or home)."""
    return bool(v.needs) and all(isinstance(c, str) for c in v.choices or [0])


def said(value: Any) -> str:
    """A value as written in the YAML; a grid's float without its rounding error (0.15, not
    0.15000000000000002)."""
    return shown(round(value, 9) if isinstance(value, float) else value)


def _current(cfg: RunConfig, path: str) -> Any:
    node = cfg
    for part in path.split("."):
        node = getattr(node, part)
    return node


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
