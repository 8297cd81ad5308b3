"""The report's text pages: page one (key message and headline table) and the footnote page
(assumptions, sources, settings, how to reproduce).

The words are built once (`key_message`, `headline_cells`, `footnotes`) and drawn twice: on an A4
page here, and as HTML in sim/report/html.py.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from sim.report import formats as fmt
from sim.report.charts import NOTE_COLOUR, colours, page, shown_references
from sim.report.data import ReportData
from sim.report.notes import footnotes, incomplete_message, table_note  # noqa: F401 - public here too
from sim.report.layout import PAGE_POINTS, line_height, wrap
from sim.report.table import Column, Row, draw_table, name_width, rows_that_fit
from sim.report.takes import cost_sentence, net_cost_cell, nok, per_pp_cell, takes_line
from sim.report.text import Language

DASH = "\u2013"  # the baseline's own change
TEXT_POINTS = 0.91 * PAGE_POINTS[0]  # a line of text across the page
NOTE_SIZE = 9.5  # the note under the table
CONTINUED_TOP = 0.84  # the table's top on a page that continues it
BOTTOM = 0.06  # above the page number
WARNING_COLOUR = "#b00020"  # an incomplete sweep, on page one
# The smallest fall, in percentage points, named as the cheapest per point in the key message: a
# smaller one gives a NOK-per-point figure that is mostly noise (a presentation choice, not data).
NOTICEABLE_PP = 0.5


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
    """The sentences a board reads first: the best scenario's effect, hours and money, what it
    takes and costs, and the cheapest gain per point. A gain is clear when its 95% CI lies below
    zero; one run per scenario gives no CI, so its largest fall is told as one run's result."""
    h = data.headline
    money = partial(nok, lang)
    if data.single:
        r = h.iloc[0]
        return lang("single", name=data.names[data.scenarios[0]][lang.code], value=lang.pct(r.no_show),
                    hours=lang.num(r.technical_hours_lost), nok=money(r.technical_nok_lost),
                    real_hours=lang.num(r.real_hours_lost), real_nok=money(r.real_nok_lost))
    gains = [s for s in data.policies if _gain(data, h.loc[s])]
    if not gains:
        return lang("no_gain") if data.replications > 1 else lang("no_gain_one_run")
    top = gains[0]  # the largest fall (several runs: whose CI lies below zero)
    best = h.loc[top]
    said = dict(name=data.names[top][lang.code], base=lang.pct(h.loc[data.reference_of(top), "no_show"]),
                value=lang.pct(best.no_show), diff=lang.pp(best.no_show_change))
    if data.replications > 1:
        effect = lang("best", ci=lang("best_ci", low=lang.pp(best.no_show_change_low),
                                      high=lang.pp(best.no_show_change_high)), **said)
    else:  # one run's result: no CI, not called clear
        effect = lang("best_one_run", **said)
    hours = lang("best_hours", hours=lang.num(best.technical_hours_freed), nok=money(best.technical_nok_freed),
                 real_hours=lang.num(best.real_hours_freed), real_nok=money(best.real_nok_freed),
                 cost=cost_sentence(best, lang))
    return f"{effect} {hours} {_cheapest(data, lang, gains)}".strip()


def _gain(data: ReportData, r) -> bool:
    """A fall in no-shows the key message names: a clear gain (its 95% CI below zero, as the
    comparison marks it), or with one run per scenario, any fall (told as one run's result)."""
    return r.gain_clear if data.replications > 1 else r.no_show_change < 0


