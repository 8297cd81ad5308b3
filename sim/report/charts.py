"""The board report's charts, each an A4 landscape page: large type, no gridlines, and one fixed
colour per scenario on every chart (the baseline always dark grey; Okabe-Ito first, then colours
distinct enough for 30 scenarios, each with its own marker where points are drawn).

Each function takes the report's numbers (sim/report/data.py) and a Language, and returns a
figure, or a list of figures when the scenarios need more than one page (at most
`ROWS_PER_PAGE` bars a page, the references first on each); sim/report/__init__.py lists them in
the report's order (`CHARTS`) and saves each page as a PDF page, PNG and SVG. The time series are
in sim/report/series_charts.py, the pathway in funnel_chart.py, effect against cost in
cost_chart.py.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.results.charts import PALETTE  # also selects the non-interactive backend
from sim.report.data import ReportData
from sim.report.layout import A4_LANDSCAPE, PAGE_POINTS, split_pages, wrap
from sim.report.text import Language

BASELINE_COLOUR = "#555555"
TEXT_COLOUR = "#222222"
NOTE_COLOUR = "#555555"
STYLE = {
    "font.family": "DejaVu Sans", "font.size": 13, "axes.titlesize": 16, "axes.labelsize": 14,
    "xtick.labelsize": 13, "ytick.labelsize": 14, "legend.fontsize": 13, "legend.frameon": False,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "axes.edgecolor": "#444444", "text.color": TEXT_COLOUR, "axes.labelcolor": TEXT_COLOUR,
    "pdf.fonttype": 42, "svg.fonttype": "path", "svg.hashsalt": "report",
}
# Okabe-Ito, then matplotlib's tab20 and Dark2 without their greys: 30 colours, none repeated.
SERIES_COLOURS = PALETTE[:7] + [
    "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896",
    "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#bcbd22", "#dbdb8d",
    "#17becf", "#9edae5", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
]
MARKERS = "osD^vPXh<>"  # with the colours: no two of 30 scenarios share both
ROWS_PER_PAGE = 12  # bars (scenarios) on one page of a chart by scenario
NAME_POINTS = 0.27 * PAGE_POINTS[0]  # the names left of a chart by scenario


def colours(data: ReportData) -> dict[str, str]:
    """One colour per scenario, fixed by the sweep's order: the baseline dark grey, then the
    rest."""
    return _in_sweep_order(data, BASELINE_COLOUR, SERIES_COLOURS)


def markers(data: ReportData) -> dict[str, str]:
    """One marker per scenario, in the same order as its colour."""
    return _in_sweep_order(data, "s", MARKERS)


def _in_sweep_order(data: ReportData, own, choices) -> dict:
    """The baseline's `own`, then one of `choices` per other scenario, in the sweep's order."""
    others = [s for s in dict.fromkeys(data.comparison.table.scenario) if s != data.baseline]
    return {data.baseline: own} | {s: choices[i % len(choices)] for i, s in enumerate(others)}


def readable(colour: str) -> str:
    """A light colour (the palette's yellow) darkened enough to be read as text on white."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    if 0.299 * r + 0.587 * g + 0.114 * b < 0.6:
        return colour
    return "#" + "".join(f"{int(255 * c * 0.62):02x}" for c in (r, g, b))


def label(data: ReportData, scenario: str, lang: Language) -> str:
    name = data.names[scenario][lang.code]
    return f"{name} {lang('baseline_mark')}" if data.marked_as_reference(scenario) else name


def shown_references(data: ReportData) -> list[str]:
    """The references the report shows (those among its scenarios), in order."""
    return [s for s in data.references if s in data.scenarios]


def shown_order(data: ReportData) -> list[str]:
    """The scenarios as the report shows them: the references first, then by effect."""
    return shown_references(data) + data.policies


def scenario_pages(data: ReportData, per_page: int = ROWS_PER_PAGE) -> list[list[str]]:
    """The scenarios of each page of a chart by scenario, the references first on each."""
    return split_pages(data.policies, shown_references(data), per_page)


def page(title: str, subtitle: str) -> Figure:
    """An empty A4 landscape page with its title and a line or two of explanation."""
    fig = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(fig)  # a renderer, to measure text
    fig.text(0.05, 0.94, title, fontsize=20, fontweight="bold", va="top")
    size = 12.5
    lines = wrap(subtitle, 0.9 * PAGE_POINTS[0], size) if subtitle else [""]
    if len(lines) > 2:  # a long one (many references named): smaller, on at most three lines
        size = 11.0
        lines = wrap(subtitle, 0.9 * PAGE_POINTS[0], size, lines=3)
    fig.text(0.05, 0.885, "\n".join(lines), fontsize=size, color=NOTE_COLOUR, va="top")
    return fig


def bar_labels(ax, lang: Language, data: ReportData, shown: list[str]) -> None:
    """The names of the scenarios `shown` left of a chart by scenario, wrapped to two lines, the
    references in bold; one row each, top down."""
    size = 13.0 if len(shown) <= 6 else 11.0
    names = ["\n".join(wrap(label(data, s, lang), NAME_POINTS, size, s in data.references,
                             lines=2)) for s in shown]
    ax.set_yticks(range(len(names)), names, fontsize=size)
    for tick, scenario in zip(ax.get_yticklabels(), shown):
        tick.set_fontweight("bold" if scenario in data.references else "normal")
    pad = 0.5 + max(0, 4 - len(names)) * 0.4  # few scenarios: slim bars, not slabs
    ax.set_ylim(len(names) - 1 + pad, -pad)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)


