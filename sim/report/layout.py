"""Text measured as it will be drawn, so the report's pages lay out for 1 to 30 scenarios: words
wrapped to a width in points, a font made smaller until a text fits, and scenarios split over
pages with the reference first on each.

Widths are measured with matplotlib's Agg renderer at 72 dpi (one pixel a point), with the
report's font (DejaVu Sans); a small margin covers rounding at other resolutions.
"""

from __future__ import annotations

import math
from functools import cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

MEASURED_AT = 100.0  # points: each character is measured once, at this size
MARGIN = 1.04  # measured widths are taken this much wider: hinting differs a little by resolution
ELLIPSIS = "\u2026"
A4_LANDSCAPE = (11.69, 8.27)  # inches
PAGE_POINTS = (A4_LANDSCAPE[0] * 72, A4_LANDSCAPE[1] * 72)  # the same, in points


@cache
def _renderer() -> RendererAgg:
    return RendererAgg(10, 10, 72)


def width(text: str, size: float, bold: bool = False, mono: bool = False) -> float:
    """The width of one line of `text`, in points (of its widest line, if several): the sum of
    its characters' widths (kerning left out: the margin covers it)."""
    if "\n" in text:
        return max(width(line, size, bold, mono) for line in text.split("\n"))
    return sum(_character(c, bold, mono) for c in text) * size / MEASURED_AT * MARGIN


@cache
def _character(character: str, bold: bool, mono: bool) -> float:
    """One character's advance at `MEASURED_AT` points (a large size: little hinting)."""
    family = "DejaVu Sans Mono" if mono else "DejaVu Sans"
    prop = FontProperties(family=family, size=MEASURED_AT, weight="bold" if bold else "normal")
    # between two bars: the advance, with the space a character has on each side
    bars = _renderer().get_text_width_height_descent("||", prop, ismath=False)[0]
    between = _renderer().get_text_width_height_descent(f"|{character}|", prop, ismath=False)[0]
    return between - bars


def wrap(text: str, points: float, size: float, bold: bool = False, lines: int | None = None,
         mono: bool = False) -> list[str]:
    """`text` in lines no wider than `points`: words kept whole where they fit a line, else broken;
    at most `lines` lines, the last ending in an ellipsis when some words are left out."""
    def measure(line: str) -> float:
        return width(line, size, bold, mono)

    out: list[str] = []
    for word in text.split():
        while measure(word) > points and len(word) > 1:  # too long for any line
            cut = max(1, int(len(word) * points / measure(word)) - 1)
            if out and measure(f"{out[-1]} {word[:cut]}") <= points:
                out[-1] += " " + word[:cut]
            else:
                out.append(word[:cut])
            word = word[cut:]
        if out and measure(f"{out[-1]} {word}") <= points:
            out[-1] += " " + word
        else:
            out.append(word)
    if lines is not None and len(out) > lines:
        out = out[:lines]
        while out[-1] and measure(out[-1] + ELLIPSIS) > points:
            out[-1] = out[-1][:-1].rstrip()
        out[-1] += ELLIPSIS
    return out or [""]


def fitting_size(text: str, points: float, size: float, smallest: float,
                 bold: bool = False) -> float:
    """The largest font size from `size` down to `smallest` at which each line of `text` fits."""
    widest = width(text, size, bold)  # of its widest line
    return max(smallest, min(size, 0.98 * size * points / widest)) if widest else size


def line_height(size: float, spacing: float = 1.2) -> float:
    """The height of a line of text at `size` points in a text of several, in points (matplotlib
    spaces lines by the font size times the line spacing)."""
    return size * spacing


def split_pages(others: list[str], references: list[str], per_page: int) -> list[list[str]]:
    """Scenarios in pages of at most `per_page`, the `references` first on every page and the
    `others`, in their order, spread evenly over as few pages as hold them."""
    room = max(1, per_page - len(references))
    if not others:
        return [list(references)]
    pages = math.ceil(len(others) / room)
    size = math.ceil(len(others) / pages)
    return [list(references) + others[i:i + size] for i in range(0, len(others), size)]
