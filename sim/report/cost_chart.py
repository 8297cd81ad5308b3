"""The board report's chart of what each policy gives against what it costs: no-show percentage
points avoided against the change in net cost a year, one labelled point per scenario with its
95% CIs, and grey lines through the reference of equal NOK a year per point avoided.

Labels are placed beside their points and moved apart when they would overlap, so that a sweep
of some twenty levers stays readable.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.report.charts import BASELINE_COLOUR, colours, markers, page, readable
from sim.report.layout import PAGE_POINTS, line_height, wrap
from sim.report.data import ReportData
from sim.report.text import Language

GUIDES = (1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7)  # NOK a year per point: the lines drawn, where they fit
LABEL_GAP = 1.15  # label spacing, in label heights
LABEL_POINTS = 170  # a name by its point wraps at this width
KEY_LEFT, KEY_RIGHT = 0.725, 0.975  # the key's column, of the page's width
DIRECT_LABELS = 8  # up to this many policies, names by their points; more: numbers and a key


def effect_and_cost(data: ReportData, lang: Language) -> Figure:
    references = data.references
    names = lang.join([data.names[s][lang.code] for s in references]) if references else ""
    ci = lang("cost_ci") if data.replications > 1 else lang("cost_ci_one_run")
    fig = page(lang("cost_title"), lang("cost_sub", reference=names, ci=ci))
    many = len(data.policies) > DIRECT_LABELS
    ax = fig.add_axes((0.10, 0.12, 0.58 if many else 0.66, 0.64))
    if data.single:
        ax.set_axis_off()
        ax.text(0.5, 0.5, lang("cost_single"), ha="center", va="center", fontsize=15, transform=ax.transAxes)
        return fig
    h = data.headline.loc[data.policies]
    x = -100 * h.no_show_change.to_numpy(float)
    y = h.net_cost.to_numpy(float) / 1000
    xerr = np.nan_to_num(np.vstack([x + 100 * h.no_show_change_high, -100 * h.no_show_change_low - x]))
    yerr = np.nan_to_num(np.vstack([y - h.net_cost_low / 1000, h.net_cost_high / 1000 - y]))
    palette, shapes = colours(data), markers(data)
    for i, scenario in enumerate(h.index):
        ax.errorbar(x[i], y[i], xerr=xerr[:, [i]], yerr=yerr[:, [i]], fmt=shapes[scenario],
                    color=palette[scenario], ms=9, elinewidth=1.1 if many else 1.6,
                    capsize=3 if many else 4, alpha=0.9, zorder=3)
    ax.plot([0], [0], marker="s", color=BASELINE_COLOUR, ms=10, zorder=3)
    _limits(ax, np.append(x, 0), np.append(y, 0))
    guides = _guides(ax, lang)
    ax.axhline(0, color="#888888", lw=1)
    ax.axvline(0, color="#888888", lw=1)
    reference = f"{names} {lang('baseline_mark')}"
    said = [(data.names[s][lang.code], readable(palette[s])) for s in h.index]  # name, colour
    if many:  # numbers by the points, the names in a key beside the chart (the table's order)
        numbers = [(x[i], y[i], str(i + 1), colour) for i, (_, colour) in enumerate(said)]
        _labels(fig, ax, numbers, guides, right=ax.get_position().x1)
        key = [(f"{i + 1}", name, colour) for i, (name, colour) in enumerate(said)]
        _key(fig, key + [("\u25a0", reference, BASELINE_COLOUR)])
    else:
        labels = [(x[i], y[i], name, colour) for i, (name, colour) in enumerate(said)]
        _labels(fig, ax, labels + [(0.0, 0.0, reference, BASELINE_COLOUR)], guides, right=0.98)
    ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(7, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v, 0 if v == round(v) else 1)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: lang.num(v)))
    ax.set_xlabel(lang("cost_x_axis"))
    ax.set_ylabel(lang("cost_y_axis"))
    return fig


def _limits(ax, x, y) -> None:
    """Room around the points: 10% of the span, and on the right for the labels."""
    span_x, span_y = np.ptp(x) or 1.0, np.ptp(y) or 100.0
    ax.set_xlim(min(x.min(), 0) - 0.1 * span_x, max(x.max(), 0) + 0.1 * span_x)
    ax.set_ylim(min(y.min(), 0) - 0.12 * span_y, max(y.max(), 0) + 0.12 * span_y)


def _guides(ax, lang: Language) -> list:
    """Grey lines of equal NOK a year per point avoided, through the reference (0, 0); their labels
    (a label that would cover another is left out)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    renderer = ax.figure.canvas.get_renderer()
    boxes, kept = [], []  # the labels drawn: their boxes in pixels, and themselves
    shown = 0
    for nok in GUIDES:
        slope = nok / 1000  # NOK 1,000 a year per point
        if x1 <= 0 or slope * x1 < y1 * 0.08:
            continue  # too flat to tell from the axis
        end = min(x1, y1 / slope)
        ax.plot([0, end], [0, slope * end], color="#bbbbbb", lw=1, ls="--", zorder=1)
        text = ax.text(end, slope * end, " " + lang("cost_line", value=lang.num(nok)),
                       fontsize=9.5, color="#888888", ha="left" if end < x1 else "right",
                       va="bottom", rotation=0)
        box = text.get_window_extent(renderer)
        if box.x1 > ax.bbox.x1:  # past the chart (into the key): end the label at the line's end
            text.set_horizontalalignment("right")
            text.set_text(text.get_text().strip() + " ")
            box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in boxes):
            text.remove()  # the line says it near another's: its label would cover that one
        else:
            boxes.append(box)
            kept.append(text)
        shown += 1
        if shown == 3:
            break
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return kept


