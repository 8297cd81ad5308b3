"""Checks of what a command line names: the YAML files, the group choices and the settings.

Each gives one line naming the file and line, or the misspelt setting and the nearest known one,
instead of Hydra's tracebacks and several-line messages.
"""

from __future__ import annotations

import argparse
import difflib
import os
from pathlib import Path

import yaml

from sim.config.overrides import is_hydra_key, override_key
from sim.config.schema import field_at, moved, setting_names


def problem(command: argparse.Namespace) -> str | None:
    """The first problem with the files or setting names this command uses, or None."""
    for folder in command.folders[1:]:
        if not folder.is_dir():
            return f"--config-dir {folder}: no such folder"
    from sim.config.command_line import unknown_choice

    groups = group_names(command.folders)
    return (unknown_choice(command.overrides, command.folders)
            or next(filter(None, (setting_problem(arg, groups) for arg in command.overrides)), None))


def group_names(folders: list[Path]) -> set[str]:
    return {p.name for folder in folders for p in folder.iterdir() if p.is_dir()}


def yaml_files(folders: list[Path]) -> list[Path]:
    """The config files Hydra may read: each folder's own and those of its config groups."""
    files = []
    for folder in folders:
        files += sorted(folder.glob("*.yaml"))
        files += sorted(p for group in sorted(folder.iterdir()) if group.is_dir()
                        for p in group.glob("*.yaml"))
    return files


# What reading a config file that is not YAML raises (Hydra reads only the files a run uses).
UNREADABLE = (yaml.YAMLError, UnicodeDecodeError)


def broken_files(folders: list[Path]) -> dict[Path, str]:
    """Each config file that is not readable YAML settings, with `file, line N: what is wrong`."""
    found = {}
    for path in yaml_files(folders):
        if line := file_problem(path):
            found[path] = line
    return found


def file_problem(path: Path) -> str | None:
    """`file, line N: what is wrong` if the config file is not readable YAML settings, or None."""
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        return f"{_shown(path)}{where}: {what}"
    except (OSError, UnicodeDecodeError) as error:
        return f"{_shown(path)}: cannot be read ({getattr(error, 'strerror', None) or error})"
    if settings is not None and not isinstance(settings, dict):
        return f"{_shown(path)}: must hold settings as `key: value` lines"
    return None


def used_broken_file(command: argparse.Namespace, error: Exception | None = None) -> str | None:
    """The line for a config file this run reads that is not readable YAML settings: the file
    whose reading raised `error`, or one chosen on the command line or by the primary config's
    defaults (Hydra's own message for a list or a single value names no file)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    chosen = _chosen(command)
    for path, line in broken_files(command.folders).items():
        if mark is not None and Path(mark.name).resolve() == path.resolve():
            return line
        if (path.parent.name, path.stem) in chosen:
            return line
    return None


def _chosen(command: argparse.Namespace) -> set[tuple[str, str]]:
    """(group, name) of each config file the command line or the primary config's defaults pick."""
    chosen = set()
    for arg in command.overrides:
        key, _, value = arg.partition("=")
        chosen |= {(key.lstrip("+~"), name.strip()) for name in value.split(",")}
    primary = command.folders[0] / f"{command.config_name}.yaml"
    settings = yaml.safe_load(primary.read_text(encoding="utf-8")) if primary.is_file() else None
    for entry in (settings or {}).get("defaults", []) if isinstance(settings, dict) else []:
        if isinstance(entry, dict):
            chosen |= {(str(group), str(name)) for group, name in entry.items()}
    return chosen


def unused_broken_note(folders: list[Path]) -> str | None:
    """A note naming the config files that are not readable and that this run does not read."""
    broken = list(broken_files(folders).values())
    if not broken:
        return None
    more = f" (and {len(broken) - 1} more such files)" if len(broken) > 1 else ""
    return f"note: not used by this run, and not readable: {broken[0]}{more}"


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the current folder where it is inside."""
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def setting_problem(arg: str, groups: set[str]) -> str | None:
    """`key: no such setting; did you mean ...?` for a `key=value` whose key is not in the schema.

    Hydra's own settings (hydra.*, hydra/launcher=...) and config groups are left to Hydra and
    to `unknown_choice`; keys inside a dict (site names) are checked once the config is composed.
    """
    if "=" not in arg or arg.startswith("-"):
        return None
    key = override_key(arg).split("@", 1)[0]
    if is_hydra_key(key) or "/" in key or key in groups:
        return None
    if field_at(key) is not None:
        return None
    if line := moved(key):
        return line
    parts = key.split(".")
    for depth in range(1, len(parts) + 1):
        if field_at(".".join(parts[:depth])) is None:
            break
    if depth == 1 and (full := in_a_group(key)):
        return f"{key}: no such setting; did you mean {full}?"
    known = setting_names(".".join(parts[:depth - 1]))
    if depth == 1:
        known |= groups | {"hydra"}
    if not known:
        return f"{key}: no such setting; {'.'.join(parts[:depth - 1])} is a single value"
    close = difflib.get_close_matches(parts[depth - 1], sorted(known), n=1)
    if close:
        return f"{key}: no such setting; did you mean {'.'.join(parts[:depth - 1] + close + parts[depth:])}?"
    where = "the settings are" if depth == 1 else f"{'.'.join(parts[:depth - 1])} has"
    return f"{key}: no such setting; {where} {', '.join(sorted(known))}"


def replaced_files(folders: list[Path]) -> list[str]:
    """A note for each file of a user's config folder (--config-dir) that replaces the project's
    file of the same name: the user's is the one read (sim/config/precheck.py)."""
    project = folders[0]
    notes = []
    for folder in folders[1:]:
        for path in yaml_files([folder]):
            theirs = project / path.relative_to(folder)
            if theirs.is_file():
                notes.append(f"note: {_shown(path)} replaces the project's {_shown(theirs)}")
    return notes


# The blocks whose settings a planner may name without their block (as a policy file names them)
GROUPS_OF_SETTINGS = ("policy", "behaviour", "clinic", "population")


def in_a_group(key: str) -> str | None:
    """`policy.overbooking.share` for `overbooking.share`: the key in the block(s) that have it,
    e.g. `policy.name or clinic.name or population.name`; None if none has it."""
    found = [f"{group}.{key}" for group in GROUPS_OF_SETTINGS if field_at(f"{group}.{key}")]
    return " or ".join(found) or None
