"""The board report's charts, each an A4 landscape page: large type, no gridlines, and one fixed
Okabe-Ito colour per scenario on every chart (the baseline always dark grey).

Each function takes the report's numbers (sim/report/data.py) and a Language, and returns a
figure; sim/report/__init__.py lists them in the report's order (`CHARTS`, with the effect-and-cost
chart of sim/report/cost_chart.py) and saves each as a PDF page, PNG and SVG.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.results.charts import PALETTE  # also selects the non-interactive backend
from sim.report.data import FUNNEL_IN, FUNNEL_OUT, ReportData
from sim.report.text import Language

A4_LANDSCAPE = (11.69, 8.27)  # inches
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
SMALL_MULTIPLES_FROM = 5  # scenarios: from this many, time series get one panel per scenario


def colours(data: ReportData) -> dict[str, str]:
    """One colour per scenario, fixed by the sweep's order: the baseline dark grey, then Okabe-Ito."""
    others = [s for s in dict.fromkeys(data.comparison.table.scenario) if s != data.baseline]
    return {data.baseline: BASELINE_COLOUR} | {s: PALETTE[i % 7] for i, s in enumerate(others)}


def readable(colour: str) -> str:
    """A light colour (the palette's yellow) darkened enough to be read as text on white."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    if 0.299 * r + 0.587 * g + 0.114 * b < 0.6:
        return colour
    return "#" + "".join(f"{int(255 * c * 0.62):02x}" for c in (r, g, b))


def label(data: ReportData, scenario: str, lang: Language) -> str:
    name = data.names[scenario][lang.code]
    return f"{name} {lang('baseline_mark')}" if data.marked_as_reference(scenario) else name


def page(title: str, subtitle: str) -> Figure:
    """An empty A4 landscape page with its title and a one-line explanation."""
    fig = Figure(figsize=A4_LANDSCAPE)
    FigureCanvasAgg(fig)  # a renderer, to measure text
    fig.text(0.05, 0.94, title, fontsize=20, fontweight="bold", va="top")
    fig.text(0.05, 0.885, textwrap.fill(subtitle, 110), fontsize=12.5, color=NOTE_COLOUR, va="top")
    return fig


def _bar_labels(ax, lang: Language, data: ReportData) -> None:
    names = [label(data, s, lang) for s in data.scenarios]
    ax.set_yticks(range(len(names)), names)
    for tick, scenario in zip(ax.get_yticklabels(), data.scenarios):
        tick.set_fontweight("bold" if scenario in data.references else "normal")
    pad = 0.5 + max(0, 4 - len(names)) * 0.4  # few scenarios: slim bars, not slabs
    ax.set_ylim(len(names) - 1 + pad, -pad)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)


def no_show_by_scenario(data: ReportData, lang: Language) -> Figure:
    sub = lang("no_show_sub") if data.replications > 1 else lang("one_run").capitalize()
    fig = page(lang("no_show_title"), sub)
    ax = fig.add_axes((0.30, 0.14, 0.62, 0.68))
    h = data.headline
    y = np.arange(len(data.scenarios))
    err = np.nan_to_num(np.vstack([h.no_show - h.no_show_low, h.no_show_high - h.no_show]))
    ax.barh(y, h.no_show, color=[colours(data)[s] for s in data.scenarios], height=0.62)
    if data.replications > 1:
        ax.errorbar(h.no_show, y, xerr=err, fmt="none", ecolor="#111111", elinewidth=2, capsize=7)
    for i, (mean, high) in enumerate(zip(h.no_show, h.no_show_high.fillna(h.no_show))):
        ax.text(high + 0.006, i, lang.pct(mean), va="center", fontsize=15, fontweight="bold")
    _bar_labels(ax, lang, data)
    ax.set_xlim(0, max(h.no_show_high.fillna(h.no_show)) * 1.2)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.pct(v, 0)))
    ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 5, 10]))
    ax.set_xlabel(lang("no_show_axis"))
    return fig


def weekly_no_show(data: ReportData, lang: Language) -> Figure:
    return _time_series(data, lang, data.weekly, "weekly", lambda v, _: lang.pct(v, 0), (0, 1))


def waiting_list(data: ReportData, lang: Language) -> Figure:
    return _time_series(data, lang, data.waiting, "waiting", lambda v, _: lang.num(v), (0, None))


def _time_series(data: ReportData, lang: Language, series, key: str, ticks, limits) -> Figure:
    """Mean per scenario with its 95% CI band; one panel per scenario when there are many."""
    sub = lang(f"{key}_sub") if data.replications > 1 else lang("single_band")
    fig = page(lang(f"{key}_title"), sub)
    # With few replications a CI can reach past what can be (below 0, above 100%): cut it there.
    series = series.assign(low=series.low.clip(*limits), high=series.high.clip(*limits))
    groups = dict(tuple(series.groupby("scenario", sort=False)))
    many = len(data.scenarios) >= SMALL_MULTIPLES_FROM
    columns = math.ceil(len(data.scenarios) / 2) if many else 1
    grid = fig.add_gridspec(2 if many else 1, columns, left=0.10, right=0.97, top=0.80 if many else 0.74,
                            bottom=0.12, hspace=0.45, wspace=0.12)
    panels = [(data.scenarios[i:i + 1], grid[i // columns, i % columns]) for i in range(len(data.scenarios))] \
        if many else [(data.scenarios, grid[0, 0])]
    axes = []
    for number, (shown, cell) in enumerate(panels):
        ax = fig.add_subplot(cell, sharey=axes[0] if axes else None)
        reference = data.reference_of(shown[0])  # its own: the baseline at the same other settings
        if many and shown[0] != reference:
            _line(ax, groups[reference], BASELINE_COLOUR, lw=1.4, band=False, ls="--")
        for scenario in shown:
            _line(ax, groups[scenario], colours(data)[scenario], lw=2.6, band=data.replications > 1,
                  name=label(data, scenario, lang))
        if many:
            ax.set_title(textwrap.fill(data.names[shown[0]][lang.code], 24), loc="left", fontsize=13.5,
                         color=readable(colours(data)[shown[0]]), fontweight="bold")
            ax.tick_params(labelleft=number % columns == 0)
        _date_axis(ax, lang, compact=many)
        ax.yaxis.set_major_formatter(FuncFormatter(ticks))
        axes.append(ax)
    axes[0].set_ylim(bottom=0)
    axes[0].set_ylabel(lang(f"{key}_axis"))
    if many:
        fig.legend(handles=[_dash(lang)], loc="upper right", bbox_to_anchor=(0.97, 0.95))
    else:
        axes[0].legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=min(len(data.scenarios), 3),
                       borderaxespad=0, handlelength=1.6)
    return fig


def _line(ax, part, colour: str, lw: float, band: bool, ls: str = "-", name: str | None = None) -> None:
    ax.plot(part["when"], part["mean"], color=colour, lw=lw, ls=ls, label=name)
    if band:
        ax.fill_between(part["when"], part["low"], part["high"], color=colour, alpha=0.16, lw=0)


def _dash(lang: Language) -> Line2D:
    return Line2D([], [], color=BASELINE_COLOUR, lw=1.4, ls="--", label=lang("baseline_line").capitalize())


def _date_axis(ax, lang: Language, compact: bool) -> None:
    """Month ticks in the report's language, the year under the first; fewer ticks on small panels."""
    months = lang.months()
    first, last = (mdates.num2date(x) for x in ax.get_xlim())
    span = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, round(span / (4 if compact else 12)))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)) if 12 % step == 0
                               else mdates.MonthLocator(interval=step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, position: _month(value, position, months)))
    ax.tick_params(axis="x", labelsize=11 if compact else 13)


