"""A policy is known by its file name: `scenarios/policy/x.yaml` is policy `x`.

Every policy is composed over the baseline (scenarios/config.yaml), and may combine other policy
files (sim/config/policy_parts.py), so a file that gives no `name` or `display_name` of its own
would silently run, and be reported, as the baseline or as its last part; in a sweep its jobs
would even be dropped as repeats. So a file without its own name gets its file name, one without
its own display name shows its name, and a file naming another policy is refused, as is a
combination whose parts set the same value differently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sim.config.overrides import override_key
from sim.config.policy_parts import combination_problem


class PolicyNameError(ValueError):
    """A policy file's own `name` is not its file name, or the policies it combines disagree."""


def name_policy_after_its_file(plain: dict, hydra: Any) -> None:
    """Fill in `plain["policy"]` name and display_name from the chosen policy file (in place).

    `hydra` is the run's Hydra config (choices, config sources, command-line overrides), or None
    outside Hydra, when there is no file to go by.
    """
    choice = _select(hydra, "runtime", "choices", "policy")
    policy = plain.get("policy")
    if not choice or not isinstance(policy, dict):
        return
    path = policy_file(choice, _file_sources(hydra))
    own = _own_settings(path) if path else {}
    set_on_command_line = _command_line_keys(hydra)
    if path and (problem := combination_problem(choice, _file_sources(hydra))):
        raise PolicyNameError(problem)
    if "name" in own and own["name"] != choice:
        raise PolicyNameError(f"policy file {path} says name: {own['name']}; it must be {choice} "
                              f"(its file name)")
    if "name" not in own and "policy.name" not in set_on_command_line:
        policy["name"] = choice
    if not any(key.startswith("policy.display_name") for key in set_on_command_line):
        policy["display_name"] = _display_names(own.get("display_name"), policy["name"])


def policy_file(choice: str, folders: list[Path]) -> Path | None:
    """The file Hydra reads for `policy=choice`: the first config folder that has it."""
    for folder in folders:
        path = folder / "policy" / f"{choice}.yaml"
        if path.is_file():
            return path
    return None


def _display_names(own: Any, name: str) -> dict[str, str]:
    """The file's own display names, a single text used for every language, or else the name."""
    if isinstance(own, str):
        return {"nb": own, "en": own}
    own = {k: str(v) for k, v in (own or {}).items()} if isinstance(own, dict) else {}
    first = next(iter(own.values()), name)
    return {"nb": own.get("nb", first), "en": own.get("en", first)} | own


def _own_settings(path: Path) -> dict:
    try:
        settings = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError):  # reported by the command-line check before any run
        return {}
    return settings if isinstance(settings, dict) else {}


def _file_sources(hydra: Any) -> list[Path]:
    sources = _select(hydra, "runtime", "config_sources") or []
    return [Path(s["path"]) for s in sources if s.get("schema") == "file" and s.get("path")]


def _command_line_keys(hydra: Any) -> set[str]:
    task = _select(hydra, "overrides", "task") or []
    return {override_key(str(o)) for o in task}


def _select(node: Any, *keys: str) -> Any:
    for key in keys:
        if node is None:
            return None
        try:
            node = node.get(key)
        except (AttributeError, KeyError):
            return None
    return node
