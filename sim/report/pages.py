"""The report's text pages: page one (key message and headline table) and the footnote page
(assumptions, sources, settings, how to reproduce).

The words are built once (`key_message`, `headline_cells`, `footnotes`) and drawn twice: on an A4
page here, and as HTML in sim/report/html.py.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from sim.report import formats as fmt
from sim.report.charts import NOTE_COLOUR, colours, page
from sim.report.data import ReportData
from sim.report.notes import footnotes, incomplete_message, table_note  # noqa: F401 - public here too
from sim.report.text import Language

NOK_STEP = 1000  # NOK are rounded to the nearest thousand
DASH = "\u2013"  # the baseline's own change
COLUMN_INCHES = 0.45 * 11.69  # a column of the footnote page
WARNING_COLOUR = "#b00020"  # an incomplete sweep, on page one


@dataclass
class Column:
    head: str
    sub: str = ""
    group: str = ""
    width: float = 1.0  # share of the table's width, relative


def subtitle(data: ReportData, lang: Language) -> str:
    s = data.settings
    end = s["start"] + pd.Timedelta(days=s["horizon_days"] - 1)
    n, reps, most = len(data.scenarios), data.replications, int(data.headline.n.max())
    if n == 1:
        runs = lang("one_run") if reps < 2 else lang("one_scenario", reps=reps)
    elif most > reps:  # an incomplete sweep, reported as it is
        runs = lang("scenarios", n=n, reps=f"{reps}\u2013{most}")
    else:
        runs = lang("scenarios_one_run", n=n) if reps < 2 else lang("scenarios", n=n, reps=reps)
    period = lang("period", start=lang.day(s["start"]), end=lang.day(end), days=s["horizon_days"])
    return " · ".join([lang("clinics", sites=lang.join(s["sites"])), runs, period])


def key_message(data: ReportData, lang: Language) -> str:
    """The sentence a board reads first: the best scenario's effect, hours and money."""
    h = data.headline
    nok = _nok(lang)
    if data.single:
        r = h.iloc[0]
        return lang("single", name=data.names[data.scenarios[0]][lang.code], value=lang.pct(r.no_show),
                    hours=lang.num(r.technical_hours_lost), nok=nok(r.technical_nok_lost),
                    real_hours=lang.num(r.real_hours_lost), real_nok=nok(r.real_nok_lost))
    best = h.iloc[0]
    certain = best.no_show_change_high < 0 if data.replications > 1 else best.no_show_change < 0
    if data.scenarios[0] in data.references or not certain:
        return lang("no_gain")
    ci = lang("best_ci", low=lang.pp(best.no_show_change_low), high=lang.pp(best.no_show_change_high)) \
        if data.replications > 1 else ""
    own = data.comparison.table.set_index("scenario").baseline[data.scenarios[0]].iloc[0]  # its own baseline
    return lang("best", name=data.names[data.scenarios[0]][lang.code], base=lang.pct(h.loc[own, "no_show"]),
                value=lang.pct(best.no_show), diff=lang.pp(best.no_show_change), ci=ci,
                hours=lang.num(best.technical_hours_freed), nok=nok(best.technical_nok_freed),
                real_hours=lang.num(best.real_hours_freed), real_nok=nok(best.real_nok_freed))


def _nok(lang: Language):
    return lambda value: lang.num(fmt.rounded(value, NOK_STEP))


def headline_cells(data: ReportData, lang: Language) -> tuple[list[Column], list[list[tuple[str, str]]]]:
    """The headline table: its columns, and per scenario one (figure, 95% CI) pair per column.

    NOK are hours x the clinician cost: their CI is the hours' CI, so it is not repeated.
    """
    hours, money, kind = ("freed", "value", "freed") if not data.single else ("lost", "cost", "lost")
    ci = lang("sub_ci") if data.replications > 1 else ""
    columns = [Column(lang("head_scenario"), width=2.2), Column(lang("head_no_show"), ci, width=1.15)]
    if not data.single:
        columns.append(Column(lang("head_change"), lang("sub_change"), width=1.3))
    columns += [Column(lang(loss), group=lang(f"head_{hours}"), width=1.12) for loss in ("technical", "real")]
    columns += [Column(lang(loss), group=lang(f"head_{money}"), width=0.98) for loss in ("technical", "real")]
    columns += [Column(lang("head_days"), lang("sub_days"), width=1.05),
                Column(lang("head_treated"), lang("sub_treated"), width=1.0)]
    rows = []
    for scenario, r in data.headline.iterrows():
        reference = scenario in data.references and not data.single
        cells = [(data.names[scenario][lang.code], lang("baseline_mark") if reference else ""),
                 _cell(lang, r, "no_show", lang.pct, lambda v: lang.num(100 * v, 1))]
        if not data.single:
            cells.append(_cell(lang, r, "no_show_change", lang.pp, lang.pp) if not reference else (DASH, ""))
        for loss in ("technical", "real"):
            cells.append(_cell(lang, r, f"{loss}_hours_{kind}", lang.num, lang.num) if not reference else (DASH, ""))
        for loss in ("technical", "real"):
            cells.append((_nok(lang)(r[f"{loss}_nok_{kind}"]), "") if not reference else (DASH, ""))
        cells += [_cell(lang, r, "days", lambda v: lang.num(v, 1), lambda v: lang.num(v, 1)),
                  _cell(lang, r, "treated", lang.num, lang.num)]
        rows.append(cells)
    return columns, rows


def _cell(lang: Language, r, key: str, show, show_end) -> tuple[str, str]:
    """The figure, and its 95% CI as plain numbers (the unit is in the figure above it)."""
    low, high = r[f"{key}_low"], r[f"{key}_high"]
    if fmt.missing(low) or fmt.missing(high):
        return show(r[key]), ""
    return show(r[key]), lang.ci(show_end(low), show_end(high))