def no_show_by_scenario(data: ReportData, lang: Language) -> list[Figure]:
    sub = lang("no_show_sub") if data.replications > 1 else lang("one_run").capitalize()
    h, palette = data.headline, colours(data)
    right = max(h.no_show_high.fillna(h.no_show)) * 1.2
    figures = []
    for shown in scenario_pages(data):
        fig = page(lang("no_show_title"), sub)
        ax = fig.add_axes((0.30, 0.14, 0.62, 0.68))
        part = h.loc[shown]
        y = np.arange(len(shown))
        err = np.nan_to_num(np.vstack([part.no_show - part.no_show_low,
                                       part.no_show_high - part.no_show]))
        ax.barh(y, part.no_show, color=[palette[s] for s in shown], height=0.62)
        if data.replications > 1:
            ax.errorbar(part.no_show, y, xerr=err, fmt="none", ecolor="#111111", elinewidth=2,
                        capsize=6)
        size = 15 if len(shown) <= 6 else 12
        highs = part.no_show_high.fillna(part.no_show)
        for i, (mean, high) in enumerate(zip(part.no_show, highs)):
            ax.text(high + 0.006, i, lang.pct(mean), va="center", fontsize=size, fontweight="bold")
        bar_labels(ax, lang, data, shown)
        ax.set_xlim(0, right)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.pct(v, 0)))
        ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 5, 10]))
        ax.set_xlabel(lang("no_show_axis"))
        figures.append(fig)
    return figures


def lost_time(data: ReportData, lang: Language) -> list[Figure]:
    h, palette = data.headline, colours(data)
    right = h.technical_hours_lost_high.fillna(h.technical_hours_lost).max() * 1.2
    sub = lang("lost_sub", cost=lang.num(data.settings["cost_per_hour"]))
    figures = []
    for shown in scenario_pages(data):
        fig = page(lang("lost_title"), sub)
        ax = fig.add_axes((0.30, 0.17, 0.62, 0.64))
        part = h.loc[shown]
        y = np.arange(len(shown))
        row_points = 0.64 * PAGE_POINTS[1] / max(len(shown), 4)  # the height of a row
        size = min(13.0, 0.4 * row_points * 0.85)  # two labels a row, 0.4 of a row apart
        for offset, loss, style in [(-0.2, "technical", {}),
                                    (0.2, "real", {"hatch": "//", "alpha": 0.55})]:
            mean = part[f"{loss}_hours_lost"]
            err = np.nan_to_num(np.vstack([mean - part[f"{loss}_hours_lost_low"],
                                           part[f"{loss}_hours_lost_high"] - mean]))
            ax.barh(y + offset, mean, height=0.38, color=[palette[s] for s in shown],
                    edgecolor="white", **style)
            if data.replications > 1:
                ax.errorbar(mean, y + offset, xerr=err, fmt="none", ecolor="#111111",
                            elinewidth=1.6, capsize=4)
            for yy, v, hi in zip(y + offset, mean, part[f"{loss}_hours_lost_high"].fillna(mean)):
                ax.text(hi, yy, f"  {lang.num(v)}", va="center", fontsize=size)
        bar_labels(ax, lang, data, shown)
        ax.set_xlim(0, right)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v)))
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        ax.set_xlabel(lang("lost_axis"))
        legend = [Patch(facecolor="#777777", label=lang("technical").capitalize()),
                  Patch(facecolor="#777777", alpha=0.55, hatch="//", edgecolor="white",
                        label=lang("real").capitalize())]
        fig.legend(handles=legend, loc="lower center", ncols=2, bbox_to_anchor=(0.61, 0.0))
        figures.append(fig)
    return figures
