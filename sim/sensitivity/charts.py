"""The study's charts, each as PNG and SVG, one panel per question (the baseline's no-show rate,
each policy's effect on it): the tornado (one at a time), Morris' mu* against sigma, Sobol's S1
and ST with their intervals, and where each option wins."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from sim.sensitivity.running import BASELINE  # noqa: E402

KPI = "no_show_rate"
SHOWN = 12  # parameters per tornado or bar panel
LOW, HIGH = "#4c72b0", "#dd8452"


def method_charts(method: str, table, folder: Path) -> None:
    rows = table[table.kpi == KPI]
    if rows.empty:
        return
    draw = {"oat": _tornado, "morris": _morris, "sobol": _sobol}[method]
    name = {"oat": "tornado", "morris": "morris", "sobol": "sobol"}[method]
    fig = _panels(rows, draw)
    _save(fig, folder, name)


def title_of(question: str) -> str:
    if question == BASELINE:
        return "baseline: no-show rate"
    return f"{question}: effect on the no-show rate"


def short(path: str) -> str:
    """A parameter's path without the group everyone knows (behaviour., clinic.sites.)."""
    for prefix in ("behaviour.", "clinic.sites.", "population.", "clinic."):
        if path.startswith(prefix):
            return path[len(prefix):]
    return path


def _panels(rows, draw) -> Figure:
    questions = [BASELINE, *sorted(set(rows.question) - {BASELINE})]
    columns = 2 if len(questions) > 1 else 1
    lines = math.ceil(len(questions) / columns)
    fig = Figure(figsize=(8 * columns, 5 * lines), layout="constrained")
    for i, question in enumerate(questions):
        ax = fig.add_subplot(lines, columns, i + 1)
        draw(ax, rows[rows.question == question])
        ax.set_title(title_of(question), fontsize=11)
    return fig


def _tornado(ax, rows) -> None:
    top = rows.sort_values("swing", ascending=False).head(SHOWN).iloc[::-1]
    centre = 100 * top.at_value.iloc[0]
    for y, r in enumerate(top.itertuples()):
        for value, colour in ((r.at_low, LOW), (r.at_high, HIGH)):
            ax.barh(y, 100 * value - centre, left=centre, color=colour, height=0.7)
    ax.axvline(centre, color="black", linewidth=0.8)
    ax.set_xlabel("%" if rows.question.iloc[0] == BASELINE else "percentage points")
    ax.set_yticks(range(len(top)), [short(p) for p in top.parameter], fontsize=8)
    ax.legend(handles=[ax.patches[0], ax.patches[1]] if len(ax.patches) > 1 else [],
              labels=["at low", "at high"], fontsize=8, loc="lower right")


def tornado_bars(ax, rows, labels, legend: tuple[str, str]) -> None:
    """The tornado on `ax` with the given parameter labels (the board report's page)."""
    _tornado(ax, rows)
    top = rows.sort_values("swing", ascending=False).head(SHOWN).iloc[::-1]
    ax.set_yticks(range(len(top)), [labels(p) for p in top.parameter], fontsize=9)
    ax.legend(handles=ax.patches[:2], labels=list(legend), fontsize=9, loc="lower right")


def _morris(ax, rows) -> None:
    ax.scatter(100 * rows.mu_star, 100 * rows.sigma, s=14, color=LOW)
    for r in rows.sort_values("mu_star", ascending=False).head(5).itertuples():
        ax.annotate(short(r.parameter), (100 * r.mu_star, 100 * r.sigma), fontsize=7,
                    xytext=(3, 2), textcoords="offset points")
    ax.set_xlabel("mu*: mean absolute elementary effect (points)")
    ax.set_ylabel("sigma: its spread (points)")


def _sobol(ax, rows) -> None:
    top = rows.sort_values("ST", ascending=False).head(SHOWN).iloc[::-1]
    y = range(len(top))
    ax.barh([i + 0.2 for i in y], top.ST, xerr=top.ST_conf, height=0.4, color=HIGH, label="ST")
    ax.barh([i - 0.2 for i in y], top.S1, xerr=top.S1_conf, height=0.4, color=LOW, label="S1")
    ax.set_yticks(list(y), [short(p) for p in top.parameter], fontsize=8)
    ax.set_xlim(0, max(1.0, float((top.ST + top.ST_conf).max())))
    ax.set_xlabel("share of the variance (bars: 95% interval)")
    ax.legend(fontsize=8, loc="lower right")


def wins_chart(shares, method: str, folder: Path) -> None:
    fig = Figure(figsize=(7, 0.6 * len(shares) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    rows = shares.iloc[::-1]
    y = range(len(rows))
    ax.barh([i + 0.2 for i in y], 100 * rows.share_best, height=0.4, color=HIGH, label="best")
    ax.barh([i - 0.2 for i in y], 100 * rows.share_within_margin, height=0.4, color=LOW,
            label=f"within {100 * rows.margin.iloc[0]:.1f} points of best")
    ax.set_yticks(list(y), list(rows.option))
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"share of {int(rows.samples.iloc[0])} sampled worlds ({method}), %")
    ax.set_title("Where each option gives the lowest no-show rate", fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    _save(fig, folder, f"wins_{method}")


def _save(fig: Figure, folder: Path, name: str) -> None:
    fig.savefig(folder / f"{name}.png", dpi=120)
    fig.savefig(folder / f"{name}.svg")