def _labels(fig, ax, labels, guides: list, right: float) -> None:
    """Each label above and right of its point; one that would overlap another (or a guide's label,
    `guides`) moves to the nearest free place above or below (or to the left), with a
    thin line back to its point; no label reaches past `right` (of the page). Points drawn on the
    same spot share one label ("3, 7")."""
    renderer = fig.canvas.get_renderer()
    to_pixels, from_pixels = ax.transData.transform, ax.transData.inverted().transform
    placed = [tuple(t.get_window_extent(renderer).extents) for t in guides]  # x0, y0, x1, y1 px
    limit = right * fig.bbox.x1
    for px, py, name, colour in _same_spot(labels, to_pixels):
        sx, sy = to_pixels((px, py))
        name = "\n".join(wrap(name, LABEL_POINTS, 10.5, lines=3))
        text = ax.text(px, py, name, fontsize=10.5, color=colour, va="bottom", ha="left", zorder=4,
                       bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1})
        box = text.get_window_extent(renderer)
        width, height = box.width, box.height * LABEL_GAP
        spot = (min(sx + 8, limit - width), sy + 4)  # if no place is free: at least on the page
        for step in range(0, 30):
            y0 = sy + 4 + (step + 1) // 2 * (1 if step % 2 == 0 else -1) * height
            if not ax.bbox.y0 <= y0 <= ax.bbox.y1 - height:
                continue  # above or below the chart
            for x0 in (sx + 8, sx - 8 - width, limit - width):
                if x0 < ax.bbox.x0 or x0 + width > limit:  # it would leave the chart or page
                    continue
                if not any(_overlap((x0, y0, x0 + width, y0 + height), b) for b in placed):
                    spot = (x0, y0)
                    break
            else:
                continue
            break
        text.set_position(from_pixels(spot))
        if not (math.isclose(spot[1], sy + 4, abs_tol=2) and spot[0] > sx):  # moved: a line back
            end = (spot[0] + (0 if spot[0] > sx else width), spot[1])
            ax.annotate("", xy=(px, py), xytext=from_pixels(end),
                        arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "lw": 0.8})
        placed.append((spot[0], spot[1], spot[0] + width, spot[1] + height))
    for guide in guides:  # a label with no free place left is set over a guide's: that one goes
        box = tuple(guide.get_window_extent(renderer).extents)
        if any(_overlap(box, b) for b in placed[len(guides):]):
            guide.remove()


def _overlap(a, b) -> bool:
    """Whether boxes `a` and `b` (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _same_spot(labels, to_pixels, pixels: float = 6.0):
    """The labels, top first, those of points within `pixels` of each other joined ("3, 7")."""
    groups: list[list] = []
    for label in sorted(labels, key=lambda item: -item[1]):
        spot = to_pixels((label[0], label[1]))
        for group in groups:
            if abs(group[0][0] - spot[0]) < pixels and abs(group[0][1] - spot[1]) < pixels:
                group[1].append(label)
                break
        else:
            groups.append([spot, [label]])
    for _, members in groups:
        px, py, _, colour = members[0]
        names = ", ".join(m[2] for m in members)
        yield px, py, names, colour if len(members) == 1 else "#444444"


def _key(fig, entries) -> None:
    """The names of the numbered points, in a column beside the chart, each wrapped to it (on one
    line, cut, when there are too many for two lines each)."""
    top, bottom, gap = 0.78, 0.06, 2.0  # of the page; points between entries
    size = 9.5 if len(entries) <= 24 else 8.5
    points = (KEY_RIGHT - KEY_LEFT) * PAGE_POINTS[0]
    room = (top - bottom) * PAGE_POINTS[1] - gap * len(entries)  # points for the lines
    lines = [wrap(name, points, size, lines=2) for _, name, _ in entries]
    if sum(map(len, lines)) * line_height(size) > room:
        lines = [wrap(name, points, size, lines=1) for _, name, _ in entries]
    y = top
    for (number, _, colour), name in zip(entries, lines):
        fig.text(KEY_LEFT - 0.01, y, number, fontsize=size, color=colour, fontweight="bold",
                 ha="right", va="top")
        fig.text(KEY_LEFT, y, "\n".join(name), fontsize=size, color=colour, va="top",
                 linespacing=1.2)
        y -= (len(name) * line_height(size) + gap) / PAGE_POINTS[1]
