"""Reports of many scenarios without simulating them: a real small sweep's report numbers, its
policy copied into as many scenarios as asked, each with its own name (long ones, and names of
lever settings swept), effect and cost; and a check that a page's texts stay on the page and
clear of each other, as drawn."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from matplotlib.text import Text

from sim.report.data import ReportData

NAMES = [  # (nb, en): the shipped policies' names, and names a sweep of settings gets
    ("SMS-påminnelse", "SMS reminder"), ("Gavekort for oppmøte (gavekort 100 kr)", "Voucher for attending (voucher NOK 100)"),
    ("Dagens praksis + gavekort 250 kr, hver 2. oppmøte", "Current practice + voucher NOK 250, every 2nd attendance"),
    ("Oppfølging og beskjed til henviser etter uteblivelse", "Follow-up and word to the referrer after a no-show"),
    ("SMS-påminnelse (5 kliniske årsverk)", "SMS reminder (5 clinical FTEs)"),
    ("Rask utredning og kontakt med henviser", "Rapid assessment and contact with the referrer"),
    ("Telefonpåminnelse til dem som har uteblitt", "Phone reminder to those who missed before"),
    ("Behandlerbytte etter uteblivelse (turnover 20 %, 3 uteblivelser)", "Therapist switch after no-shows (turnover 20%, 3 no-shows)"),
    ("Drop-in-timer", "Drop-in sessions"), ("Kort ventetid", "Short wait"),
]


def many_scenarios(data: ReportData, n: int) -> ReportData:
    """`data` (a sweep of the baseline and one policy) as a sweep of `n` scenarios."""
    base, policy = data.baseline, data.policies[0]
    if n == 1:
        return _subset(data, [base], {base: data.names[base]})
    rng = np.random.default_rng(n)
    made = [f"fake_{i:02d}" for i in range(1, n)]
    names = {base: data.names[base]}
    for i, scenario in enumerate(made):
        nb, en = NAMES[i % len(NAMES)]
        suffix = f" {i // len(NAMES) + 1}" if i >= len(NAMES) else ""
        names[scenario] = {"nb": nb + suffix, "en": en + suffix}
    head = data.headline.loc[[base]]
    copies = []
    for i, scenario in enumerate(made):
        row = data.headline.loc[[policy]].rename(index={policy: scenario}).copy()
        change = float(rng.uniform(-0.12, 0.03)) if i % 4 else 0.0  # some with no effect at all
        shift = head.no_show.iloc[0] + change - row.no_show  # the interval moves with the mean
        row["no_show_change"], row["no_show"] = change, row.no_show + shift
        row["no_show_low"], row["no_show_high"] = row.no_show_low + shift, row.no_show_high + shift
        row["no_show_change_low"], row["no_show_change_high"] = change - 0.01, change + 0.01
        row["net_cost"] = float(rng.choice([-3e6, -2e4, 0.0, 5e4, 1.2e6, 8e6]))
        row["net_cost_low"], row["net_cost_high"] = row.net_cost - 4e4, row.net_cost + 4e4
        row["per_pp"] = row.net_cost / (-100 * change) if change < 0 else np.nan
        row["gain_clear"] = change + 0.01 < 0
        copies.append(row)
    headline = pd.concat([head, *copies]).sort_values("no_show_change", kind="stable")
    table = data.comparison.table
    parts = [table[table.scenario == base]]
    for scenario in made:
        part = table[table.scenario == policy].copy()
        part["scenario"] = scenario
        parts.append(part)
    comparison = dataclasses.replace(data.comparison, table=pd.concat(parts, ignore_index=True))
    series = {}
    for key in ("weekly", "waiting"):
        frame = getattr(data, key)
        own = [frame[frame.scenario == base]]
        for i, scenario in enumerate(made):
            part = frame[frame.scenario == policy].copy()
            part["scenario"] = scenario
            part[["mean", "low", "high"]] *= 1 + 0.02 * (i % 5)
            own.append(part)
        series[key] = pd.concat(own, ignore_index=True)
    funnel = pd.concat([data.funnel.loc[[base]]] + [data.funnel.loc[[policy]].rename(index={policy: s})
                                                    for s in made])
    order = list(headline.index)
    return dataclasses.replace(data, comparison=comparison, scenarios=order, names=names,
                               headline=headline, weekly=series["weekly"], waiting=series["waiting"],
                               funnel=funnel.loc[order])


def _subset(data: ReportData, keep: list[str], names: dict) -> ReportData:
    table = data.comparison.table
    comparison = dataclasses.replace(data.comparison, table=table[table.scenario.isin(keep)])
    return dataclasses.replace(data, comparison=comparison, scenarios=keep, names=names,
                               headline=data.headline.loc[keep],
                               weekly=data.weekly[data.weekly.scenario.isin(keep)],
                               waiting=data.waiting[data.waiting.scenario.isin(keep)],
                               funnel=data.funnel.loc[keep])


def drawn_texts(fig) -> list[Text]:
    """The texts a drawing of `fig` puts on the page (shown, not empty), in drawing order."""
    drawn = []
    original = Text.draw

    def record(text, renderer):
        original(text, renderer)
        if text.get_visible() and text.get_text().strip():
            drawn.append(text)

    Text.draw = record
    try:
        fig.draw_without_rendering()  # the layout of a drawing, no pixels
    finally:
        Text.draw = original
    return drawn


def layout_problems(fig, tolerance: float = 1.0) -> list[str]:
    """Texts that leave the page, texts that overlap another, and legends over an axes' area; as
    drawn, in pixels, boxes shrunk by `tolerance` pixels on every side."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = []
    problems = []
    for text in texts:
        box = text.get_window_extent(renderer)
        x0, y0, x1, y1 = box.x0 + tolerance, box.y0 + tolerance, box.x1 - tolerance, box.y1 - tolerance
        if x0 < page.x0 or y0 < page.y0 or x1 > page.x1 or y1 > page.y1:
            problems.append(f"off the page: {text.get_text()[:60]!r}")
        boxes.append((x0, y0, x1, y1, text.get_text()))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                problems.append(f"overlap: {a[4][:50]!r} and {b[4][:50]!r}")
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for ax in fig.axes:
            area = ax.get_window_extent(renderer)
            if box.x0 + tolerance < area.x1 and area.x0 < box.x1 - tolerance and \
                    box.y0 + tolerance < area.y1 and area.y0 < box.y1 - tolerance:
                problems.append(f"legend over an axes: {legend.texts[0].get_text()[:40]!r}")
    return problems
