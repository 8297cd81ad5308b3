"""The report's patient pathway chart: per scenario, patients referred, assessed and started
(referred in the period), and courses completed, dropped out and discharged (ended in the period);
a row of bars per scenario, coloured by step, up to `ROWS_PER_PAGE` scenarios a page."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.report.charts import bar_labels, page, scenario_pages
from sim.report.data import FUNNEL_IN, FUNNEL_OUT, ReportData
from sim.report.layout import PAGE_POINTS, width
from sim.report.text import Language

STEP_COLOURS = {"in": ["#08519c", "#4292c6", "#9ecae1"], "out": ["#a63603", "#e6550d", "#fdae6b"]}
PANELS = [(FUNNEL_IN, "funnel_in", "in", 0.30), (FUNNEL_OUT, "funnel_out", "out", 0.655)]
PANEL_WIDTH, BOTTOM, TOP = 0.30, 0.24, 0.78  # of the page
LEGEND_SIZE = 11


def funnel(data: ReportData, lang: Language) -> list[Figure]:
    figures = []
    for shown in scenario_pages(data):
        fig = page(lang("funnel_title"), lang("funnel_sub"))
        for steps, title, kind, left in PANELS:
            ax = fig.add_axes((left, BOTTOM, PANEL_WIDTH, TOP - BOTTOM))
            _panel(ax, data, lang, shown, steps, STEP_COLOURS[kind])
            bar_labels(ax, lang, data, shown)
            ax.tick_params(labelleft=kind == "in")  # the names once, left of both
            ax.set_title(lang(title), loc="left", fontweight="bold", fontsize=14)
            names = [lang(s) for s in steps]
            fits = sum(width(n, LEGEND_SIZE) + 40 for n in names) < PANEL_WIDTH * PAGE_POINTS[0]
            fig.legend(ax.get_legend_handles_labels()[0], names, loc="upper center",
                       fontsize=LEGEND_SIZE, ncols=3 if fits else 2, bbox_to_anchor=(left + PANEL_WIDTH / 2, 0.135),
                       handlelength=1.2, columnspacing=1.0)
        figures.append(fig)
    return figures


def _panel(ax, data: ReportData, lang: Language, shown: list[str], steps: list[str],
           palette) -> None:
    values = data.funnel.loc[shown, steps].to_numpy(float)
    height = 0.8 / len(steps)
    y = np.arange(len(shown))
    row_points = (TOP - BOTTOM) * PAGE_POINTS[1] / max(len(shown), 4)
    size = min(11.0, height * row_points * 0.8)
    for k, step in enumerate(steps):
        rows = y - 0.4 + height * (k + 0.5)
        ax.barh(rows, values[:, k], height=height * 0.9, color=palette[k], label=lang(step))
        if len(shown) <= 6:  # few rows: the numbers by the bars
            for yy, v in zip(rows, values[:, k]):
                ax.text(v, yy, f" {lang.num(v)}", va="center", fontsize=size)
    top = data.funnel[steps].to_numpy(float).max()  # the same scale on every page
    ax.set_xlim(0, (top or 1) * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v)))
    ax.set_xlabel(lang("funnel_axis"))
