"""Questions about the shape of the configuration (sim/config/__init__.py): is there such a setting, and of
what kind is it. Used to word errors: a misspelt key, or a value of the wrong kind."""

from __future__ import annotations

import functools
import typing
from dataclasses import fields, is_dataclass
from typing import Any

from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import MissingMandatoryValue, OmegaConfBaseException

from sim.config import RunConfig, describe_range
from sim.levers.base import on_change


@functools.cache
def schema_config() -> DictConfig:
    """The schema as an OmegaConf config, built once per process (about 17 ms each time); a
    merge copies it, so it is never changed. The pre-check builds it before it forks."""
    return OmegaConf.structured(RunConfig)


on_change(schema_config.cache_clear)  # a lever registered later changes the policy block


# Settings that have moved: the old dotted key -> where it is now, so that a planner's older YAML
# or command line is told where to set it.
MOVED = {"policy.overbooking.overtime_pay_factor": "clinic.overtime_pay_factor",
         "behaviour.decision.under_30": "behaviour.decision.age_16_25"}  # it only ever meant 16-25


def moved(key: str) -> str | None:
    """One line for a setting that has moved, or None."""
    return f"{key}: moved to {MOVED[key]}; set it there" if key in MOVED else None


def wrong_type(error: OmegaConfBaseException, hydra: Any = None) -> str:
    """One line for a value OmegaConf could not store in its field: the field, value and what fits;
    or for a value no file sets, where (`hydra`, the run's Hydra config, says which files)."""
    key = getattr(error, "full_key", None) or "config"
    if line := moved(key):
        return line
    if isinstance(error, MissingMandatoryValue):
        from sim.config.missing import missing_value

        return missing_value(key, hydra)
    reason = str(getattr(error, "msg", error)).splitlines()[0]
    found = field_at(key)
    kind = _KINDS.get(_plain_type(found[1])) if found else None
    if kind is None or getattr(error, "value", None) is None:
        return f"{key}: {reason}"
    low_high = found[0].metadata.get("range")
    allowed = f": allowed {describe_range(*low_high)}" if low_high else ""
    return f"{key} = {error.value} is not {kind}{allowed}"


_KINDS = {int: "a whole number", float: "a number", bool: "true or false",
          list: "a list such as [a, b]", dict: "a group of settings (key: value)"}


def field_at(path: str) -> tuple[Any, Any] | None:
    """(dataclasses.Field or None, type) of the schema at a dotted path such as
    `clinic.sites.moss.capacity_fte`, or None if there is no such setting. Any key is accepted
    inside a dict field (site names, age groups, languages)."""
    node: Any = RunConfig
    found = None
    for part in path.split("."):
        if is_dataclass(node):
            found = next((f for f in fields(node) if f.name == part), None)
            if found is None:
                return None
            node = typing.get_type_hints(node)[part]
        elif typing.get_origin(node) is dict:
            node = typing.get_args(node)[1]
        else:
            return None
    return found, node


def _plain_type(annotation: Any) -> Any:
    """int for int and Optional[int]; list for list[str]; dict for dict[str, float]."""
    if isinstance(annotation, str):
        return None
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        return _plain_type(args[0])
    return typing.get_origin(annotation) or annotation




def setting_names(path: str) -> set[str]:
    """The names of the settings directly under a dotted path ("" for the top), if it is a group
    of named settings; empty for a single value or a dict whose keys are free (sites)."""
    found = field_at(path) if path else (None, RunConfig)
    node = found[1] if found else None
    return {f.name for f in fields(node)} if is_dataclass(node) else set()


def check_whole_number(path: str, text: str) -> str | None:
    """One line if `text` is not a whole number in the range of the setting at `path`."""
    low, high = field_at(path)[0].metadata["range"]
    if "${" in text:
        return None  # an interpolation: checked once resolved, in the job
    try:
        value = int(text)
    except ValueError:
        return f"{path} = {text} is not a whole number: allowed {describe_range(low, high)}"
    if (low is not None and value < low) or (high is not None and value > high):
        return f"{path} = {text} is out of range: allowed {describe_range(low, high)}"
    return None
