"""The live charts as ECharts options (drawn in the browser: solara-assets serves ECharts, so no
request leaves the machine): each series of the policy's run against the baseline's.

The x axis always spans the counted window, so the lines grow from left to right as it plays.
"""

from __future__ import annotations

import math

import pandas as pd

from sim.explorer.live import SoFar
from sim.explorer.words import word

POLICY_COLOUR, BASELINE_COLOUR = "#1565c0", "#9e9e9e"


def window(start_date: str, days: int) -> tuple[str, str]:
    """The counted window's first and last day (ISO dates)."""
    first = pd.Timestamp(start_date)
    return first.date().isoformat(), (first + pd.Timedelta(days=days - 1)).date().isoformat()


def daily(title: str, policy: list, baseline: list, dates: list[str], span: tuple[str, str],
          language: str) -> dict:
    """One daily series of both runs."""
    return _option(title, span, [
        _line(word("policy_line", language), dates, policy, POLICY_COLOUR),
        _line(word("baseline_line", language), dates, baseline, BASELINE_COLOUR, dashed=True)])


def lost_hours(policy: SoFar, baseline: SoFar, span: tuple[str, str], language: str) -> dict:
    """Slots missed and time really lost, summed so far, for both runs."""
    series = []
    for name, colour in (("technical", POLICY_COLOUR), ("real", "#ef6c00")):
        series.append(_line(word(name, language), policy.dates,
                            getattr(policy, f"{name}_loss_hours"), colour))
        series.append(_line(f"{word(name, language)} ({word('baseline_line', language)})",
                            baseline.dates, getattr(baseline, f"{name}_loss_hours"),
                            BASELINE_COLOUR, dashed=True))
    return _option(word("lost_chart", language) + " (h)", span, series)


def weekly_no_show(policy: SoFar, baseline: SoFar, clinics: dict[str, str],
                   span: tuple[str, str], language: str) -> dict:
    """The no-show rate of each whole week so far, all clinics and each clinic (one small chart
    each, in %)."""
    panels = {"all": word("all_clinics", language), **clinics}
    columns = 3
    rows = math.ceil(len(panels) / columns)
    grids, xs, ys, series, titles = [], [], [], [], []
    for i, (key, name) in enumerate(panels.items()):
        row, column = divmod(i, columns)
        left, top = 5 + column * 33, 14 + row * (80 / rows)
        grids.append({"left": f"{left}%", "width": "25%", "top": f"{top}%",
                      "height": f"{80 / rows - 14}%"})
        titles.append({"text": name, "left": f"{left}%", "top": f"{top - 7}%",
                       "textStyle": {"fontSize": 12}})
        xs.append({"type": "time", "gridIndex": i, "min": span[0], "max": span[1],
                   "axisLabel": {"fontSize": 9, "hideOverlap": True}, "splitNumber": 3})
        ys.append({"type": "value", "gridIndex": i, "min": 0, "axisLabel": {"fontSize": 9}})
        for run, line, colour, dashed in ((policy, "policy_line", POLICY_COLOUR, False),
                                          (baseline, "baseline_line", BASELINE_COLOUR, True)):
            weeks = run.weekly_no_show
            values = weeks[key] if key in weeks else pd.Series(dtype=float)
            points = [[d.date().isoformat(), _percent(v)] for d, v in values.items()]
            entry = _line(word(line, language), None, None, colour, dashed, points)
            series.append(entry | {"xAxisIndex": i, "yAxisIndex": i})
    return {"animation": False, "title": [{"text": word("no_show_chart", language) + " (%)",
                                           "textStyle": {"fontSize": 14}}] + titles,
            "legend": {"top": 0, "right": 10, "data": [word("policy_line", language),
                                                      word("baseline_line", language)]},
            "tooltip": {"trigger": "axis"}, "grid": grids, "xAxis": xs, "yAxis": ys,
            "series": series}


def _option(title: str, span: tuple[str, str], series: list[dict]) -> dict:
    return {"animation": False, "title": {"text": title, "textStyle": {"fontSize": 14}},
            "legend": {"top": 24, "textStyle": {"fontSize": 10}}, "tooltip": {"trigger": "axis"},
            "grid": {"left": 55, "right": 20, "top": 60, "bottom": 30},
            "xAxis": {"type": "time", "min": span[0], "max": span[1], "splitNumber": 4},
            "yAxis": {"type": "value", "scale": True}, "series": series,
            "toolbox": {"feature": {"saveAsImage": {"title": "PNG"}}, "right": 0}}


def _line(name, dates, values, colour, dashed=False, points=None) -> dict:
    data = points if points is not None else [[d, v] for d, v in zip(dates, values)]
    return {"name": name, "type": "line", "showSymbol": False, "data": data,
            "lineStyle": {"color": colour, "type": "dashed" if dashed else "solid", "width": 2},
            "itemStyle": {"color": colour}}


def _percent(value: float):
    return None if value != value else round(100 * float(value), 1)
