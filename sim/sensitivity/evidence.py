"""The plausible ranges in docs/evidence.md, written from scenarios/ranges/<clinic>.yaml so that
they cannot go stale (tests/test_sensitivity_ranges.py checks the committed page):

    python3 -m sim.sensitivity.evidence
"""

from __future__ import annotations

from pathlib import Path

from sim.calibration.evidence_block import EVIDENCE, MissingBlock
from sim.files import write_all_or_nothing
from sim.sensitivity.ranges import Uncertain

START = "<!-- ranges:start -->"
END = "<!-- ranges:end -->"


def ranges_block(params: list[Uncertain], file: str) -> str:
    """The block's lines, START and END included: one row per parameter with a range."""
    rows = [f"| `{p.path}` | {p.low:g} | {p.value:g} | {p.high:g} | {_cell(p.source)} "
            f"| {_cell(p.why)} |" for p in params]
    return "\n".join([
        START,
        f"<!-- Written by `python3 -m sim.sensitivity.evidence` from scenarios/ranges/{file} "
        "(sim/sensitivity/evidence.py): do not edit by hand. -->",
        "",
        "| path | low | value | high | source of the range | why |",
        "|---|---|---|---|---|---|",
        *rows,
        END,
    ])


def _cell(text: str) -> str:
    return text.replace("|", "/")


def with_ranges_block(text: str, block: str) -> str:
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise MissingBlock(f"no block between {START} and {END}")
    return text[:start] + block + text[end + len(END):]


def write_ranges_block(params: list[Uncertain], file: str, path: Path = EVIDENCE) -> None:
    text = with_ranges_block(path.read_text(encoding="utf-8"), ranges_block(params, file))
    write_all_or_nothing(path.parent,
                         lambda staging: (staging / path.name).write_text(text, encoding="utf-8"))


def main() -> int:
    from sim.config.compose import load_config
    from sim.sensitivity.ranges import load_ranges, ranges_file

    cfg = load_config(["charts=false"])
    path = ranges_file(cfg.clinic.name)
    write_ranges_block(load_ranges(path, cfg), path.name)
    print(f"plausible ranges written to {EVIDENCE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
