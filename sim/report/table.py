"""The headline table drawn on an A4 page: grouped column heads, one row per scenario with its
colour swatch, each figure with its 95% CI under it, and under each name what the policy takes.

Every text is measured (sim/report/layout.py): a name wraps within its column (up to three
lines), a figure too wide for its column is set smaller, and a row is as tall as what it holds.
`rows_that_fit` says how many rows a page holds; sim/report/pages.py puts the table over pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from sim.report.charts import NOTE_COLOUR
from sim.report.layout import PAGE_POINTS, fitting_size, line_height, wrap

LEFT, RIGHT = 0.045, 0.975  # the table's edges, of the page's width
PAD = 5.0  # points above and below a row's content, and beside a cell's
NAME, TAKES, FIGURE, CI, HEAD = 11.0, 8.0, 12.0, 9.0, 10.0  # font sizes
SMALLEST = 7.0  # no figure is set smaller than this to fit its column
HEAD_LINES = 4  # a group head over three lines of column head
HEAD_HEIGHT = (HEAD_LINES * line_height(HEAD, 1.15) + 2 * PAD) / PAGE_POINTS[1]  # of the page


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
    name_points: float = 200.0  # the width of the name column (`name_width`)

    @cached_property
    def name_lines(self) -> list[str]:
        name, mark = self.cells[0]
        return wrap(f"{name} {mark}".strip(), self.name_points - 2 * PAD, NAME, self.bold, lines=3)

    @cached_property
    def takes_lines(self) -> list[str]:
        return wrap(self.takes, self.name_points - 2 * PAD, TAKES, lines=2) if self.takes else []

    @cached_property
    def height(self) -> float:
        """The row's height as a share of the page's."""
        name = len(self.name_lines) * line_height(NAME) + \
            len(self.takes_lines) * line_height(TAKES, 1.15)
        figures = line_height(FIGURE) + line_height(CI)
        return (max(name, figures) + 2 * PAD) / PAGE_POINTS[1]


def edges(columns: list[Column]) -> list[float]:
    """The columns' edges, as shares of the page's width."""
    total = sum(c.width for c in columns)
    out = [LEFT]
    for c in columns:
        out.append(out[-1] + (RIGHT - LEFT) * c.width / total)
    return out


def name_width(columns: list[Column]) -> float:
    """The width of the name column, in points: a row's name and what it takes wrap to it."""
    return (edges(columns)[1] - LEFT) * PAGE_POINTS[0]


def rows_that_fit(rows: list[Row], top: float, bottom: float) -> int:
    """How many of `rows`, from the first, fit between `top` (above the heads) and `bottom`."""
    y, count = top - HEAD_HEIGHT, 0
    for row in rows:
        y -= row.height
        if y < bottom:
            break
        count += 1
    return count


def draw_table(fig, columns: list[Column], rows: list[Row], top: float) -> float:
    """The table from `top` down: heads, then one row per scenario; the `y` it ends at."""
    head_low = top - HEAD_HEIGHT
    x = edges(columns)
    widths = [(x[i + 1] - x[i]) * PAGE_POINTS[0] - 2 * PAD for i in range(len(columns))]
    centres = [x[0] + PAD / PAGE_POINTS[0]] + [(x[i] + x[i + 1]) / 2
                                               for i in range(1, len(columns))]
    aligns = ["left"] + ["center"] * (len(columns) - 1)
    head = {"fontweight": "bold", "va": "bottom", "linespacing": 1.15}
    for i, c in enumerate(columns):
        words = " ".join(part for part in (c.head, c.sub) if part)
        # as large as lets every word fit its column whole
        size = fitting_size("\n".join(words.split()), widths[i], HEAD, SMALLEST, bold=True)
        lines = [line for part in (c.head, c.sub) if part for text in part.split("\n")
                 for line in wrap(text, widths[i], size, bold=True)]
        fig.text(centres[i], head_low + PAD / PAGE_POINTS[1], "\n".join(lines[:HEAD_LINES - 1]),
                 ha=aligns[i], fontsize=size, **head)
    group_y = head_low + (PAD + (HEAD_LINES - 1) * line_height(HEAD, 1.15)) / PAGE_POINTS[1]
    for group in dict.fromkeys(c.group for c in columns if c.group):
        span = [i for i, c in enumerate(columns) if c.group == group]
        x0, x1 = x[span[0]] + 0.008, x[span[-1] + 1] - 0.008
        fig.text((x0 + x1) / 2, group_y + 0.006, group, ha="center", fontsize=HEAD, **head)
        fig.add_artist(_hline(x0, x1, group_y, 0.8))
    fig.add_artist(_hline(LEFT, RIGHT, head_low, 1.2))
    y = head_low
    for number, row in enumerate(rows):
        _draw_row(fig, row, y, centres, aligns, widths)
        y -= row.height
        if number < len(rows) - 1:
            fig.add_artist(_hline(LEFT, RIGHT, y, 0.5, "#cccccc"))
    return y


def _draw_row(fig, row: Row, top: float, centres, aligns, widths) -> None:
    weight = "bold" if row.bold else "normal"
    y = top - PAD / PAGE_POINTS[1]
    fig.add_artist(Rectangle((LEFT - 0.012, top - row.height + 0.006), 0.007, row.height - 0.012,
                             color=row.colour))
    fig.text(centres[0], y, "\n".join(row.name_lines), fontsize=NAME, fontweight=weight, va="top",
             linespacing=1.2)
    if row.takes_lines:
        below = y - len(row.name_lines) * line_height(NAME) / PAGE_POINTS[1]
        fig.text(centres[0], below, "\n".join(row.takes_lines), fontsize=TAKES, color=NOTE_COLOUR,
                 va="top", linespacing=1.15)
    cells = zip(centres[1:], aligns[1:], widths[1:], row.cells[1:])
    for centre, align, points, (figure, ci) in cells:
        fig.text(centre, y, figure, fontweight=weight, ha=align, va="top",
                 fontsize=fitting_size(figure, points, FIGURE, SMALLEST, row.bold))
        if ci:
            fig.text(centre, y - line_height(FIGURE) / PAGE_POINTS[1], ci, ha=align, va="top",
                     fontsize=fitting_size(ci, points, CI, SMALLEST), color=NOTE_COLOUR)


def _hline(x0: float, x1: float, y: float, lw: float, colour: str = "#444444") -> Line2D:
    return Line2D([x0, x1], [y, y], lw=lw, color=colour)
