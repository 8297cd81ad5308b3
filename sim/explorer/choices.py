"""What a planner can choose: the clinic sets and policies in scenarios/ and in the user's own
config folder, and each (clinic, policy) composed by Hydra once and kept.

The user's folder is laid out as scenarios/ (clinic/, policy/, fitted/, population/) and is the
one `run.py --config-dir DIR` reads: `SIM_CONFIG_DIR=DIR solara run app.py`. A trust fitted from
its own records (`python3 -m sim.records fit ... --config-dir DIR`) is a clinic file there; where
a fitted/ or population/ file of the same name is beside it, it is chosen with the clinic.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from sim.config import RunConfig
from sim.config.command_line import SCENARIOS
from sim.config.compose import load_config

CONFIG_DIR_VARIABLE = "SIM_CONFIG_DIR"  # the user's own config folder (as run.py --config-dir)
DEFAULT_CLINIC = "ostfold_2005"
DEFAULT_POLICY = "sms_reminder"
BASELINE = "baseline"
_compose_lock = threading.Lock()  # Hydra's global state: one composition at a time


@dataclass(frozen=True)
class Choice:
    """One file of a config group: its name (the file's stem) and its names to show."""
    name: str
    nb: str
    en: str
    own: bool  # in the user's folder, not in scenarios/

    def shown(self, language: str) -> str:
        return self.nb if language == "nb" else self.en


def user_folder() -> Path | None:
    """The user's own config folder, from the environment; None when not given."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE, "").strip()
    return Path(folder).expanduser().absolute() if folder else None


def folders(user: Path | None) -> list[Path]:
    """The folders searched, in Hydra's order: the project's scenarios/ first."""
    return [SCENARIOS] + ([user] if user is not None else [])


def clinics(user: Path | None) -> list[Choice]:
    return _group("clinic", user)


def policies(user: Path | None) -> list[Choice]:
    """Every policy file, the baseline first."""
    found = _group("policy", user)
    return sorted(found, key=lambda c: (c.name != BASELINE, c.own, c.name))


def _group(group: str, user: Path | None) -> list[Choice]:
    seen: dict[str, Choice] = {}
    for folder in folders(user):
        for path in sorted((folder / group).glob("*.yaml")):
            if path.stem not in seen:  # the project's file wins, as in Hydra's search path
                seen[path.stem] = _choice(path, own=folder != SCENARIOS)
    return list(seen.values())


def _choice(path: Path, own: bool) -> Choice:
    """A file's names to show: its display_name (one text, or one per language) or its stem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = {}
    shown = data.get("display_name") if isinstance(data, dict) else None
    if isinstance(shown, dict):
        nb, en = shown.get("nb") or path.stem, shown.get("en") or path.stem
    else:
        nb = en = str(shown or path.stem.replace("_", " ").capitalize())
    return Choice(path.stem, str(nb), str(en), own)


def overrides_for(clinic: str, policy: str, user: Path | None) -> list[str]:
    """The command-line overrides of this choice, as `run.py` would be given them."""
    chosen = [f"clinic={clinic}", f"policy={policy}"]
    for group in ("fitted", "population"):  # a trust's own files, named as its clinic file
        if clinic != DEFAULT_CLINIC and any((f / group / f"{clinic}.yaml").is_file()
                                            for f in folders(user)):
            chosen.append(f"{group}={clinic}")
    if user is not None:
        chosen.append(f"hydra.searchpath=[file://{user}]")
    return chosen


@functools.lru_cache(maxsize=64)
def composed(clinic: str, policy: str, user: Path | None) -> RunConfig:
    """The checked config of a clinic set and policy, composed by Hydra once per choice; the
    controls change copies of it (`sim.study.many.with_settings`), never compose again."""
    with _compose_lock:
        return load_config(overrides_for(clinic, policy, user))