def _cheapest(data: ReportData, lang: Language, gains: list[str]) -> str:
    """Of `gains` (the first is the largest), the one with the lowest NOK a year per point
    avoided, when it is not the largest."""
    h = data.headline
    priced = [s for s in gains if not fmt.missing(h.loc[s, "per_pp"])
              and -100 * h.loc[s, "no_show_change"] >= NOTICEABLE_PP]
    if not priced:
        return ""
    cheapest = min(priced, key=lambda s: h.loc[s, "per_pp"])
    if cheapest == gains[0]:
        return ""
    r = h.loc[cheapest]
    name, diff = data.names[cheapest][lang.code], lang.pp(r.no_show_change)
    several = data.replications > 1  # else one run's result, not a clear gain
    if r.net_cost < 0:  # fewer no-shows and money saved
        net = nok(lang, -r.net_cost)
        return lang("cheapest_saves", name=name, diff=diff, net=net) if several else \
            lang("cheapest_saves_one_run", name=name, diff=diff, net=net)
    per_pp = nok(lang, r.per_pp)
    return lang("cheapest", name=name, diff=diff, per_pp=per_pp) if several else \
        lang("cheapest_one_run", name=name, diff=diff, per_pp=per_pp)


def headline_cells(data: ReportData, lang: Language) -> tuple[list[Column], list[list[tuple[str, str]]]]:
    """The headline table: its columns, and per scenario one (figure, 95% CI) pair per column.

    A sweep: the no-show rate and its change (what a policy gives), its net cost a year and the
    NOK a year per point avoided (what it costs), hours freed, days and patients treated. One run:
    the hours lost and their cost. NOK are hours x the clinician cost: their CI is the hours'.
    """
    if data.single:
        return _single_cells(data, lang)
    ci = lang("sub_ci") if data.replications > 1 else ""
    columns = [Column(lang("head_scenario"), width=3.3),
               Column(lang("head_no_show"), ci, width=1.05),
               Column(lang("head_change"), lang("sub_change"), width=1.15),
               Column(lang("head_net_cost"), ci, width=1.6),
               Column(lang("head_per_pp"), width=1.1),
               Column(lang("head_hours_freed"), lang("real"), width=1.0),
               Column(lang("head_days"), lang("sub_days"), width=1.0),
               Column(lang("head_treated"), lang("sub_treated"), width=1.0)]
    rows = []
    for scenario, r in data.headline.iterrows():
        reference = scenario in data.references
        cells = [(data.names[scenario][lang.code], lang("baseline_mark") if reference else ""),
                 _cell(lang, r, "no_show", lang.pct, lambda v: lang.num(100 * v, 1))]
        if reference:
            cells += [(DASH, "")] * 4
        else:
            cells += [_cell(lang, r, "no_show_change", lang.pp, lang.pp), net_cost_cell(r, lang),
                      per_pp_cell(r, lang), _cell(lang, r, "real_hours_freed", lang.num, lang.num)]
        cells += [_cell(lang, r, "days", lambda v: lang.num(v, 1), lambda v: lang.num(v, 1)),
                  _cell(lang, r, "treated", lang.num, lang.num)]
        rows.append(cells)
    return columns, rows


def headline_takes(data: ReportData, lang: Language) -> list[str]:
    """Per scenario in the table's order, what it takes a year ("" for a reference or one run)."""
    return [takes_line(data.headline.loc[s], lang) if s in data.policies and not data.single else ""
            for s in data.scenarios]


def _single_cells(data: ReportData, lang: Language) -> tuple[list[Column], list[list[tuple[str, str]]]]:
    ci = lang("sub_ci") if data.replications > 1 else ""
    columns = [Column(lang("head_scenario"), width=2.2), Column(lang("head_no_show"), ci, width=1.15)]
    columns += [Column(lang(loss), group=lang("head_lost"), width=1.12) for loss in ("technical", "real")]
    columns += [Column(lang(loss), group=lang("head_cost"), width=0.98) for loss in ("technical", "real")]
    columns += [Column(lang("head_days"), lang("sub_days"), width=1.05),
                Column(lang("head_treated"), lang("sub_treated"), width=1.0)]
    r = data.headline.iloc[0]
    cells = [(data.names[data.scenarios[0]][lang.code], ""),
             _cell(lang, r, "no_show", lang.pct, lambda v: lang.num(100 * v, 1))]
    cells += [_cell(lang, r, f"{loss}_hours_lost", lang.num, lang.num) for loss in ("technical", "real")]
    cells += [(nok(lang, r[f"{loss}_nok_lost"]), "") for loss in ("technical", "real")]
    cells += [_cell(lang, r, "days", lambda v: lang.num(v, 1), lambda v: lang.num(v, 1)),
              _cell(lang, r, "treated", lang.num, lang.num)]
    return columns, [cells]


