"""Charts of one run, as PNG: no-show by clinic and stage, weekly no-show, waiting list; and the
validation's simulated-against-observed chart.

Each chart is drawn on its own `matplotlib.figure.Figure` with the Agg canvas, never through
pyplot: importing this module selects no backend and no chart shares global state with another.
The numbers come from the key-figure functions (sim/results/kpis.py), so the weekly no-show here
is the one the board report shows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from matplotlib.ticker import PercentFormatter

from sim.enums import Stage
from sim.results.kpis import ALL

# Okabe-Ito: safe for colour-blind readers; the same order on every chart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STAGES = [stage.value for stage in Stage]
OVERALL_LABEL = "all clinics"


def figure(width: float, height: float):
    """A figure and its one set of axes, drawn by the Agg canvas (no pyplot)."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _style(ax, title: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=14, loc="left")
    ax.set_ylabel(ylabel, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)


def run_charts(summary: pd.DataFrame, weekly: pd.DataFrame, waiting: pd.DataFrame, names: dict[str, str],
               paths: tuple[Path, Path, Path]) -> None:
    """A run's three charts, drawn from its small tables (sim/results/output.py says which)."""
    by_clinic_and_stage, weekly_path, waiting_path = paths
    no_show_by_clinic_and_stage(summary, by_clinic_and_stage)
    weekly_no_show_chart(weekly, names, weekly_path)
    waiting_list(waiting, names, waiting_path)


def no_show_by_clinic_and_stage(summary: pd.DataFrame, path: Path) -> None:
    table = summary.set_index("clinic_name")
    columns = ["no_show_rate"] + [f"no_show_rate_{s}" for s in STAGES]
    labels = ["all stages"] + [s.replace("_", " ") for s in STAGES]
    fig, ax = figure(10, 5)
    x, width = np.arange(len(table)), 0.8 / len(columns)
    for i, (column, label) in enumerate(zip(columns, labels)):
        ax.bar(x - 0.4 + width * (i + 0.5), table[column], width, color=PALETTE[i], label=label)
    ax.set_xticks(x, table.index)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _style(ax, "No-show rate by clinic and stage", "share of planned consultations")
    ax.legend(frameon=False, ncols=4, loc="upper left", bbox_to_anchor=(0, -0.08))
    _save(fig, path)


def weekly_no_show_figure(weekly: pd.DataFrame, names: dict[str, str]) -> Figure:
    """The weekly no-show rate (kpis.weekly_no_show): a thin line per clinic, a thick one for all."""
    fig, ax = figure(10, 5)
    clinics = [c for c in weekly.columns if c != ALL]
    for colour, clinic in zip(PALETTE, clinics):
        ax.plot(weekly.index, weekly[clinic], color=colour, lw=1, alpha=0.6, label=names[clinic])
    ax.plot(weekly.index, weekly[ALL], color="black", lw=2.5, label=OVERALL_LABEL)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _style(ax, "Weekly no-show rate (7-day weeks from the first counted day)", "share of planned consultations")
    ax.legend(frameon=False, ncols=3)
    return fig


def weekly_no_show_chart(weekly: pd.DataFrame, names: dict[str, str], path: Path) -> None:
    """`weekly` is kpis.weekly_no_show's table (a run's charts are drawn from small tables)."""
    _save(weekly_no_show_figure(weekly, names), path)


def waiting_list(waiting: pd.DataFrame, names: dict[str, str], path: Path) -> None:
    table = waiting.pivot(index="date", columns="clinic", values="waiting_list")
    fig, ax = figure(10, 5)
    for colour, clinic in zip(PALETTE, table.columns):
        ax.plot(pd.to_datetime(table.index), table[clinic], color=colour, lw=1.8, label=names[clinic])
    _style(ax, "Waiting list: referred, not yet in treatment", "patients")
    ax.legend(frameon=False, ncols=3)
    _save(fig, path)


def _save(fig: Figure, path: Path) -> None:
    # What fig.tight_layout() does, without leaving a layout engine on the figure: with one,
    # savefig draws the whole figure once more only to lay it out (a third of a chart's time).
    TightLayoutEngine().execute(fig)
    fig.savefig(path, dpi=120)


def simulated_vs_observed(no_show: pd.DataFrame, path: Path) -> None:
    """Per clinic: observed no-show (2005) against the simulated mean with its 95% CI."""
    fig, ax = figure(7, 6)
    err = [no_show.simulated - no_show.ci_low, no_show.ci_high - no_show.simulated]
    ax.errorbar(no_show.observed, no_show.simulated, yerr=err, fmt="o", color=PALETTE[0], ms=8, capsize=4)
    # Alternate labels above and below so that neighbouring clinics do not overlap.
    for i, row in enumerate(no_show.sort_values("observed").itertuples()):
        name = "All clinics" if row.clinic == ALL else row.clinic.capitalize()
        ax.annotate(name, (row.observed, row.simulated), xytext=(8, 10 if i % 2 else -16),
                    textcoords="offset points", fontsize=11)
    low = min(no_show.observed.min(), no_show.ci_low.min()) - 0.02
    high = max(no_show.observed.max(), no_show.ci_high.max()) + 0.02
    ax.plot([low, high], [low, high], color="grey", lw=1, ls="--", label="simulated = observed")
    ax.fill_between([low, high], [low - 0.02, high - 0.02], [low + 0.02, high + 0.02], color="grey", alpha=0.12,
                    label="±2 points tolerance")
    ax.set_xlabel("observed no-show, Jan-Aug 2005", fontsize=11)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _style(ax, "No-show per clinic: simulated against observed", "simulated no-show (mean, 95% CI)")
    ax.legend(frameon=False, loc="upper left")
    _save(fig, path)
