"""The board report of a policy search (python3 -m sim.optimise): one page with the front, the
recommended mix for each budget in the report's words, its effect and interval on fresh runs,
and the best single measure and bundle within the same budget beside it.

Everything comes from the search folder's files (sim/optimise/answer.py); nothing is run again.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pandas as pd
import yaml
from matplotlib.figure import Figure

from sim.report.layout import A4_LANDSCAPE, wrap
from sim.report.names import setting_words
from sim.report.text import Language

SETTINGS, TRIALS, REFERENCES = "search.yaml", "trials.csv", "references.csv"
CONFIRMATION, PICKS = "confirmation.csv", "picks.json"
PAGE = "search"


def is_search(folder: Path) -> bool:
    return (Path(folder) / SETTINGS).is_file() and (Path(folder) / PICKS).is_file()


def search_page(folder: Path, lang: Language) -> Figure:
    folder = Path(folder)
    settings = yaml.safe_load((folder / SETTINGS).read_text())
    trials = pd.read_csv(folder / TRIALS)
    refs = pd.read_csv(folder / REFERENCES)
    checked = pd.read_csv(folder / CONFIRMATION)
    picks = json.loads((folder / PICKS).read_text())
    primary = settings["objectives"][0]
    fig = Figure(figsize=A4_LANDSCAPE)
    fig.text(0.04, 0.94, lang("search_title"), fontsize=17, weight="bold")
    done = int((trials.state == "complete").sum())
    fig.text(0.04, 0.905, lang("search_subtitle", trials=lang.num(done),
                               reps=lang.num(settings["replications"]),
                               nok=lang.num(settings["search_nok"])), fontsize=10, color="#444444")
    ax = fig.add_axes((0.08, 0.16, 0.44, 0.66))
    from sim.optimise.chart import plot_front
    words = {k.removeprefix("search_chart_"): v for k, v in lang.text.items()
             if k.startswith("search_chart_")}
    refs = refs.assign(shown=refs.get(f"display_name_{lang.code}", refs.reference))
    plot_front(ax, trials, refs, primary, {float(b): p["trial"] for b, p in picks.items()},
               settings["search_nok"], words, names="shown")
    _answer(fig, lang, picks, checked, refs, primary)
    note = lang("search_note", fresh=lang.num(_fresh(checked)))
    for i, line in enumerate(wrap(note, 0.92 * A4_LANDSCAPE[0] * 72, 8)):
        fig.text(0.04, 0.06 - i * 0.018, line, fontsize=8, color="#555555")
    return fig


def _answer(fig: Figure, lang: Language, picks: dict, checked: pd.DataFrame, refs, primary) -> None:
    y, width = 0.84, 0.40 * A4_LANDSCAPE[0] * 72
    names = dict(zip(refs.reference, refs.shown))

    def say(text: str, size: float = 9.5, bold: bool = False, gap: float = 0.0) -> None:
        nonlocal y
        y -= gap
        for line in wrap(text, width, size, bold):
            fig.text(0.56, y, line, fontsize=size, weight="bold" if bold else "normal")
            y -= size * 1.35 / (A4_LANDSCAPE[1] * 72)

    for budget, pick in sorted(picks.items(), key=lambda kv: float(kv[0])):
        say(lang("search_budget", nok=lang.num(float(budget))), 12, True, gap=0.01)
        if pick["mix"] is None:
            say(lang("search_mix_none"))
            continue
        for part in ([] if pick["mix"] == "baseline" else pick["mix"].split("; ")):
            key, _, value = part.partition("=")
            value = lang("search_values").get(value, value)
            say("\u2022 " + setting_words(key, value, lang))
        say(_effect(lang, checked, f"mix_nok{float(budget):.0f}", primary), bold=True)
        for kind in ("single", "bundle"):
            name = pick[kind]
            said = (lang(f"search_{kind}", name=names.get(name, name))
                    + _effect(lang, checked, name, primary, short=True)) if name else lang(
                f"search_{kind}_none")
            say(said, 8.5)


def _effect(lang: Language, checked: pd.DataFrame, scenario: str, primary: str,
            short: bool = False) -> str:
    rows = checked[checked.scenario == scenario].set_index("kpi")
    if rows.empty:
        return ""
    from sim.optimise.measures import COST_CHANGE, OBJECTIVES, STAFF_HOURS
    column, scale = OBJECTIVES[primary].column, OBJECTIVES[primary].scale
    row, cost = rows.loc[column], rows.loc[COST_CHANGE]
    ci = lang.ci(lang.num(row.diff_ci_low * scale, 1, sign=True),
                 lang.num(row.diff_ci_high * scale, 1, sign=True))
    effect = lang(f"search_effect_{primary}", diff=lang.num(row.diff_vs_baseline * scale, 1, sign=True),
                  ci=ci)
    if short:
        return f": {effect}, " + lang("search_cost", nok=lang.num(round(cost.diff_vs_baseline, -3), sign=True))
    hours = rows.loc[STAFF_HOURS].diff_vs_baseline
    return (f"{effect}; " + lang("search_cost", nok=lang.num(round(cost.diff_vs_baseline, -3), sign=True))
            + "; " + lang("search_hours", hours=lang.num(round(hours, -1), sign=True)))


def _fresh(checked: pd.DataFrame) -> int:
    return int(checked.n.max()) if len(checked) else 0


def write_search_report(folder: Path, lang: Language, out: Path) -> None:
    """The page as report.pdf and search.png (and SVG) in `out` (a staging folder)."""
    from matplotlib.backends.backend_pdf import PdfPages

    from sim.report.charts import STYLE
    with matplotlib.rc_context(STYLE):
        fig = search_page(folder, lang)
        fig.savefig(out / f"{PAGE}.png", dpi=150)
        fig.savefig(out / f"{PAGE}.svg")
        with PdfPages(out / "report.pdf", metadata={"Title": lang("search_title")}) as pdf:
            pdf.savefig(fig)
