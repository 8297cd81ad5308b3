"""The search's answer in words and files: per budget, the recommended mix with its effect and
95% interval on fresh replications, beside the best single lever and bundle within the same
budget; and the tidy tables (every trial, the references, the fresh check) written at once."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.files import write_all_or_nothing
from sim.optimise.confirm import effect
from sim.optimise.measures import COST_CHANGE, OBJECTIVES, STAFF_HOURS, WAIT
from sim.optimise.request import Request

TRIALS, REFERENCES, CONFIRMATION = "trials.csv", "references.csv", "confirmation.csv"
ANSWER, PICKS = "answer.txt", "picks.json"


def mix_label(budget: float) -> str:
    return f"mix_nok{budget:.0f}"


def answer_text(request: Request, picks: dict, table: pd.DataFrame, done: int,
                minutes: float) -> str:
    """`picks`: budget -> {"trial", "mix", "single", "bundle"} (names or None)."""
    primary = request.objectives[0]
    lines = [f"Search: {done} trials x {request.replications} replications, objective "
             f"{' and '.join(request.objectives)}, cost change up to NOK {request.search_nok:,.0f} "
             f"a year, staff hours up to {request.staff_hours:,.0f} a year"
             + ("" if request.fees else ", fees off (costs only)") + f"; {minutes:.0f} min.",
             f"Checked on {request.fresh_replications} fresh replications against the baseline "
             f"(95% intervals of the paired differences):"]
    for budget, pick in picks.items():
        lines.append(f"\nNOK {budget:,.0f} a year:")
        if pick["mix"] is None:
            lines.append("  no mix keeps the limits within this budget")
            continue
        lines.append(f"  best mix (trial {pick['trial']}): {pick['mix']}")
        lines.append("    " + _effects(table, mix_label(budget), primary))
        for kind in ("single", "bundle"):
            name = pick[kind]
            lines.append(f"  best {kind if kind == 'bundle' else 'single lever'}: "
                         + (f"{name}: " + _effects(table, name, primary) if name else "none within it"))
    return "\n".join(lines) + "\n"


def _effects(table: pd.DataFrame, scenario: str, primary: str) -> str:
    objective = OBJECTIVES[primary]
    change, low, high = (x * objective.scale for x in effect(table, scenario, objective.column))
    cost, cost_low, cost_high = effect(table, scenario, COST_CHANGE)
    hours = effect(table, scenario, STAFF_HOURS)[0]
    wait = effect(table, scenario, WAIT)[0]
    return (f"{primary} {change:+.2f} {objective.unit} ({low:+.2f} to {high:+.2f}); cost "
            f"{cost:+,.0f} NOK/year ({cost_low:+,.0f} to {cost_high:+,.0f}); staff "
            f"{hours:+,.0f} h/year; wait to first treatment {wait:+.1f} days")


def write_results(folder: Path, trials: pd.DataFrame, references: pd.DataFrame,
                  confirmation: pd.DataFrame, text: str, picks: dict, chart) -> list[Path]:
    """Every file of the answer, all or nothing; `chart(staging)` draws the chart there."""
    def write(staging: Path) -> None:
        trials.to_csv(staging / TRIALS, index=False)
        references.to_csv(staging / REFERENCES, index=False)
        confirmation.to_csv(staging / CONFIRMATION, index=False)
        (staging / ANSWER).write_text(text)
        (staging / PICKS).write_text(json.dumps({str(k): v for k, v in picks.items()}, indent=1))
        chart(staging)
    return write_all_or_nothing(folder, write)
