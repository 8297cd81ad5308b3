"""One line for a value no config file sets (OmegaConf's "missing mandatory value"): which
setting, in which file of its group, and what to do, e.g. a policy file without its
`defaults: [baseline]` line or a planner's own clinic file that leaves out a field."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from sim.config.schema import setting_names

# The file each group's own files start from (its `defaults:` line) and copy.
STARTING_FILE = {"policy": "baseline", "clinic": "ostfold_2005", "population": "ostfold_2005",
                 "behaviour": "default"}


def missing_value(key: str, hydra: Any) -> str:
    """`clinic.name is missing in clinic/my_clinic.yaml: ...` for the setting at `key`."""
    group = key.split(".")[0]
    choices = _get(hydra, "runtime", "choices") or {}
    choice, start = choices.get(group), STARTING_FILE.get(group)
    path = _file(group, choice, hydra) if choice else None
    if path is None or start is None:
        return f"{key} is missing: no config file sets it"
    where = f"{key} is missing in {_shown(path)}"
    parts = key.split(".")
    if group == "clinic" and len(parts) > 3 and parts[1] == "sites":
        return _site_hint(key, parts[2], path, choices)
    if "defaults" in (_settings(path) or {}):
        return f"{where}: set it there, as scenarios/{group}/{start}.yaml does"
    if group == "clinic":  # another trust's clinics: a copy; Østfold's changed: its defaults
        return (f"{where}: copy scenarios/clinic/{start}.yaml as a start, or add 'defaults: "
                f"[{start}]' as its first line to change only what differs (its sites come too)")
    return (f"{where}: add 'defaults: [{start}]' as its first line to start from "
            f"scenarios/{group}/{start}.yaml, or copy that file as a start")


def _site_hint(key: str, site: str, path: Path, choices: dict) -> str:
    """A site the chosen clinic file does not list comes from the fitted values of another
    clinic (a `fitted=` choice that is not the clinic's own): run without them (`~fitted`)."""
    own = ((_settings(path) or {}).get("sites") or {})
    fitted = choices.get("fitted")
    if site not in own and fitted:
        return (f"{key} is missing: {site} is not a site of {_shown(path)} but comes from "
                f"fitted/{fitted}.yaml (values calibrated for {fitted}); "
                f"run your clinic with ~fitted")
    needed = ", ".join(sorted(setting_names(f"clinic.sites.{site}")))
    return (f"{key} is missing in {_shown(path)}: each site sets {needed} "
            f"(see a site in scenarios/clinic/ostfold_2005.yaml)")


def _file(group: str, choice: str, hydra: Any) -> Path | None:
    """The file Hydra read for `group=choice`: the first config folder that has it."""
    sources = _get(hydra, "runtime", "config_sources") or []
    for source in sources:
        if source.get("schema") == "file" and source.get("path"):
            path = Path(source["path"]) / group / f"{choice}.yaml"
            if path.is_file():
                return path
    return None


def _settings(path: Path) -> Any:
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return settings if isinstance(settings, dict) else None


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        try:
            node = node.get(key) if node is not None else None
        except (AttributeError, KeyError):
            return None
    return node