def _cell(lang: Language, r, key: str, show, show_end) -> tuple[str, str]:
    """The figure, and its 95% CI as plain numbers (the unit is in the figure above it)."""
    low, high = r[f"{key}_low"], r[f"{key}_high"]
    if fmt.missing(low) or fmt.missing(high):
        return show(r[key]), ""
    return show(r[key]), lang.ci(show_end(low), show_end(high))


# ---------------------------------------------------------------------------------- drawing

def headline_pages(data: ReportData, lang: Language) -> list:
    """Page one (key message, the table's first rows) and as many pages as the rest of the table
    needs, each with the column heads and the references first; the note under the last."""
    fig = page(lang("title"), subtitle(data, lang))
    top = _paragraph(fig, 0.80, key_message(data, lang), 12.5) - 0.02
    warning = incomplete_message(data, lang)
    if warning:  # under the key message, before the table, in red
        top = _paragraph(fig, top, f"{warning} {lang('see_notes')}", 11, color=WARNING_COLOUR,
                         fontweight="bold") - 0.015
    columns, cells = headline_cells(data, lang)
    palette, points = colours(data), name_width(columns)
    rows = {s: Row(c, palette[s], bold=data.marked_as_reference(s), takes=t, name_points=points)
            for s, c, t in zip(data.scenarios, cells, headline_takes(data, lang))}
    note = wrap(table_note(data, lang), TEXT_POINTS, NOTE_SIZE)
    note_height = len(note) * line_height(NOTE_SIZE, 1.3) / PAGE_POINTS[1] + 0.015
    plan = _table_pages([rows[s] for s in shown_references(data)],
                        [rows[s] for s in data.policies], top, note_height)
    pages = [fig]
    for number, shown in enumerate(plan):
        if number:
            pages.append(page(lang("title"), lang("table_continued")))
        end = draw_table(pages[-1], columns, shown, top if number == 0 else CONTINUED_TOP)
    pages[-1].text(0.05, end - 0.015, "\n".join(note), fontsize=NOTE_SIZE, color=NOTE_COLOUR,
                   va="top", linespacing=1.3)
    return pages


def _table_pages(references: list[Row], others: list[Row], top: float,
                 note: float) -> list[list[Row]]:
    """The rows on each page: the references first, then as many others as fit; the last page
    keeps room for the note under the table (its last rows go on a page of their own if not)."""
    plan, rest = [], list(others)
    while rest or not plan:
        room = rows_that_fit(references + rest, top if not plan else CONTINUED_TOP, BOTTOM)
        count = max(1, room - len(references)) if rest else 0
        plan.append(references + rest[:count])
        rest = rest[count:]
    last_top = top if len(plan) == 1 else CONTINUED_TOP
    keep = rows_that_fit(plan[-1], last_top, BOTTOM + note)
    if keep < len(plan[-1]):
        keep = max(keep, len(references) + 1)
        plan[-1], moved = plan[-1][:keep], plan[-1][keep:]
        if moved:
            plan.append(references + moved)
    return plan


def _paragraph(fig, top: float, text: str, size: float, **style) -> float:
    """A paragraph across the page from `top` down, wrapped as measured; the `y` it ends at."""
    lines = wrap(text, TEXT_POINTS, size, bold=style.get("fontweight") == "bold")
    fig.text(0.05, top, "\n".join(lines), fontsize=size, va="top", linespacing=1.35, **style)
    return top - len(lines) * line_height(size, 1.35) / PAGE_POINTS[1]