# ---------------------------------------------------------------------------------- drawing

def headline_page(data: ReportData, lang: Language):
    fig = page(lang("title"), subtitle(data, lang))
    fig.text(0.05, 0.80, textwrap.fill(key_message(data, lang), 100), fontsize=14, va="top", linespacing=1.4)
    warning = incomplete_message(data, lang)
    if warning:  # under the key message, before the table, in red
        warning = f"{warning} {lang('see_last_page')}"
        fig.text(0.05, 0.675, textwrap.fill(warning, 105), fontsize=11.5, color=WARNING_COLOUR, va="top",
                 fontweight="bold", linespacing=1.3)
    columns, rows = headline_cells(data, lang)
    _table(fig, columns, rows, data, head_low=0.50 if warning else 0.55)
    note = table_note(data, lang)
    fig.text(0.05, 0.035, textwrap.fill(note, 150), fontsize=10.5, color=NOTE_COLOUR, va="bottom", linespacing=1.35)
    return fig


def _table(fig, columns: list[Column], rows, data: ReportData, head_low: float, left=0.045, right=0.975) -> None:
    """The headline table, drawn on the page: heads above `head_low`, one row per scenario below."""
    total = sum(c.width for c in columns)
    edges = [left]
    for c in columns:
        edges.append(edges[-1] + (right - left) * c.width / total)
    xs = [(edges[0] + 0.006, "left")] + [((edges[i] + edges[i + 1]) / 2, "center") for i in range(1, len(columns))]
    head = {"fontsize": 11, "fontweight": "bold", "va": "bottom", "linespacing": 1.15}
    for (x, align), c in zip(xs, columns):
        fig.text(x, head_low + 0.012, c.head + (f"\n{c.sub}" if c.sub else ""), ha=align, **head)
    for group in dict.fromkeys(c.group for c in columns if c.group):
        span = [i for i, c in enumerate(columns) if c.group == group]
        x0, x1 = edges[span[0]] + 0.008, edges[span[-1] + 1] - 0.008
        fig.text((x0 + x1) / 2, head_low + 0.052, group, ha="center", **head)
        fig.add_artist(_hline(fig, x0, x1, head_low + 0.045, 0.8))
    fig.add_artist(_hline(fig, left, right, head_low, 1.2))
    row_height = min(0.08, (head_low - 0.13) / max(len(rows), 1))
    for r, (scenario, cells) in enumerate(zip(data.scenarios, rows)):
        y = head_low - (r + 0.5) * row_height
        weight = "bold" if scenario in data.references and not data.single else "normal"
        fig.add_artist(_swatch(fig, left - 0.012, y, colours(data)[scenario]))
        for i, ((x, align), (figure, ci)) in enumerate(zip(xs, cells)):
            if i == 0 and len(figure) > 22:  # a long scenario name: wrapped, with its mark
                figure, ci = "\n".join(textwrap.wrap(f"{figure} {ci}", 24, break_long_words=False)), ""
            fig.text(x, y + (0.009 if ci else 0), figure, fontsize=11 if "\n" in figure else 13.5,
                     fontweight=weight, ha=align, va="center", linespacing=1.05)
            if ci:
                fig.text(x, y - 0.019, ci, fontsize=10, color=NOTE_COLOUR, ha=align, va="center")
        if r < len(rows) - 1:
            fig.add_artist(_hline(fig, left, right, y - row_height / 2, 0.5, "#cccccc"))


def _hline(fig, x0: float, x1: float, y: float, lw: float, colour: str = "#444444") -> Line2D:
    return Line2D([x0, x1], [y, y], transform=fig.transFigure, lw=lw, color=colour)


def _swatch(fig, x: float, y: float, colour: str) -> Rectangle:
    return Rectangle((x, y - 0.018), 0.007, 0.036, transform=fig.transFigure, color=colour)


def footnote_page(data: ReportData, lang: Language):
    """Assumptions and sources in two columns; a section that would not fit moves to the next."""
    fig = page(lang("notes_title"), "")
    columns, top, bottom = iter([0.05, 0.53]), 0.85, 0.05
    x, y = next(columns), top
    for title, paragraphs, code in footnotes(data, lang):
        texts, end = _section(fig, x, y, title, paragraphs, code)
        if end < bottom and x == 0.05:
            for text in texts:
                text.remove()
            x = next(columns)
            texts, end = _section(fig, x, top, title, paragraphs, code)
        y = end - 0.02
    return fig


def _section(fig, x: float, y: float, title: str, paragraphs: list[str], code: bool):
    """A heading and its paragraphs from `y` down; the texts, and the `y` they end at."""
    texts = [fig.text(x, y, title, fontsize=12.5, fontweight="bold", va="top")]
    y -= _height(fig, texts[-1]) + 0.012
    size = 8.5 if code else 9.5
    width = int(COLUMN_INCHES * 72 / (size * (0.61 if code else 0.55)))  # characters a line holds
    for paragraph in paragraphs:
        lines = textwrap.wrap(paragraph, width, break_long_words=code, break_on_hyphens=False,
                              subsequent_indent="    " if code else "  ")
        body = "\n".join(lines) if code else "\u2022 " + "\n".join(lines)
        texts.append(fig.text(x, y, body, va="top", fontsize=size, linespacing=1.22,
                              family="DejaVu Sans Mono" if code else "DejaVu Sans"))
        y -= _height(fig, texts[-1]) + 0.009
    return texts, y


def _height(fig, text) -> float:
    """A text's height as a share of the page's."""
    return text.get_window_extent(renderer=fig.canvas.get_renderer()).height / fig.bbox.height
