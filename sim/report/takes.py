"""What a policy takes and costs, in the report's words: the short "what it takes" line under each
name on page one, the cost cells of the headline table and the cost sentence of the key message.

The figures come from the comparison (sim/study/compare_costs.py): per scenario, the change from
its reference a year in each figure its levers declare they take (`Lever.takes`). NOK costs are
summed in the net cost and not repeated on the line; fee revenue is, as the money a policy gains
or loses. A figure without words in the catalogue is shown by its column name.
"""

from __future__ import annotations

from sim.levers import LEVERS
from sim.report import formats as fmt
from sim.report.text import Language
from sim.results.costs import COST, REVENUE, declared
from sim.study.compare_costs import takes_column

NOK_STEP = 1000  # NOK are rounded to the nearest thousand


def nok(lang: Language, value, sign: bool = False) -> str:
    return lang.num(fmt.rounded(value, NOK_STEP), sign=sign)


def takes_items(r, lang: Language) -> list[str]:
    """What scenario row `r` (data.headline) takes a year, one phrase per figure that changes."""
    words = lang("takes")
    items = []
    kinds = declared(LEVERS.values())
    for column, kind in sorted(kinds.items(), key=lambda item: item[1] == REVENUE):  # money gained or lost last
        value = r.get(takes_column(column, kind))
        if kind == COST or fmt.missing(value) or _shown_as_zero(value, kind):
            continue
        text = nok(lang, value, sign=True) if kind == REVENUE else lang.num(value, _decimals(value))
        template = words.get(column, f"{column.replace('_', ' ')}: {{value}}")
        items.append(template.format(value=text))
    return items


def _decimals(value) -> int:
    """Decimals a non-money figure is shown with: one below ten, none above."""
    return 1 if abs(value) < 10 else 0


def _shown_as_zero(value, kind: str) -> bool:
    """Whether `value` rounds to zero as it is shown (NOK to the thousand): no change to show."""
    if kind == REVENUE:
        return fmt.rounded(value, NOK_STEP) == 0
    return round(float(value), _decimals(value)) == 0


def takes_line(r, lang: Language) -> str:
    """The line under a policy's name: what it takes a year, or that it takes nothing more."""
    return "; ".join(takes_items(r, lang)) or lang("takes_nothing")


def per_pp_cell(r, lang: Language) -> tuple[str, str]:
    """NOK a year per percentage point avoided; "no gain" when no-shows do not fall, "effect not
    clear" when the fall's 95% CI reaches zero (or there is none): no figure then, as a cost
    divided by a fall that may be nothing means nothing (comparison.txt says the same)."""
    if fmt.missing(r.per_pp):
        return lang("no_gain_cell"), ""
    return (nok(lang, r.per_pp), "") if r.gain_clear else (lang("unclear_cell"), "")


def net_cost_cell(r, lang: Language) -> tuple[str, str]:
    """The change in net cost a year, signed, with its 95% CI."""
    low, high = r.net_cost_low, r.net_cost_high
    ci = "" if fmt.missing(low) or fmt.missing(high) or low == high else \
        lang.ci(nok(lang, low, sign=True), nok(lang, high, sign=True))
    return nok(lang, r.net_cost, sign=True), ci


def cost_sentence(r, lang: Language) -> str:
    """For the key message: what the best policy takes, and its net cost (or saving) a year."""
    takes = takes_line(r, lang)
    if fmt.missing(r.net_cost):
        return ""
    if r.net_cost < 0:
        return lang("best_saves", takes=takes, net=nok(lang, -r.net_cost))
    return lang("best_cost", takes=takes, net=nok(lang, r.net_cost), per_pp=nok(lang, r.per_pp))
