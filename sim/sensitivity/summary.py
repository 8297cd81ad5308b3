"""The study's short text summary (`summary.txt`) and `sensitivity.json`, the record the board
report reads (sim/report/sensitivity_page.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.files import write_all_or_nothing
from sim.sensitivity.outputs import headline, write_json
from sim.sensitivity.ranges import ranges_file
from sim.sensitivity.running import BASELINE, clock

INDEX = {"oat": ("swing", "one at a time: swing from low to high"),
         "morris": ("mu_star", "Morris: mu*, mean absolute effect of a move over the whole range"),
         "sobol": ("ST", "Sobol: total index ST")}
QUESTIONS = "(a) each policy's effect on the no-show rate against the baseline, paired (same " \
            "parameter values, same replications); (b) the baseline's no-show rate itself"


def write_summary(folder: Path, options, params, runs: int, seconds: float,
                  names: dict | None = None) -> None:
    """summary.txt, and sensitivity.json with the policies' display names (nb, en)."""
    where = ranges_file(options.ranges)
    if where.is_absolute() and where.is_relative_to(Path.cwd()):
        where = where.relative_to(Path.cwd())
    lines = [f"Sensitivity study: {len(params)} uncertain parameters ({where}); "
             f"{_fitted(options)}.",
             f"Questions: {QUESTIONS}.",
             f"Runs: {runs} planned; this session ran for {clock(seconds)} "
             f"(n_jobs={options.n_jobs}, replications={options.replications}).",
             f"Scenario overrides: {' '.join(options.overrides) or 'none'}.", ""]
    for method, (column, what) in INDEX.items():
        path = folder / f"{method}.csv"
        if path.is_file():
            lines += [f"Top five parameters, {what}:", *_top_five(pd.read_csv(path), column), ""]
    for method in ("oat", "morris", "sobol"):
        path = folder / f"robustness_{method}.csv"
        if path.is_file():
            flips = pd.read_csv(folder / f"flips_{method}.csv")
            lines += _robustness(method, pd.read_csv(path), flips)
    record = headline(folder)
    lines.append(_sentence(record))
    text = "\n".join(lines) + "\n"
    write_all_or_nothing(folder, lambda staging: (staging / "summary.txt").write_text(text))
    write_json(folder, "sensitivity.json", {**record, "runs": runs, "policies": options.policies,
                                            "parameters": len(params), "names": names or {}})


def _fitted(options) -> str:
    if not options.refit:
        return "fitted parameters held at their fitted values"
    return (f"fitted parameters refitted to the calibration targets at each sample "
            f"({options.refit_iterations} step(s), {options.refit_replications} run(s) a point; "
            f"the values in refit_<method>.csv)")


def _top_five(table: pd.DataFrame, column: str) -> list[str]:
    rows = table[table.kpi == "no_show_rate"]
    lines = []
    for question in [BASELINE, *sorted(set(rows.question) - {BASELINE})]:
        top = rows[rows.question == question].sort_values(column, ascending=False).head(5)
        label = "baseline no-show" if question == BASELINE else f"{question} effect"
        cells = ", ".join(f"{r.parameter} ({100 * getattr(r, column):.2f})" if column != "ST"
                          else f"{r.parameter} ({r.ST:.2f})" for r in top.itertuples())
        lines.append(f"  {label}: {cells}")
    if column != "ST":
        lines.append("  (in percentage points of no-show rate)")
    return lines


def _robustness(method: str, shares: pd.DataFrame, flips: pd.DataFrame) -> list[str]:
    margin = 100 * shares.margin.iloc[0]
    lines = [f"Where each option gives the lowest no-show rate ({method} samples, "
             f"{int(shares.samples.iloc[0])}): share best / within {margin:.1f} points of best"]
    lines += [f"  {r.option}: {100 * r.share_best:.0f}% / {100 * r.share_within_margin:.0f}%"
              for r in shares.itertuples()]
    flips = flips[flips.gain > 0]
    if flips.empty:
        lines.append("  no single parameter's cut tells the two best apart better than chance")
    else:
        first, second = flips["first"].iloc[0], flips["second"].iloc[0]
        lines.append(f"  {first} against {second}: the parameters whose one cut best tells which "
                     "wins (threshold scan; gain over always naming the more frequent winner):")
        for r in flips.head(3).itertuples():
            side = "below" if r.first_wins_below else "above"
            lines.append(f"    {r.parameter}: {first} wins {side} {r.threshold:.4g} "
                         f"({100 * r.accuracy:.0f}% right, +{100 * r.gain:.0f} points; "
                         f"Spearman {r.spearman:+.2f})")
    return lines + [""]


def _sentence(record: dict) -> str:
    drivers = ", ".join(record["drivers"][:2]) or "none"
    return (f"{record['best']} is best in {100 * record['share_best']:.0f}% of the sampled "
            f"parameter space ({record['method']}, {record['samples']} samples) and within "
            f"{100 * record['margin']:.1f} points of best in "
            f"{100 * record['share_within_margin']:.0f}%; "
            f"its effect turns most on {drivers}.")
