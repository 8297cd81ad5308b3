"""Change values in our own YAML files in place, keeping every comment (units and sources)."""

from __future__ import annotations

import re
from pathlib import Path

LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[\w\-]+):(?P<gap>\s*)(?P<value>[^#\s][^#]*?)(?P<rest>\s*(#.*)?)$")


def set_values(path: Path, values: dict[str, float]) -> dict[str, tuple[str, str]]:
    """Set `dotted.key: value` scalars in `path`; return {key: (old, new)}. Unknown keys raise."""
    lines = path.read_text().splitlines()
    stack: list[tuple[int, str]] = []
    changed: dict[str, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        key_only = re.match(r"^(\s*)([\w\-]+):\s*(#.*)?$", line)
        match = LINE.match(line)
        if not (match or key_only):
            continue
        indent = len((match or key_only).group(1))
        key = match.group("key") if match else key_only.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, key))
        dotted = ".".join(k for _, k in stack)
        if match and dotted in values:
            old, new = match.group("value"), _format(values[dotted])
            prefix = f"{match.group('indent')}{key}:{match.group('gap')}"
            rest = match.group("rest")
            spaces = len(rest) - len(rest.lstrip())
            keep = max(spaces - max(len(new) - len(old), 0), 1) if rest.strip() else 0
            lines[i] = prefix + new.ljust(len(old)) + " " * keep + rest.lstrip()
            changed[dotted] = (old, new)
    missing = set(values) - set(changed)
    if missing:
        raise KeyError(f"{path.name}: no such keys {sorted(missing)}")
    path.write_text("\n".join(lines) + "\n")
    return changed


def _format(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 10:
        return str(int(round(value)))
    return f"{value:.4g}"