def _month(value: float, position: int, months: list[str]) -> str:
    when = mdates.num2date(value)
    return months[when.month - 1] + (f"\n{when.year}" if position == 0 or when.month == 1 else "")


def funnel(data: ReportData, lang: Language) -> Figure:
    fig = page(lang("funnel_title"), lang("funnel_sub"))
    n = len(data.scenarios)
    height = 0.8 / n
    for i, (steps, title) in enumerate([(FUNNEL_IN, "funnel_in"), (FUNNEL_OUT, "funnel_out")]):
        bottom = 0.17 if n <= 4 else 0.23  # room for a legend of two rows
        ax = fig.add_axes((0.19 + i * 0.43, bottom, 0.33, 0.81 - bottom))
        for j, scenario in enumerate(data.scenarios):
            values = data.funnel.loc[scenario, steps].to_numpy(float)
            y = np.arange(len(steps)) - 0.4 + height * (j + 0.5)
            ax.barh(y, values, height=height * 0.92, color=colours(data)[scenario], label=label(data, scenario, lang))
            if n <= 4:
                for yy, v in zip(y, values):
                    ax.text(v, yy, f" {lang.num(v)}", va="center", fontsize=11 if n > 2 else 12)
        ax.set_yticks(range(len(steps)), [lang(s) for s in steps])
        ax.invert_yaxis()
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_title(lang(title), loc="left", fontweight="bold")
        ax.set_xlim(0, data.funnel[steps].to_numpy().max() * 1.22)
        ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v)))
        ax.set_xlabel(lang("funnel_axis"))
    handles, names = ax.get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncols=min(n, 4), bbox_to_anchor=(0.5, 0.035))
    return fig


def lost_time(data: ReportData, lang: Language) -> Figure:
    fig = page(lang("lost_title"), lang("lost_sub", cost=lang.num(data.settings["cost_per_hour"])))
    ax = fig.add_axes((0.30, 0.17, 0.62, 0.64))
    h = data.headline
    y = np.arange(len(data.scenarios))
    for offset, loss, style in [(-0.2, "technical", {}), (0.2, "real", {"hatch": "//", "alpha": 0.55})]:
        mean = h[f"{loss}_hours_lost"]
        err = np.nan_to_num(np.vstack([mean - h[f"{loss}_hours_lost_low"], h[f"{loss}_hours_lost_high"] - mean]))
        ax.barh(y + offset, mean, height=0.38, color=[colours(data)[s] for s in data.scenarios],
                edgecolor="white", **style)
        if data.replications > 1:
            ax.errorbar(mean, y + offset, xerr=err, fmt="none", ecolor="#111111", elinewidth=1.6, capsize=5)
        for yy, v, hi in zip(y + offset, mean, h[f"{loss}_hours_lost_high"].fillna(mean)):
            ax.text(hi, yy, f"  {lang.num(v)}", va="center", fontsize=13)
    _bar_labels(ax, lang, data)
    ax.set_xlim(0, h.technical_hours_lost_high.fillna(h.technical_hours_lost).max() * 1.18)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v)))
    ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax.set_xlabel(lang("lost_axis"))
    legend = [Patch(facecolor="#777777", label=lang("technical").capitalize()),
              Patch(facecolor="#777777", alpha=0.55, hatch="//", edgecolor="white", label=lang("real").capitalize())]
    fig.legend(handles=legend, loc="lower center", ncols=2, bbox_to_anchor=(0.61, 0.0))
    return fig
