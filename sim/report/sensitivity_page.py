"""The board report of a sensitivity study (a folder written by `python3 -m sim.sensitivity`):
one page with one sentence (which policy gives the fewest no-shows in how many plausible worlds,
and what the answer turns on) and the tornado of that policy's effect, in Norwegian or English. Written as
`sensitivity.png`, `sensitivity.svg` and `report.pdf` into FOLDER/report_<language>/."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from sim.files import write_all_or_nothing
from sim.report.charts import STYLE, page
from sim.report.layout import PAGE_POINTS, wrap
from sim.report.text import Language

RECORD = "sensitivity.json"  # what sim/sensitivity/summary.py writes for the board
BASELINE = "baseline"


def is_sensitivity_folder(folder: Path | str) -> bool:
    return (Path(folder) / RECORD).is_file()


def write_sensitivity_report(folder: Path | str, language: str, out: Path | str | None) -> Path:
    folder = Path(folder)
    out = Path(out) if out is not None else folder / f"report_{language}"
    lang = Language(language)
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    oat = folder / "oat.csv"
    table = pd.read_csv(oat) if oat.is_file() else None

    def write(staging: Path) -> None:
        with matplotlib.rc_context(STYLE):
            fig = sensitivity_page(record, table, lang)
            fig.savefig(staging / "sensitivity.png", dpi=150)
            fig.savefig(staging / "sensitivity.svg")
            with PdfPages(staging / "report.pdf", metadata={"Title": lang("sens_title")}) as pdf:
                pdf.savefig(fig)

    write_all_or_nothing(out, write)
    return out


def sensitivity_page(record: dict, oat: pd.DataFrame | None, lang: Language) -> Figure:
    """The page: the sentence as its subtitle, how it was found, and the tornado."""
    name = _name(record, record["best"], lang)
    driver = words_for(record["drivers"][0], lang) if record["drivers"] else "?"
    share = lang.pct(record["share_best"], 0)
    key = "sens_best_baseline" if record["best"] == BASELINE else "sens_best"
    fig = page(lang("sens_title"), lang(key, name=name, share=share, driver=driver))
    shares = record["shares"]
    second = shares[1] if len(shares) > 1 else shares[0]
    how = lang("sens_how_oat" if record["method"] == "oat" else "sens_how",
               n=lang.num(record["samples"]), params=record["parameters"],
               second=_name(record, second["option"], lang),
               second_share=lang.pct(second["share_best"], 0), name=name,
               margin=lang.num(100 * record["margin"], 1),
               within=lang.pct(record["share_within_margin"], 0))
    lines = wrap(how, 0.9 * PAGE_POINTS[0], 11)
    fig.text(0.05, 0.80, "\n".join(lines), fontsize=11, va="top", color="#444444",
             linespacing=1.3)
    rows = None if oat is None else oat[(oat.kpi == "no_show_rate")
                                        & (oat.question == record["best"])]
    if rows is None or rows.empty:
        fig.text(0.05, 0.5, lang("sens_no_tornado"), fontsize=12)
        return fig
    ax = fig.add_axes((0.40, 0.16, 0.55, 0.45))
    _tornado(ax, rows, lang)
    chart = wrap(lang("sens_chart", name=name), 0.9 * PAGE_POINTS[0], 11, bold=True)
    fig.text(0.05, 0.69, "\n".join(chart), fontsize=11, va="top", fontweight="bold")
    return fig


def _tornado(ax, rows: pd.DataFrame, lang: Language) -> None:
    """Each assumption's effect at its low and high end, around the effect as in the scenario,
    the widest swing on top."""
    top = rows.sort_values("swing", ascending=False).head(10).iloc[::-1]
    centre = 100 * top.at_value.iloc[0]
    low = high = None
    for y, r in enumerate(top.itertuples()):
        low = ax.barh(y, 100 * r.at_low - centre, left=centre, color="#4c72b0", height=0.7)
        high = ax.barh(y, 100 * r.at_high - centre, left=centre, color="#dd8452", height=0.7)
    ax.axvline(centre, color="black", linewidth=1)
    ax.set_yticks(range(len(top)), [words_for(p, lang) for p in top.parameter], fontsize=11)
    ax.tick_params(axis="x", labelsize=11)
    ax.set_xlabel(lang("sens_axis", value=lang.num(centre, 1)), fontsize=11)
    ax.legend([low, high], [lang("sens_low"), lang("sens_high")], fontsize=10, loc="upper left",
              bbox_to_anchor=(0, -0.13), ncol=2)


def words_for(path: str, lang: Language) -> str:
    """A parameter in plain words: its own (`sens_parameters`), else its group's and its name."""
    own = lang("sens_parameters").get(path)
    if own:
        return own
    parts = path.split(".")
    group = parts[1] if parts[0] == "behaviour" else ("sites" if "sites" in parts else parts[0])
    words = lang("sens_groups").get(group, group)
    site = f" {parts[2].capitalize()}" if group == "sites" else ""
    return f"{words}{site}: {parts[-1].replace('_', ' ')}"


def _name(record: dict, option: str, lang: Language) -> str:
    return record.get("names", {}).get(option, {}).get(lang.code, option)
