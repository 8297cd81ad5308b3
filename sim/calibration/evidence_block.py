"""The calibrated values in docs/evidence.md, written from the fitted values: they cannot go stale.

`python3 -m sim.calibration` writes `scenarios/fitted/<clinic>.yaml` and then rewrites the block of
docs/evidence.md between START and END from the same values (`write_fitted_block`). Everything in
the block comes from the fitted config (rounded as the fitted file rounds it) and the site FTEs, so
the committed docs can be checked against the committed fitted file (tests/test_evidence_block.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sim.calibration.fitted import fitted_values
from sim.config import RunConfig
from sim.config.command_line import ROOT, SCENARIOS
from sim.files import write_all_or_nothing

EVIDENCE = ROOT / "docs" / "evidence.md"
START = "<!-- fitted:start -->"
END = "<!-- fitted:end -->"


class MissingBlock(ValueError):
    """The document has no START ... END block (or they are out of order)."""


def fitted_block(cfg: RunConfig) -> str:
    """The block's lines, START and END included: per site its FTEs, starting and fitted referrals
    a year and unexplained log-odds; the totals; the other fitted values and the idle minutes per
    no-show. The starting referrals are those of the hand-written clinic file."""
    values = fitted_values(cfg)
    clinic, behaviour = values["clinic"], values["behaviour"]
    starting = _starting_sites(cfg.clinic.name)
    rows, fte_all, start_all, fitted_all = [], 0.0, 0, 0
    for key, fitted in clinic["sites"].items():
        site = cfg.clinic.sites[key]
        fte, referrals = float(site.capacity_fte), fitted["referrals_per_year"]
        start = starting[key]["referrals_per_year"]
        fte_all, start_all, fitted_all = fte_all + fte, start_all + start, fitted_all + referrals
        rows.append(f"| {site.display_name or key} | {fte:g} | {start:,} | {referrals:,} "
                    f"| {referrals / fte:.1f} | {fitted['unexplained_log_odds']:+.4f} |")
    per_fte = fitted_all / fte_all
    rows.append(f"| all | {fte_all:g} | {start_all:,} | {fitted_all:,} | {per_fte:.1f} | |")
    share = clinic["missed_time_refilled_share"]
    wait, slot = cfg.clinic.wait_before_giving_up_minutes, cfg.clinic.slot_minutes
    idle = wait + (slot - wait) * (1 - share)  # ClinicSettings.idle_minutes_per_no_show
    return "\n".join([
        START,
        "<!-- Written by `python3 -m sim.calibration` from scenarios/fitted/"
        f"{cfg.clinic.name}.yaml (sim/calibration/evidence_block.py): do not edit by hand. -->",
        "",
        "| site | clinical FTE | referrals a year, starting value | referrals a year, fitted "
        "| fitted referrals per FTE | `unexplained_log_odds`, fitted |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Fitted referrals: {fitted_all / start_all:.3f} x the starting values. Also fitted:",
        "",
        f"- `behaviour.decision.intercept`: {behaviour['decision']['intercept']}",
        f"- `behaviour.dropout.quit_after_miss`: {behaviour['dropout']['quit_after_miss']}",
        f"- `behaviour.treatment.sessions_needed_mean`: "
        f"{behaviour['treatment']['sessions_needed_mean']}",
        f"- `clinic.bookable_slots_per_fte_day`: {clinic['bookable_slots_per_fte_day']}",
        f"- `clinic.missed_time_refilled_share` (solved in closed form after the fit): {share};",
        f"  one no-show then idles a clinician {wait:g} + {slot - wait:g} x (1 - {share}) = "
        f"{idle:.1f} minutes",
        END,
    ])


def _starting_sites(clinic_name: str) -> dict:
    """The sites of the hand-written clinic file, with their starting values."""
    path = SCENARIOS / "clinic" / f"{clinic_name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sites"]


def with_fitted_block(text: str, block: str) -> str:
    """`text` with its START ... END block replaced by `block`."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise MissingBlock(f"no block between {START} and {END}")
    return text[:start] + block + text[end + len(END):]


def write_fitted_block(cfg: RunConfig, path: Path = EVIDENCE) -> None:
    """Rewrite the block of `path` from `cfg`'s fitted values, whole or not at all."""
    text = with_fitted_block(path.read_text(encoding="utf-8"), fitted_block(cfg))
    write_all_or_nothing(path.parent,
                         lambda staging: (staging / path.name).write_text(text, encoding="utf-8"))
