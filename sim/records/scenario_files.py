"""A fitted scenario in a planner's own config folder: `clinic/NAME.yaml` and `fitted/NAME.yaml`.

The clinic file holds every site the records show, each value with where it came from; the
fitted file holds the behavioural values: Østfold 2005's calibrated ones as the starting point
(scenarios/fitted/ostfold_2005.yaml), and the intervals the records give. Run it with
`python3 run.py --config-dir DIR clinic=NAME` (the fitted group follows the clinic).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from sim.config.command_line import SCENARIOS
from sim.files import write_all_or_nothing
from sim.records import RecordsError
from sim.records.derive import Derived

BASE = "ostfold_2005"  # the project's clinic and fitted files the starting values come from
SITE_DEFAULTS = ("first_treatment_wait_days", "travel_minutes_mean", "public_transport_share",
                 "overbooking_share")


def check_name(name: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise RecordsError(f"--name {name}: a scenario name is lower case letters, digits and "
                           "underscores, starting with a letter (e.g. my_trust)")
    if name == BASE:
        raise RecordsError(f"--name {name}: is the project's own clinic; choose another name")
    return name


def base_file(group: str) -> dict:
    return yaml.safe_load((SCENARIOS / group / f"{BASE}.yaml").read_text(encoding="utf-8"))


def _scalar(value) -> str:
    """A value as YAML: strings quoted, None as null, booleans in lower case."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return str(value)


def clinic_text(name: str, derived: Derived, source: str) -> str:
    base = base_file("clinic")
    east = list(base["sites"].values())
    lines = [f"# {name}: derived from the records {source} by `python3 -m sim.records fit` on "
             f"{dt.date.today()}.", "# Each value says where it came from; rerun the command "
             "to derive them again.", f"name: {name}"]
    for key, value in base.items():
        if key in ("name", "sites"):
            continue
        if key in derived.shared:
            value, how = derived.shared[key]
        else:
            how = f"Østfold 2005 value (scenarios/clinic/{BASE}.yaml)"
        lines.append(f"{key}: {_scalar(value)}  # {how}")
    lines.append("sites:")
    for key, site in derived.sites.items():
        lines.append(f"  {key}:")
        for setting in ("display_name", "capacity_fte", "referrals_per_year", *SITE_DEFAULTS,
                        "unexplained_log_odds"):
            if setting in site:
                value, how = site[setting]
            else:
                value = sorted(s[setting] for s in east)[len(east) // 2]
                how = "Østfold 2005 sites' median: the records do not give it"
            lines.append(f"    {setting}: {_scalar(value)}  # {how}")
    return "\n".join(lines) + "\n"


def fitted_text(name: str, derived: Derived, source: str, fitted: dict | None = None,
                how_fitted: tuple[str, ...] = ()) -> str:
    """Østfold 2005's calibrated values, the records' intervals and (`fitted`: dotted setting ->
    value) the values fitted to the records."""
    values = base_file("fitted")
    values["clinic"].pop("sites", None)
    for dotted, value in [*((d, v) for d, (v, _) in derived.behaviour.items()),
                          *(fitted or {}).items()]:
        node = values
        *parents, last = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    header = [
        "# @package _global_",
        f"# {name}: behavioural values for the clinic in clinic/{name}.yaml.",
        f"# Starting values: Østfold 2005's calibrated ones (scenarios/fitted/{BASE}.yaml),",
        f"# {'then fitted to' if fitted else 'not yet fitted to'} the records {source}; from "
        "the records:",
        *(f"#   {dotted} = {value}:\n#     {how}"
          for dotted, (value, how) in derived.behaviour.items()),
        *(f"#   {line}" for line in how_fitted),
    ]
    body = yaml.safe_dump(values, sort_keys=False, allow_unicode=True)
    return "\n".join(header) + "\n" + body


def write_scenario(config_dir: Path, name: str, derived: Derived, source: str) -> list[Path]:
    """Write both files (each all or nothing); return their paths."""
    return [*write_group(config_dir, "clinic", name, clinic_text(name, derived, source)),
            *write_group(config_dir, "fitted", name, fitted_text(name, derived, source))]


def write_group(config_dir: Path, group: str, name: str, text: str) -> list[Path]:
    """`DIR/group/NAME.yaml`, whole or not at all."""
    def write(staging: Path) -> None:
        (staging / f"{name}.yaml").write_text(text, encoding="utf-8")

    return write_all_or_nothing(Path(config_dir) / group, write)
