"""The headline table drawn on an A4 page: grouped column heads, one row per scenario with its
colour swatch, each figure with its 95% CI under it, and under each name what the policy takes.

A sweep of many scenarios does not fit on one page: `rows_that_fit` says how many rows a page
holds, and the table goes on over the next pages (sim/report/pages.py).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from sim.report.charts import NOTE_COLOUR

ROW_HEIGHT = 0.066  # of the page: a figure and its CI, or a name and two lines of what it takes
HEAD_HEIGHT = 0.085  # three lines of column heads and a group head above them
TAKES_CHARACTERS = 44  # a line of "what it takes" under a name


@dataclass
class Column:
    head: str
    sub: str = ""
    group: str = ""
    width: float = 1.0  # share of the table's width, relative


@dataclass
class Row:
    cells: list[tuple[str, str]]  # (figure, 95% CI) per column; the first is (name, mark)
    colour: str
    bold: bool = False
    takes: str = ""  # what the policy takes, under its name


def rows_that_fit(top: float, bottom: float) -> int:
    """Rows of the table between `top` (above the heads) and `bottom`, at least one."""
    return max(1, int((top - HEAD_HEIGHT - bottom) / ROW_HEIGHT))


def draw_table(fig, columns: list[Column], rows: list[Row], top: float, left=0.045, right=0.975) -> float:
    """The table from `top` down: heads, then one row per scenario; the `y` it ends at."""
    head_low = top - HEAD_HEIGHT
    total = sum(c.width for c in columns)
    edges = [left]
    for c in columns:
        edges.append(edges[-1] + (right - left) * c.width / total)
    xs = [(edges[0] + 0.006, "left")] + [((edges[i] + edges[i + 1]) / 2, "center") for i in range(1, len(columns))]
    head = {"fontsize": 10.5, "fontweight": "bold", "va": "bottom", "linespacing": 1.15}
    for (x, align), c in zip(xs, columns):
        fig.text(x, head_low + 0.008, c.head + (f"\n{c.sub}" if c.sub else ""), ha=align, **head)
    for group in dict.fromkeys(c.group for c in columns if c.group):
        span = [i for i, c in enumerate(columns) if c.group == group]
        x0, x1 = edges[span[0]] + 0.008, edges[span[-1] + 1] - 0.008
        fig.text((x0 + x1) / 2, head_low + 0.058, group, ha="center", **head)
        fig.add_artist(_hline(x0, x1, head_low + 0.052, 0.8))
    fig.add_artist(_hline(left, right, head_low, 1.2))
    y = head_low
    for number, row in enumerate(rows):
        middle = y - ROW_HEIGHT / 2 + (0.008 if row.takes else 0)
        fig.add_artist(_swatch(left - 0.012, middle, row.colour))
        for i, ((x, align), (figure, ci)) in enumerate(zip(xs, row.cells)):
            size = 12.5
            if i == 0:  # the name, with its mark, on one line: smaller when long
                figure, ci = f"{figure} {ci}".strip(), ""
                size = 12.5 if len(figure) <= 26 else max(9.0, 12.5 * 26 / len(figure))
            fig.text(x, middle + (0.008 if ci or (i == 0 and row.takes) else 0), figure, fontsize=size,
                     fontweight="bold" if row.bold else "normal", ha=align, va="center", linespacing=1.05)
            if ci:
                fig.text(x, middle - 0.016, ci, fontsize=9.5, color=NOTE_COLOUR, ha=align, va="center")
        if row.takes:
            lines = textwrap.wrap(row.takes, TAKES_CHARACTERS, break_long_words=False)
            text = "\n".join(lines[:2]) + (" \u2026" if len(lines) > 2 else "")
            fig.text(xs[0][0], middle - 0.008, text, fontsize=8.5, color=NOTE_COLOUR, ha="left", va="top",
                     linespacing=1.1)
        y -= ROW_HEIGHT
        if number < len(rows) - 1:
            fig.add_artist(_hline(left, right, y, 0.5, "#cccccc"))
    return y


def _hline(x0: float, x1: float, y: float, lw: float, colour: str = "#444444") -> Line2D:
    return Line2D([x0, x1], [y, y], lw=lw, color=colour)


def _swatch(x: float, y: float, colour: str) -> Rectangle:
    return Rectangle((x, y - 0.018), 0.007, 0.036, color=colour)
