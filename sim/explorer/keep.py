"""Keep the explorer's settings: a policy file in the user's own config folder, which
`python3 run.py --config-dir DIR policy=NAME` runs (and sweeps: `-m ... policy=NAME,baseline`).

The file holds what differs from the baseline, as every policy file does (scenarios/config.yaml
composes the baseline under each policy). It is never written into the project's scenarios/, and
never over a file the explorer did not write.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from enum import Enum
from pathlib import Path
from typing import Any

from sim.config import RunConfig
from sim.config.command_line import SCENARIOS
from sim.explorer.choices import overrides_for
from sim.explorer.levers import CONTROLS
from sim.files import OutputError, write_all_or_nothing

MARK = "# Written by the clinic-attendance explorer"  # the first line of a file it wrote
NAME = re.compile(r"[a-z][a-z0-9_]{0,59}")
IDENTITY = ("name", "display_name")
# A setting's words and unit in the file's comment (a share: 0 to 1)
LABELS = {c.key: c.en + (" (share, 0 to 1)" if c.kind == "share" else "")
          for group in CONTROLS.values() for c in group}


class KeepError(ValueError):
    """Why the settings cannot be kept there: one line."""


def changes(policy: RunConfig, baseline: RunConfig) -> dict[str, dict[str, Any]]:
    """Each lever block's settings that differ from the baseline's (YAML words for enums)."""
    mine, base = _plain(policy.policy), _plain(baseline.policy)
    return {block: changed for block, values in mine.items() if block not in IDENTITY
            and (changed := {k: v for k, v in values.items() if base[block].get(k) != v})}


def policy_text(name: str, display: dict[str, str], policy: RunConfig, baseline: RunConfig,
                command: str) -> str:
    """The policy file: its name, display names and the changes, each value with a comment."""
    lines = [f"{MARK} from policy {policy.policy.name}, seed {policy.seed}.",
             f"# Run it: {command}",
             f"name: {name}",
             f"display_name: {{nb: {json.dumps(display['nb'])}, en: {json.dumps(display['en'])}}}"]
    base = _plain(baseline.policy)
    for block, values in changes(policy, baseline).items():
        lines.append(f"{block}:")
        for key, value in values.items():
            was = _yaml(base[block].get(key))
            what = LABELS.get(f"{block}.{key}", "unit and source: scenarios/policy/baseline.yaml")
            lines.append(f"  {key}: {_yaml(value)}  # {what}; chosen in the explorer from policy "
                         f"{policy.policy.name} (baseline: {was})")
    return "\n".join(lines) + "\n"


def keep(folder: Path | None, name: str, display: dict[str, str], policy: RunConfig,
         baseline: RunConfig, clinic: str) -> tuple[Path, str]:
    """Write `folder/policy/NAME.yaml`; return its path and the command that runs it."""
    if folder is None:
        raise KeepError("no config folder of your own: set SIM_CONFIG_DIR to one")
    folder = folder.absolute()
    if folder == SCENARIOS or SCENARIOS in folder.parents or folder in SCENARIOS.parents:
        raise KeepError(f"{folder}: the project's own scenarios are not written by the explorer; "
                        "set SIM_CONFIG_DIR to a folder of your own")
    if not NAME.fullmatch(name or ""):
        raise KeepError(f"{name!r}: a policy name is small letters, digits and _, "
                        "starting with a letter")
    if (SCENARIOS / "policy" / f"{name}.yaml").exists():
        raise KeepError(f"{name}: the project has a policy of that name; choose another")
    target = folder / "policy" / f"{name}.yaml"
    if target.exists() and not target.read_text(encoding="utf-8").startswith(MARK):
        raise KeepError(f"{target}: exists and was not written by the explorer; choose another name")
    command = shlex.join(["python3", "run.py", "--config-dir", str(folder), *(
        o for o in overrides_for(clinic, name, folder) if not o.startswith("hydra."))])
    text = policy_text(name, display, policy, baseline, command)
    try:
        write_all_or_nothing(target.parent, lambda staging: (staging / target.name).write_text(
            text, encoding="utf-8"))
    except OutputError as error:
        raise KeepError(str(error)) from None
    return target, command


def _plain(node: Any) -> Any:
    """A config node as plain values: dataclasses as dicts, enums as their YAML words."""
    if dataclasses.is_dataclass(node):
        return {f.name: _plain(getattr(node, f.name)) for f in dataclasses.fields(node)}
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v) for v in node]
    return node.value if isinstance(node, Enum) else node


def _yaml(value: Any) -> str:
    """A value as YAML: numbers, true/false, null and lists as JSON writes them; words bare."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value) \
            and value not in ("null", "true", "false", "yes", "no", "on", "off"):
        return value
    return json.dumps(value, ensure_ascii=False)
