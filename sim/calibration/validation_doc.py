"""`validation.md`, written from one validation run: the tables, and the notes on where the model
and the sources part (`docs/validation_notes.md`, a template whose model figures are all
placeholders filled in here), so that text and table cannot disagree.

A placeholder is `{section:name}`: `target:METRIC` / `verdict:METRIC` (a target row's simulated
mean and its result), `check:KEY` / `check_verdict:KEY` (a lever row's), `stage:STAGE` (the
baseline's no-show at a stage), `reason:REASON` (a reason's share of the no-shows), `summary`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from sim.enums import Outcome, Stage
from sim.results import charts
from sim.results.kpis import planned_consultations

NOTES = Path(__file__).resolve().parents[2] / "docs" / "validation_notes.md"
PLACEHOLDER = re.compile(r"\{(summary|[a-z_]+:[a-z0-9_]+)\}")
COUNTS = {"planned_jan_aug", "consultations_per_fte_year", "register_referrals_per_year",
          "register_courses_ended_per_year"}


def baseline_facts(results) -> dict[str, float]:
    """The figures the notes quote that are no row of a table: no-show by stage, and the share
    of no-shows by reason."""
    planned = planned_consultations(results.appointments)
    missed = planned.outcome == Outcome.NO_SHOW.value
    facts = {f"stage:{s.value}": float(missed[planned.stage == s.value].mean()) for s in Stage}
    reasons = planned.reason[missed].value_counts(normalize=True)
    for reason in ("forgot", "chose_not_to_come", "lapse"):
        facts[f"reason:{reason}"] = float(reasons.get(reason, 0.0))
    return facts


def _share(x: float) -> str:
    return "" if pd.isna(x) else f"{100 * x:.1f}%"


def fmt(x: float, metric: str = "") -> str:
    """A figure as the tables show it: whole numbers for counts and from 100, else 3 decimals."""
    if pd.isna(x):
        return ""
    if metric in COUNTS or abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3f}"


def _target_result(t) -> str:
    if t["pass"]:
        return "pass"
    gap = abs(t.simulated - t.observed) - t.tolerance
    return f"FAIL (outside by {fmt(gap, t.metric)})"


def _check_result(c) -> str:
    if c["pass"]:
        return "pass"
    side = "above" if c.simulated > c.study_high else "below"
    return f"FAIL ({side} the study's interval)"


def placeholders(targets, checks, facts_runs: list[dict], summary: str) -> dict[str, str]:
    """Every value a note may quote, as text."""
    values = {"summary": summary}
    for _, t in targets[targets.clinic == "all"].iterrows():
        shown = fmt(t.simulated, t.metric) if t.metric in COUNTS else _share(t.simulated)
        values[f"target:{t.metric}"] = shown
        values[f"verdict:{t.metric}"] = _target_result(t)
    for _, c in checks[checks.key.notna()].iterrows():
        as_share = "relative" in c.measure or "share" in c.measure
        values[f"check:{c.key}"] = _share(c.simulated) if as_share else f"{c.simulated:.2f}"
        values[f"check_verdict:{c.key}"] = _check_result(c)
    for name in facts_runs[0] if facts_runs else ():
        values[name] = _share(np.mean([f[name] for f in facts_runs]))
    return values


def fill_notes(template: str, values: dict[str, str]) -> str:
    """The notes with every placeholder filled; an unknown one is an error, never left as is."""
    def one(match: re.Match) -> str:
        if match.group(1) not in values:
            raise KeyError(f"{NOTES.name}: no figure named {{{match.group(1)}}}")
        return values[match.group(1)]
    return PLACEHOLDER.sub(one, template)


def _target_lines(targets) -> list[str]:
    lines = ["| target | kind | observed | simulated mean | 95% CI | tolerance | result "
             "| source |",
             "|---|---|---|---|---|---|---|---|"]
    for _, t in targets[targets.kind != "solved"].iterrows():
        m = t.metric
        lines.append(f"| {t.target} | {t.kind} | {fmt(t.observed, m)} | {fmt(t.simulated, m)} | "
                     f"{fmt(t.ci_low, m)} to {fmt(t.ci_high, m)} | ±{fmt(t.tolerance, m)} | "
                     f"{_target_result(t)} | {t.source} |")
    solved = targets[targets.kind == "solved"]
    lines += ["", "Not shown as checks, as they hold by construction: " + "; ".join(
        f"{t.target} ({fmt(t.observed)}: {t.source})" for _, t in solved.iterrows()) + "."]
    return lines


def _check_lines(checks) -> list[str]:
    lines = ["| check | kind | design | measure | model (95% CI) | study (interval) | result | "
             "source |", "|---|---|---|---|---|---|---|---|"]
    for _, c in checks.iterrows():
        lines.append(
            f"| {c.check} | {c.kind} | {c.design} | {c.measure} | {fmt(c.simulated)} "
            f"({fmt(c.ci_low)} to {fmt(c.ci_high)}) | {fmt(c.study)} ({fmt(c.study_low)} to "
            f"{fmt(c.study_high)}) | {_check_result(c)} | {c.source} |")
    return lines


def _steady_lines(steady) -> list[str]:
    lines = ["| check | kind | simulated | 95% CI | tolerance | result |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {c.check} | {c.kind} | {fmt(c.simulated)} | {fmt(c.ci_low)} to "
              f"{fmt(c.ci_high)} | ±{fmt(c.tolerance)} | {'pass' if c['pass'] else 'FAIL'} |"
              for _, c in steady.iterrows()]
    return lines


def write_validation(targets, checks, steady, facts_runs: list[dict], replications: int,
                     out: Path, summary: str) -> Path:
    """Write `validation.md` and `validation_clinics.png` into `out`."""
    no_show = targets[targets.metric == "no_show_rate"]
    charts.simulated_vs_observed(no_show, out / "validation_clinics.png")
    lines = [
        "# Validation", "",
        f"Written by `python3 -m sim.validate --replications {replications}` on "
        f"{dt.date.today()}: {replications} replications of the baseline year and of each "
        "variant, common random numbers. Do not edit: every figure here comes from that run.", "",
        f"**{summary}.** Kinds: *fitted* (a calibration target), *set by hand* (a parameter was "
        "set so that the row passes), *independent* (no parameter was chosen to pass it). Only "
        "independent rows are evidence that the model holds.", "",
        "## Targets (Østfold 2005 and the literature)", "", *_target_lines(targets), "",
        "![Simulated against observed no-show per clinic](validation_clinics.png)", "",
        "## Levers against their studies, in each study's design and measure", "",
        *_check_lines(checks), "",
        "## Steady state (three years of the baseline)", "", *_steady_lines(steady)]
    if NOTES.exists():
        values = placeholders(targets, checks, facts_runs, summary)
        lines += ["", fill_notes(NOTES.read_text(encoding="utf-8"), values).rstrip()]
    path = out / "validation.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
