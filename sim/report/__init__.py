"""The board report: charts and a short summary of a sweep (or one run), in Norwegian or English.

    python -m sim.report FOLDER [report.language=en | --language en] [--out DIR] [--allow-incomplete]

FOLDER is a sweep folder (python run.py -m ...) or a single run's folder (python run.py), or a
sensitivity study's folder (python -m sim.sensitivity: one page, sim/report/sensitivity_page.py),
or a policy search's folder (python3 -m sim.optimise: one page, sim/report/search_page.py). The
report is written to FOLDER/report_<language>/ (or DIR): `report.pdf` (page one: the key message
and the headline table, scenarios ranked by effect with what each takes and costs, going on over
the next pages when long; then one chart a page, effect against cost second; last, assumptions
and sources), `report.html` (the
same, self-contained, charts embedded), and the headline table and each chart as PNG and SVG.

The numbers come from the folder's tables and its comparison (sim/report/data.py); nothing is
simulated again. Files are written to a hidden staging folder first and moved into place only
when all are done, so a failure leaves no half-written report. A sweep writes the report itself
when run with `report.after_sweep=true` (sim/study/sweep.py).

An incomplete sweep (jobs missing or failed, a job's tables missing or damaged) is refused unless
`--allow-incomplete` is given; the report then says on page one and in its notes at the end what
is missing.
`made_from.json` in the report folder records the jobs it was made from: when a sweep with a
report in it (report_nb/, report_en/) is resumed and its jobs change, the sweep writes the report
again at its end.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.backends.backend_pdf import PdfPages

from sim.report import html as report_html
from sim.study.compare import CompareError
from sim.config import REPORT_LANGUAGES, ConfigError
from sim.study.jobs import find_jobs, read_json
from sim.files import one_line, write_all_or_nothing
from sim.report.charts import STYLE, lost_time, no_show_by_scenario
from sim.report.funnel_chart import funnel
from sim.report.series_charts import waiting_list, weekly_no_show
from sim.report.cost_chart import effect_and_cost
from sim.report.data import ReportData, job_fingerprints, load
from sim.report.notes_pages import footnote_pages
from sim.report.pages import headline_pages
from sim.report.search_page import is_search, write_search_report
from sim.report.sensitivity_page import is_sensitivity_folder, write_sensitivity_report
from sim.report.text import Language

log = logging.getLogger("sim")
logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs each font subset at INFO
PNG_DPI = 150
MADE_FROM = "made_from.json"  # in the report folder: the job folders and their summary.csv's SHA-256


CHARTS = {  # file name -> chart, in the order of the report's pages
    "no_show_by_scenario": no_show_by_scenario,
    "effect_and_cost": effect_and_cost,  # what each policy gives against its cost, by its effect
    "weekly_no_show": weekly_no_show,
    "patient_pathway": funnel,
    "lost_time": lost_time,
    "waiting_list": waiting_list,
}


class ReportError(ValueError):
    """No report can be made: a bad folder, language or argument."""


def write_report(folder: Path | str, language: str = "nb", out: Path | str | None = None,
                 allow_incomplete: bool = False) -> Path:
    """Write the report of the sweep or run in `folder`; return the folder it is in.

    ReportError (one line) when there is nothing to report, the sweep is incomplete and not
    `allow_incomplete`, or the report cannot be written.
    """
    if is_sensitivity_folder(folder):  # a sensitivity study: one page (sensitivity_page.py)
        try:
            return write_sensitivity_report(folder, language, out)
        except (OSError, ConfigError, KeyError, ValueError) as error:
            raise ReportError(f"{folder}: {one_line(error)}") from None
    out = Path(out) if out is not None else Path(folder) / f"report_{language}"
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out}: is a file, not a folder; give --out a folder for the report's files")
    if is_search(Path(folder)):  # a policy search's folder (python3 -m sim.optimise): one page
        try:
            lang = Language(language)
            write_all_or_nothing(out, lambda staging: write_search_report(folder, lang, staging))
        except (ConfigError, OSError, KeyError, ValueError) as error:
            raise ReportError(f"{folder}: {one_line(error)}") from None
        return out
    try:
        lang = Language(language)
        data = load(folder, allow_incomplete)
    except (ConfigError, CompareError) as error:
        raise ReportError(str(error)) from None
    except (OSError, KeyError, ValueError) as error:  # e.g. a job's table unreadable
        raise ReportError(f"{folder}: cannot read the results ({one_line(error)})") from None
    try:
        write_all_or_nothing(out, lambda staging: _write_all(data, lang, staging))
    except OSError as error:  # an unwritable folder, a full disk: nothing was left behind
        raise ReportError(one_line(error)) from None
    return out


def report_pages(data: ReportData, lang: Language) -> list[tuple[str, Figure]]:
    """Every page of the PDF in order, as (file name, figure): page one and the table's
    continuation, each chart (a chart too long for a page goes on over more, `name_2`, ...),
    the notes (and their continuation). Made within the report's style (`STYLE`)."""
    heads = headline_pages(data, lang)  # page one, and more when the table is long
    pages = [("headline" if i == 0 else f"headline_{i + 1}", fig) for i, fig in enumerate(heads)]
    for name, chart in CHARTS.items():
        figures = chart(data, lang)
        figures = figures if isinstance(figures, list) else [figures]
        pages += [(name if i == 0 else f"{name}_{i + 1}", fig) for i, fig in enumerate(figures)]
    notes = footnote_pages(data, lang)
    return pages + [("notes" if i == 0 else f"notes_{i + 1}", fig) for i, fig in enumerate(notes)]


