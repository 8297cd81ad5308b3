"""Checks on the command line that must run before Hydra creates any output folder."""

from __future__ import annotations

import sys
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def unknown_choice(args: list[str], root: Path = SCENARIOS) -> str | None:
    """A one-line error for `group=name` arguments that name no file in that config group."""
    groups = {p.name for p in root.iterdir() if p.is_dir()}
    for arg in args:
        if arg.startswith("-") or "=" not in arg:
            continue
        key, value = arg.split("=", 1)
        group = key.lstrip("+~")
        if group not in groups or "(" in value:
            continue
        known = sorted(p.stem for p in (root / group).glob("*.yaml"))
        for name in value.split(","):
            if name.strip() and name.strip() not in known:
                return f"{group}={name.strip()}: unknown {group} scenario; choose one of {', '.join(known)}"
    return None


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)
