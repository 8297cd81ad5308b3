"""The report's charts over time: the weekly no-show rate and the waiting list, each scenario's
mean with its 95% CI band. Up to four scenarios share one chart, their legend beside it; from
`SMALL_MULTIPLES_FROM` on, each scenario has its own panel with its reference dashed in it,
`PANELS_PER_PAGE` panels a page (the references' first), over as many pages as needed."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.report.charts import (BASELINE_COLOUR, colours, label, page, readable, scenario_pages,
                               shown_order)
from sim.report.data import ReportData
from sim.report.layout import PAGE_POINTS, wrap
from sim.report.text import Language

SMALL_MULTIPLES_FROM = 5  # scenarios: from this many, one panel per scenario
PANELS_PER_PAGE, PANEL_COLUMNS = 12, 4
LEFT, RIGHT, TOP, BOTTOM = 0.09, 0.97, 0.80, 0.13  # the panels' area, of the page
LEGEND_LEFT = 0.70  # one chart for a few scenarios: the legend right of it


def weekly_no_show(data: ReportData, lang: Language) -> list[Figure]:
    return _time_series(data, lang, data.weekly, "weekly", lambda v, _: lang.pct(v, 0), (0, 1))


def waiting_list(data: ReportData, lang: Language) -> list[Figure]:
    return _time_series(data, lang, data.waiting, "waiting", lambda v, _: lang.num(v), (0, None))


def _time_series(data: ReportData, lang: Language, series, key: str, ticks,
                 limits) -> list[Figure]:
    sub = lang(f"{key}_sub") if data.replications > 1 else lang("single_band")
    # With few replications a CI can reach past what can be (below 0, above 100%): cut it there.
    series = series.assign(low=series.low.clip(*limits), high=series.high.clip(*limits))
    groups = dict(tuple(series.groupby("scenario", sort=False)))
    top = series.high.fillna(series["mean"]).max() * 1.05
    if len(data.scenarios) < SMALL_MULTIPLES_FROM:
        fig = page(lang(f"{key}_title"), sub)
        ax = fig.add_axes((LEFT, BOTTOM, LEGEND_LEFT - 0.03 - LEFT, TOP - BOTTOM))
        width = (RIGHT - LEGEND_LEFT) * PAGE_POINTS[0] - 30
        palette = colours(data)
        for scenario in shown_order(data):
            name = "\n".join(wrap(label(data, scenario, lang), width, 12, lines=3))
            _line(ax, groups[scenario], palette[scenario], lw=2.6, band=data.replications > 1,
                  name=name)
        _axes(ax, lang, ticks, top, compact=False)
        ax.set_ylabel(lang(f"{key}_axis"))
        fig.legend(loc="upper left", bbox_to_anchor=(LEGEND_LEFT, TOP), fontsize=12,
                   handlelength=1.6, labelspacing=0.9)
        return [fig]
    return [_panels(data, lang, shown, groups, key, sub, ticks, top)
            for shown in scenario_pages(data, PANELS_PER_PAGE)]


def _panels(data: ReportData, lang: Language, shown: list[str], groups, key: str, sub: str,
            ticks, top: float) -> Figure:
    """One page of panels, one scenario each, its reference dashed in it."""
    fig = page(lang(f"{key}_title"), sub)
    columns = min(PANEL_COLUMNS, len(shown))
    rows = math.ceil(len(shown) / columns)
    gap_x, gap_y = 0.025, 0.125  # between panels: tick labels, and a title of two lines
    width = (RIGHT - LEFT - gap_x * (columns - 1)) / columns
    height = (TOP - BOTTOM - gap_y * (rows - 1)) / rows
    title_points = width * PAGE_POINTS[0]
    palette = colours(data)
    for number, scenario in enumerate(shown):
        row, column = divmod(number, columns)
        ax = fig.add_axes((LEFT + column * (width + gap_x),
                           TOP - (row + 1) * height - row * gap_y, width, height))
        reference = data.reference_of(scenario)  # its own: the baseline at the same other settings
        if scenario != reference:
            _line(ax, groups[reference], BASELINE_COLOUR, lw=1.4, band=False, ls="--")
        _line(ax, groups[scenario], palette[scenario], lw=2.2, band=data.replications > 1)
        title = wrap(label(data, scenario, lang), title_points, 11, bold=True, lines=2)
        ax.set_title("\n".join(title), loc="left", fontsize=11, fontweight="bold", pad=4,
                     color=readable(palette[scenario]))
        _axes(ax, lang, ticks, top, compact=True)
        ax.tick_params(labelleft=column == 0)
    fig.text(0.012, (TOP + BOTTOM) / 2, lang(f"{key}_axis"), rotation=90, va="center", fontsize=13)
    fig.legend(handles=[_dash(lang)], loc="lower left", bbox_to_anchor=(0.04, 0.0), fontsize=12)
    return fig


def _axes(ax, lang: Language, ticks, top: float, compact: bool) -> None:
    ax.set_ylim(0, top)
    ax.yaxis.set_major_formatter(FuncFormatter(ticks))
    ax.yaxis.set_major_locator(MaxNLocator(4 if compact else 6))
    ax.tick_params(axis="y", labelsize=10 if compact else 13)
    _date_axis(ax, lang, compact)


def _line(ax, part, colour: str, lw: float, band: bool, ls: str = "-",
          name: str | None = None) -> None:
    when = part["when"].to_numpy()  # plain arrays: matplotlib reads a date column day by day
    ax.plot(when, part["mean"].to_numpy(float), color=colour, lw=lw, ls=ls, label=name)
    if band:
        ax.fill_between(when, part["low"].to_numpy(float), part["high"].to_numpy(float),
                        color=colour, alpha=0.16, lw=0)


def _dash(lang: Language) -> Line2D:
    return Line2D([], [], color=BASELINE_COLOUR, lw=1.4, ls="--",
                  label=lang("baseline_line").capitalize())


def _date_axis(ax, lang: Language, compact: bool) -> None:
    """Month ticks in the report's language, the year under the first; fewer ticks on small
    panels."""
    months = lang.months()
    first, last = (mdates.num2date(x) for x in ax.get_xlim())
    span = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, round(span / (3 if compact else 12)))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)) if 12 % step == 0
                               else mdates.MonthLocator(interval=step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, at: _month(value, at, months)))
    ax.tick_params(axis="x", labelsize=10 if compact else 13, pad=7)


def _month(value: float, position: int, months: list[str]) -> str:
    when = mdates.num2date(value)
    return months[when.month - 1] + (f"\n{when.year}" if position == 0 or when.month == 1 else "")