def number_pages(pages: list[tuple[str, Figure]], lang: Language) -> None:
    """"Page n of N" at the foot of each page (the PDF's; not on the PNGs and SVGs for slides)."""
    for number, (_, fig) in enumerate(pages, start=1):
        fig.text(0.97, 0.015, lang("page", n=number, total=len(pages)), ha="right", fontsize=10,
                 color="#777777")


def _write_all(data: ReportData, lang: Language, out: Path) -> None:
    with matplotlib.rc_context(STYLE):
        pages = report_pages(data, lang)
        svgs = []
        for name, fig in pages:  # every chart, and the headline table, for slides
            if name.startswith("notes"):
                continue
            fig.savefig(out / f"{name}.png", dpi=PNG_DPI)
            fig.savefig(out / f"{name}.svg")
            if not name.startswith("headline"):
                svgs.append((fig.texts[0].get_text(), (out / f"{name}.svg").read_bytes()))
        number_pages(pages, lang)
        metadata = {"Title": lang("title"), "Subject": str(data.folder), "Creator": "clinic-attendance-sim"}
        with PdfPages(out / "report.pdf", metadata=metadata) as pdf:
            for _, fig in pages:
                pdf.savefig(fig)
    (out / "report.html").write_text(report_html.page(data, lang, svgs), encoding="utf-8")
    (out / MADE_FROM).write_text(json.dumps(data.made_from(), indent=2))


def stale_reports(sweep_dir: Path) -> list[str]:
    """The languages of the reports in `sweep_dir` (report_nb/, report_en/) whose jobs have changed
    since they were made (or that do not say what they were made from)."""
    folders = {language: sweep_dir / f"report_{language}" for language in REPORT_LANGUAGES}
    folders = {language: folder for language, folder in folders.items() if folder.is_dir()}
    if not folders:
        return []
    done = [job.folder for job in find_jobs(sweep_dir) if job.status == "done"]
    now = job_fingerprints(sweep_dir, done)  # the jobs as they are, once for every language
    return [language for language, folder in folders.items() if read_json(folder / MADE_FROM).get("jobs") != now]


def report_after_sweep(sweep_dir: Path, language: str) -> str | None:
    """Write the report at the end of a sweep, saying in it what is missing (failed jobs are
    reported by the sweep itself); a one-line problem instead of raising."""
    try:
        out = write_report(sweep_dir, language, allow_incomplete=True)
    except Exception as error:  # noqa: BLE001 - the sweep's results stand; say what went wrong
        log.error("no report: %s", one_line(error))
        return f"no report: {one_line(error)}"
    log.info("Board report written to %s (report.pdf, report.html, charts)", out)
    return None


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sim.report", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a sweep folder (run.py -m) or a run folder (run.py)")
    parser.add_argument("settings", nargs="*", metavar="report.language=nb|en", help="as on run.py's command line")
    parser.add_argument("--language", help=f"one of {', '.join(REPORT_LANGUAGES)} (default nb)")
    parser.add_argument("--out", type=Path, help="folder for the report files (default FOLDER/report_<language>)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="report on what is there when jobs are missing or failed (and say what is missing)")
    args = parser.parse_args(argv)
    for setting in args.settings:
        key, _, value = setting.partition("=")
        if key.lstrip("+~") != "report.language" or not value:
            raise ReportError(f"{setting}: unknown setting; only report.language=nb|en (or --language) is allowed")
        args.language = args.language or value
    args.language = args.language or "nb"
    return args


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse(argv)
        out = write_report(args.folder, args.language, args.out, args.allow_incomplete)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    files = ", ".join(sorted(p.name for p in out.iterdir() if p.suffix in (".pdf", ".html")))
    print(f"Board report written to {out}: {files}, and each chart as PNG and SVG")
    return 0

