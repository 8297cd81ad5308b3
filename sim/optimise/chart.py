"""The Pareto chart: the primary effect against the cost change a year, every trial (the feasible
ones darker), the front as a line, the single levers and bundles from their own runs on the same
replications, and the recommended mix for each budget marked."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from sim.optimise.front import FEASIBLE, ON_FRONT  # noqa: E402
from sim.optimise.measures import COST_CHANGE, OBJECTIVES  # noqa: E402
from sim.optimise.references import BUNDLE  # noqa: E402

CHART = "pareto.png"
LABELLED = 6  # reference policies named on the chart: the best few by the primary effect


def draw_front(path: Path, trials: pd.DataFrame, references: pd.DataFrame, primary: str,
               picks: dict, search_nok: float, titles: dict | None = None) -> None:
    """The chart alone, as a PNG at `path`."""
    fig, ax = plt.subplots(figsize=(8, 5.2), dpi=130)
    plot_front(ax, trials, references, primary, picks, search_nok, titles)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_front(ax, trials: pd.DataFrame, references: pd.DataFrame, primary: str,
               picks: dict, search_nok: float, titles: dict | None = None,
               names: str = "reference") -> None:
    """`picks`: budget -> trial number (or None). `titles`: words for the axes and legend (the
    board report's, in its language); `names`: the references' column of names shown."""
    words = {"x": "Change in cost, NOK 1000 a year", "trials": "candidate mixes",
             "front": "front (best for the cost)", "single": "single levers",
             "bundle": "hand-made bundles", "chosen": "recommended, NOK {k}k",
             "y": f"Change in {primary.replace('_', ' ')}, {OBJECTIVES[primary].unit}",
             **(titles or {})}
    scale = OBJECTIVES[primary].scale
    done = trials[trials.state == "complete"]
    fit = done[done[FEASIBLE]]
    ax.scatter(done[COST_CHANGE] / 1e3, done[primary] * scale, s=9, color="#cccccc",
               label=None, zorder=1)
    ax.scatter(fit[COST_CHANGE] / 1e3, fit[primary] * scale, s=12, color="#7f9fbf",
               label=words["trials"], zorder=2)
    front = fit[fit[ON_FRONT]].sort_values(COST_CHANGE)
    ax.step(front[COST_CHANGE] / 1e3, front[primary] * scale, where="post", color="#1f4e79",
            lw=1.6, label=words["front"], zorder=3)
    shown = references[references[COST_CHANGE] <= search_nok * 1.1]
    kinds = (("single", "s", "#d98c1f"), (BUNDLE, "D", "#8c2d04")) if len(shown) else ()
    for kind, marker, color in kinds:
        part = shown[shown.kind == kind]
        ax.scatter(part[COST_CHANGE] / 1e3, part[primary] * scale, marker=marker, s=34,
                   color=color, label=words["single" if kind == "single" else "bundle"], zorder=4)
        sign = 1 if OBJECTIVES[primary].direction == "minimize" else -1
        named = set(shown.assign(_k=shown[primary] * sign).nsmallest(LABELLED, "_k").reference)
        for _, row in part[part.reference.isin(named)].iterrows():  # the best few, not a crowd
            x = row[COST_CHANGE] / 1e3
            right = x > 0.6 * search_nok / 1e3  # near the right edge: the name to the left
            below = kind == BUNDLE  # bundles' names under, single levers' over: apart when near
            ax.annotate(row[names], (x, row[primary] * scale), fontsize=6, color=color,
                        xytext=(-4 if right else 4, -3 if below else 2),
                        textcoords="offset points", ha="right" if right else "left",
                        va="top" if below else "baseline")
    for budget, number in picks.items():
        if number is None:
            continue
        row = trials[trials.trial == number].iloc[0]
        ax.scatter([row[COST_CHANGE] / 1e3], [row[primary] * scale], marker="*", s=220,
                   color="#c00000", edgecolor="black", zorder=5,
                   label=words["chosen"].format(k=f"{budget / 1e3:.0f}"))
        ax.axvline(budget / 1e3, color="#c00000", lw=0.6, ls=":", zorder=0)
    ax.axhline(0, color="black", lw=0.5)
    low = min(0.0, float(done[COST_CHANGE].min()) if len(done) else 0.0) / 1e3
    span = max(search_nok, 10_000.0) / 1e3  # a zero budget still shows its neighbourhood
    ax.set_xlim(low - 0.04 * span, 1.12 * span)  # beyond: over the limit
    ax.set_xlabel(words["x"], fontsize=9)
    ax.set_ylabel(words["y"], fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="best")
