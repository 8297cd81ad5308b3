"""The charts as one PNG to download: what the page shows at this moment, drawn by matplotlib
(the live charts are drawn in the browser; this is drawn once, when asked for)."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from sim.explorer.charts import BASELINE_COLOUR, POLICY_COLOUR
from sim.explorer.live import SoFar
from sim.explorer.words import word

matplotlib.use("Agg")  # no display: the server draws into memory


def charts_png(policy: SoFar, baseline: SoFar, clinics: dict[str, str], title: str,
               language: str) -> bytes:
    """The six charts of the page in one PNG: both runs, so far."""
    figure = Figure(figsize=(13, 7.5), dpi=100, layout="constrained")
    figure.suptitle(title)
    axes = figure.subplots(2, 3).flat
    runs = ((policy, "policy_line", "-"), (baseline, "baseline_line", "--"))
    ax = next(axes)
    for run, line, style in runs:
        weeks = run.weekly_no_show
        if "all" in weeks:
            ax.plot(weeks.index, 100 * weeks["all"], style, label=word(line, language),
                    color=POLICY_COLOUR if style == "-" else BASELINE_COLOUR)
    _label(ax, f"{word('no_show_chart', language)}: {word('all_clinics', language)} (%)")
    ax = next(axes)
    for i, (key, name) in enumerate(clinics.items()):
        for run, _, style in runs:
            if key in run.weekly_no_show:
                weeks = run.weekly_no_show
                ax.plot(weeks.index, 100 * weeks[key], style, color=f"C{i}",
                        label=name if style == "-" else None, linewidth=1)
    _label(ax, f"{word('no_show_chart', language)} (%)")
    for name, column in (("waiting_chart", "waiting_list"), ("in_care_chart", "in_care"),
                         ("consultations_chart", "consultations")):
        ax = next(axes)
        for run, line, style in runs:
            ax.plot(pd.to_datetime(run.dates), getattr(run, column), style,
                    label=word(line, language),
                    color=POLICY_COLOUR if style == "-" else BASELINE_COLOUR)
        _label(ax, word(name, language))
    ax = next(axes)
    for kind, colour in (("technical", POLICY_COLOUR), ("real", "#ef6c00")):
        for run, line, style in runs:
            ax.plot(pd.to_datetime(run.dates), getattr(run, f"{kind}_loss_hours"), style,
                    color=colour if style == "-" else BASELINE_COLOUR,
                    label=f"{word(kind, language)}, {word(line, language)}")
    _label(ax, word("lost_chart", language))
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _label(ax, title: str) -> None:
    ax.set_title(title, fontsize=10)
    ax.tick_params(labelsize=8)
    ax.tick_params(axis="x", labelrotation=30)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7)
