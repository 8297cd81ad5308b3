"""Policies combined in one file: `defaults: [sms_reminder, voucher, _self_]` runs every lever
of each.

A policy file holds only its changes against the baseline: `scenarios/config.yaml` composes the
baseline's values first, under every policy (`policy/baseline`), so a policy that names others
in its defaults gets the changes of each, one after another, and its own settings last. Two
parts that set the same value differently would leave the last one's value without a word, so
that is refused, unless the combining file sets the value itself. An older policy file that
starts from the baseline (`defaults: [baseline]`) still runs alone, and as the first part of a
combination; later in a combination it would set the earlier parts' values back, so that is
refused too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, NamedTuple

import yaml

BASELINE = "baseline"  # the policy under every other (scenarios/config.yaml)
SELF = "_self_"  # Hydra's name for the file's own settings in its defaults list
IDENTITY = ("name", "display_name")  # not settings of the model: each file has its own


class Setting(NamedTuple):
    value: Any
    by: str  # the part of the combination that set it
    from_baseline: bool  # brought by a part's `defaults: [baseline]`


def combination_problem(choice: str, folders: list[Path],
                        seen: frozenset[str] = frozenset()) -> str | None:
    """One line when the parts combined in policy file `choice` set a value differently, or
    when a part later in its defaults sets the earlier ones' values back to the baseline."""
    own = _read(choice, folders)
    if own is None or choice == BASELINE or choice in seen:  # circular: Hydra says so
        return None
    parts = _parts(own)
    for part in parts:  # a part that is itself a combination answers for its own parts
        if part != SELF and (problem := combination_problem(part, folders, seen | {choice})):
            return problem
    state: dict[str, Setting] = {}
    problems: dict[str, str] = {}
    for part in parts:
        mine = part == SELF
        settings = _collapsed(choice if mine else part, folders, mine)
        for key, (value, from_baseline) in settings.items():
            before = state.get(key)
            if mine:
                problems.pop(key, None)  # the combining file settles it
            elif (before and not before.from_baseline and before.value != value
                  and before.by != part):
                problems.setdefault(key, _problem(choice, key, before, part, value, from_baseline))
            if not (before and from_baseline and value == before.value):
                state[key] = Setting(value, choice if mine else part, from_baseline)
    return next(iter(problems.values()), None)


def settings_of(name: str, folders: list[Path]) -> dict[str, Any]:
    """What policy file `name` sets, with what the files it combines set (dotted keys under
    `policy.`, its name and display name left out); the baseline's own values where a part
    starts from the baseline are left out too."""
    return {key: value for key, (value, from_baseline) in _collapsed(name, folders).items()
            if not from_baseline}


def _problem(choice: str, key: str, before: Setting, part: str, value: Any,
             from_baseline: bool) -> str:
    first = "itself" if before.by == choice else before.by
    if from_baseline:
        return (f"policy {choice} combines {first} and {part}, and {part} starts from the "
                f"baseline (defaults: [baseline]), which sets policy.{key} back to "
                f"{_shown(value)} ({first} sets {_shown(before.value)}); remove baseline from {part}'s defaults "
                f"(the baseline is under every policy)")
    return (f"policy {choice} combines {first} and {part}, which both set policy.{key} "
            f"({_shown(before.value)} vs {_shown(value)}); set it in {choice} itself")


def _parts(own: dict) -> list[str]:
    """The policy files named in a file's defaults, and `_self_`, in Hydra's order (its own
    settings last unless placed elsewhere)."""
    parts = [_policy_name(entry) for entry in own.get("defaults") or []]
    parts = [p for p in parts if p]
    return parts if SELF in parts else [*parts, SELF]


def _policy_name(entry: Any) -> str | None:
    if not isinstance(entry, str):
        return None  # another group's choice (`- /clinic: x`), not a policy of this combination
    name = entry.strip().removeprefix("/").removeprefix("policy/")
    return None if "/" in name or not name else name


def _collapsed(name: str, folders: list[Path], own_only: bool = False,
               seen: frozenset[str] = frozenset()) -> dict[str, tuple[Any, bool]]:
    """Each setting a policy file leaves (the last of its parts and its own), and whether it came
    from the baseline; with `own_only`, its own settings only."""
    own = _read(name, folders)
    if own is None or name in seen:  # missing or circular: Hydra says so when it composes
        return {}
    if name == BASELINE:
        return {key: (value, True) for key, value in _flat(own)}
    settled: dict[str, tuple[Any, bool]] = {}
    for part in [SELF] if own_only else _parts(own):
        if part == SELF:
            settled.update((key, (value, False)) for key, value in _flat(own))
        else:
            settled.update(_collapsed(part, folders, seen=seen | {name}))
    return settled


def _flat(settings: dict, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in settings.items():
        if not prefix and (key == "defaults" or key in IDENTITY):
            continue
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _read(name: str, folders: list[Path]) -> dict | None:
    for folder in folders:
        path = folder / "policy" / f"{name}.yaml"
        if path.is_file():
            try:
                settings = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):  # said by the command-line check
                return None
            return settings if isinstance(settings, dict) else {}
    return None


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
