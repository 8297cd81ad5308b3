"""Charts of one run, as PNG: no-show by clinic and stage, weekly no-show, waiting list."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import PercentFormatter  # noqa: E402

from sim.enums import PLANNED, Outcome, Stage  # noqa: E402

# Okabe-Ito: safe for colour-blind readers; the same order on every chart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STAGES = [stage.value for stage in Stage]


def _style(ax, title: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=14, loc="left")
    ax.set_ylabel(ylabel, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)


def no_show_by_clinic_and_stage(summary: pd.DataFrame, path: Path) -> None:
    table = summary.set_index("clinic_name")
    columns = ["no_show_rate"] + [f"no_show_rate_{s}" for s in STAGES]
    labels = ["all stages"] + [s.replace("_", " ") for s in STAGES]
    fig, ax = plt.subplots(figsize=(10, 5))
    table[columns].set_axis(labels, axis=1).plot.bar(ax=ax, color=PALETTE[:4], width=0.8, rot=0)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("")
    _style(ax, "No-show rate by clinic and stage", "share of planned consultations")
    ax.legend(frameon=False, ncols=4, loc="upper left", bbox_to_anchor=(0, -0.08))
    _save(fig, path)


def weekly_no_show(appointments: pd.DataFrame, names: dict[str, str], path: Path) -> None:
    planned = appointments[appointments.outcome.isin(list(PLANNED))].copy()
    planned["week"] = pd.to_datetime(planned.scheduled_for).dt.to_period("W").dt.start_time
    planned["no_show"] = planned.outcome == Outcome.NO_SHOW.value
    by_clinic = planned.groupby(["week", "clinic"]).no_show.mean().unstack()
    overall = planned.groupby("week").no_show.mean()
    fig, ax = plt.subplots(figsize=(10, 5))
    for colour, clinic in zip(PALETTE, by_clinic.columns):
        ax.plot(by_clinic.index, by_clinic[clinic], color=colour, lw=1, alpha=0.6, label=names[clinic])
    ax.plot(overall.index, overall, color="black", lw=2.5, label="all clinics")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _style(ax, "Weekly no-show rate", "share of planned consultations")
    ax.legend(frameon=False, ncols=3)
    _save(fig, path)


def waiting_list(waiting: pd.DataFrame, names: dict[str, str], path: Path) -> None:
    table = waiting.pivot(index="date", columns="clinic", values="waiting_list")
    fig, ax = plt.subplots(figsize=(10, 5))
    for colour, clinic in zip(PALETTE, table.columns):
        ax.plot(pd.to_datetime(table.index), table[clinic], color=colour, lw=1.8, label=names[clinic])
    _style(ax, "Waiting list: referred, not yet in treatment", "patients")
    ax.legend(frameon=False, ncols=3)
    _save(fig, path)


def _save(fig, path: Path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def simulated_vs_observed(no_show: pd.DataFrame, path: Path) -> None:
    """Per clinic: observed no-show (2005) against the simulated mean with its 95% CI."""
    fig, ax = plt.subplots(figsize=(7, 6))
    err = [no_show.simulated - no_show.ci_low, no_show.ci_high - no_show.simulated]
    ax.errorbar(no_show.observed, no_show.simulated, yerr=err, fmt="o", color=PALETTE[0], ms=8, capsize=4)
    # Alternate labels above and below so that neighbouring clinics do not overlap.
    for i, row in enumerate(no_show.sort_values("observed").itertuples()):
        name = "All clinics" if row.clinic == "all" else row.clinic.capitalize()
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
