"""The board report: from a small sweep (or one run), a PDF with the expected pages and every
scenario's name, charts as real PNG and SVG images, a self-contained HTML page, in nb and en."""

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.image import imread
from pypdf import PdfReader

from sim import report
from sim.config.compose import load_config
from sim.config import ConfigError
from sim.report.data import load
from sim.levers import LEVERS
from sim.report import pages as pages_module
from sim.report.pages import key_message
from sim.report.takes import per_pp_cell, takes_line
from sim.report.text import Language
from sim.results.costs import COST, declared
from sim.report.formats import day, months, number, percent, points
from sim.study.sweep import finished

from report_fakes import many_scenarios

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ["baseline", "sms_reminder"]
SHORT = ["warmup_days=60", "horizon_days=120", "charts=false"]
PAGE_TITLES = {  # page one, one page per chart, the footnote page
    "nb": ["Tiltak mot ikke møtt", "Ikke møtt per scenario", "Effekt mot kostnad", "Ikke møtt uke for uke", "Pasientforløp",
           "Tapt tid: teknisk og reell", "Venteliste", "Forutsetninger og kilder"],
    "en": ["Reducing no-shows", "No-show rate by scenario", "Effect against cost", "No-show rate week by week", "Patient pathway",
           "Lost time: technical and real", "Waiting list", "Assumptions and sources"],
}
CONTINUED = {"nb": "Fortsatt", "en": "Continued"}
CHARTS = ["headline", "no_show_by_scenario", "effect_and_cost", "weekly_no_show", "patient_pathway", "lost_time", "waiting_list"]


def display_name(policy: str, lang: str) -> str:
    """The name the scenario's own YAML gives it."""
    return yaml.safe_load((ROOT / "scenarios" / "policy" / f"{policy}.yaml").read_text())["display_name"][lang]


def pdf_pages(folder: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(folder / "report.pdf").pages]


@pytest.fixture(scope="session")
def sweep(tmp_path_factory) -> Path:
    """2 scenarios x 2 replications; the sweep itself writes the English report (the Hydra callback)."""
    folder = tmp_path_factory.mktemp("report") / "sweep"
    result = subprocess.run(
        [sys.executable, "run.py", "-m", f"policy={','.join(POLICIES)}", "replication=range(2)", *SHORT,
         "report.after_sweep=true", "report.language=en", f"hydra.sweep.dir={folder}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (folder / "report_en" / "report.pdf").is_file(), "the sweep did not write its report"
    return folder


@pytest.fixture(scope="session")
def reports(sweep) -> dict[str, Path]:
    return {"en": sweep / "report_en", "nb": report.write_report(sweep, "nb")}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_pdf_has_the_expected_pages_and_every_scenario_name(reports, lang):
    pages = pdf_pages(reports[lang])
    titles = PAGE_TITLES[lang]
    assert len(pages) >= len(titles)
    for text, title in zip(pages, titles):
        assert title in text
    # a long folder name (e.g. a test worker's) can carry the reproduce commands onto a
    # continuation of the notes page, and only that
    for text in pages[len(titles):]:
        assert titles[-1] in text and CONTINUED[lang] in text
    text = "\n".join(pages)
    for policy in POLICIES:
        assert display_name(policy, lang) in pages[0], policy  # in the headline table
        assert display_name(policy, lang) in text
    assert ("(referanse)" if lang == "nb" else "(baseline)") in pages[0]
    notes = "\n".join(pages[len(titles) - 1:])  # the notes page and any continuation
    assert "python3 run.py -m" in notes and "python3 -m sim.report" in notes


def test_numbers_follow_the_language(reports):
    nb, en = "\n".join(pdf_pages(reports["nb"])), "\n".join(pdf_pages(reports["en"]))
    assert re.search(r"\d,\d[\u00a0\u202f ]%", nb), "nb percent: 33,5 %"
    assert re.search(r"\d[\u202f\u00a0 ]\d{3}\b", nb), "nb thousands: 1 234"
    assert not re.search(r"\d\.\d%", nb)
    assert re.search(r"\d\.\d%", en) and re.search(r"\d,\d{3}\b", en)
    assert not re.search(r"\d,\d[\u00a0\u202f ]%", en)


def test_formats():
    """Babel's CLDR data: nb groups thousands with a no-break space (U+00A0) and writes the minus
    sign U+2212; en writes a hyphen-minus. A value that rounds to zero has no sign."""
    assert number(1234.5, "nb", 1) == "1\u00a0234,5" and number(1234.5, "en", 1) == "1,234.5"
    assert percent(0.335, "nb") == "33,5\u00a0%" and percent(0.335, "en") == "33.5%"
    assert points(-0.061, "nb") == "\u22126,1" and points(0.02, "en") == "+2.0"
    assert points(-0.061, "en") == "-6.1" and percent(-0.25, "nb", 0) == "\u221225\u00a0%"
    assert number(-0.04, "nb", 1) == "0,0" and number(1234567, "en") == "1,234,567"
    assert number(float("nan"), "nb") == "\u2013" and percent(None, "en") == "\u2013"


def test_dates_and_month_ticks_follow_the_language():
    assert day(date(2005, 1, 1), "nb") == "1. januar 2005" and day(date(2005, 3, 9), "en") == "9 March 2005"
    assert months("nb")[:5] == ("jan", "feb", "mar", "apr", "mai") and months("nb")[-1] == "des"
    assert months("en")[8] == "Sep" and len(months("en")) == 12


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_chart_is_a_real_png_and_svg(reports, lang):
    folder = reports[lang]
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(CHARTS)
    for name in CHARTS:
        image = imread(folder / f"{name}.png")
        assert image.shape[0] >= 600 and image.shape[1] >= 900, name
        grey = image[..., :3].mean(axis=-1)
        assert (grey < 0.9).mean() > 0.005 and np.unique(np.round(grey, 2)).size > 10, f"{name}: blank"
        assert ET.parse(folder / f"{name}.svg").getroot().tag.endswith("svg"), name
    assert not list(folder.glob(".staging-*"))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_html_is_self_contained(reports, lang):
    html = (reports[lang] / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/svg+xml;base64,') == len(CHARTS) - 1  # the table is HTML
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|<link|<script|url\(""", html)
    assert f'<html lang="{lang}">' in html
    for policy in POLICIES:
        assert display_name(policy, lang) in html


def test_headline_figures_come_from_the_paired_comparison(sweep):
    data = load(sweep)
    comparison = pd.read_csv(sweep / "comparison.csv").set_index(["scenario", "kpi"])
    sms = data.headline.loc["sms_reminder"]
    for loss in ("technical", "real"):
        diff = comparison.loc[("sms_reminder", f"{loss}_loss_hours"), "diff_vs_baseline"]
        assert sms[f"{loss}_hours_freed"] == pytest.approx(-diff * 365 / 120)
    assert sms.no_show_change == pytest.approx(comparison.loc[("sms_reminder", "no_show_rate"), "diff_vs_baseline"])
    assert list(data.headline.no_show_change) == sorted(data.headline.no_show_change)  # by effect
    assert data.baseline == "baseline" and (data.funnel.referred > data.funnel.started).all()


def test_report_settings_do_not_make_a_sweep_run_again(sweep):
    job = next(sweep.glob("*policy=sms_reminder,replication=1*"))
    overrides = json.loads((job / "job.json").read_text())["overrides"]
    assert "report.language=en" in overrides and "report" not in job.name  # not in the folder's name
    again = load_config([o for o in overrides if not o.startswith("report.")] + ["report.language=nb"])
    assert finished(job, again) is not None


def test_a_single_run_folder_gives_a_report(tmp_path):
    run_dir = tmp_path / "run"
    made = subprocess.run([sys.executable, "run.py", *SHORT, f"hydra.run.dir={run_dir}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-3000:]
    result = subprocess.run([sys.executable, "-m", "sim.report", str(run_dir), "--language", "en"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = pdf_pages(run_dir / "report_en")
    assert len(pages) == len(PAGE_TITLES["en"])
    assert "one run, no confidence interval" in pages[0] and display_name("baseline", "en") in pages[0]
    assert "(baseline)" not in pages[0]  # nothing to compare with


@pytest.mark.parametrize("args", [["report.language=de"], ["--language", "sv"]])
def test_a_bad_language_is_a_one_line_error(sweep, capsys, args):
    assert report.main([str(sweep), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: report.language = ") and "nb, en" in err
    assert not list(sweep.glob("report_de")) and not list(sweep.glob("report_sv"))


def test_a_bad_folder_is_a_one_line_error(tmp_path, capsys):
    assert report.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such folder" in err
    assert report.main([str(tmp_path)]) == 2
    assert "no job results" in capsys.readouterr().err and not list(tmp_path.iterdir())


def test_the_run_config_names_a_bad_report_language():
    with pytest.raises(ConfigError, match=r"^report\.language = 'de' is not allowed"):
        load_config(["report.language=de"])


def test_a_failure_leaves_no_half_written_report(sweep, tmp_path, monkeypatch):
    """The HTML page fails after every chart's PNG and SVG were written into staging: no new
    report folder is left, and a report already in that place keeps its files untouched."""
    staged = []

    def broken(data, lang, svgs):
        staged.extend(p.name for p in next((tmp_path / "out").glob(".staging-*")).iterdir())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report.report_html, "page", broken)
    with pytest.raises(report.ReportError, match="no space left"):
        report.write_report(sweep, "en", tmp_path / "out")
    assert "report.pdf" in staged and "headline.png" in staged  # it failed late, not at once
    assert not (tmp_path / "out").exists()

    existing = tmp_path / "existing"
    shutil.copytree(sweep / "report_en", existing)
    before = {p.name: p.read_bytes() for p in existing.iterdir()}
    staged.clear()
    monkeypatch.setattr(report.report_html, "page", lambda *_: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(report.ReportError):
        report.write_report(sweep, "en", existing)
    assert {p.name: p.read_bytes() for p in existing.iterdir()} == before


def test_page_one_shows_what_each_policy_costs_and_takes(sweep, reports):
    """Beside its effect, every policy's net cost a year, its NOK per point avoided and what it
    takes, from the comparison's columns; the key message never gives hours freed without cost."""
    data = load(sweep)
    comparison = pd.read_csv(sweep / "comparison.csv").drop_duplicates("scenario").set_index("scenario")
    sms = data.headline.loc["sms_reminder"]
    assert sms.net_cost == pytest.approx(comparison.loc["sms_reminder", "net_cost_nok_per_year"])
    assert sms.takes_reminders_sent_per_year > 0 and sms.takes_reminder_staff_hours_per_year > 0
    en = " ".join(pdf_pages(reports["en"])[0].split())  # wrapped lines joined
    assert "Net cost" in en and "reminders" in en and "staff hours on reminders" in en
    assert "Nettokostnad" in pdf_pages(reports["nb"])[0]
    message = key_message(data, Language("en"))
    assert ("It takes, a year" in message) == ("hours a year" in message)


def test_what_it_takes_in_words():
    en = Language("en")
    row = pd.Series({"takes_reminders_sent_per_year": 12300.0, "takes_added_fte": 5.0,
                     "takes_visit_fee_revenue_nok_per_year": -1_740_000.0,
                     "takes_reminder_cost_nok_per_year": 61_000.0, "takes_vouchers_paid_per_year": 0.0})
    line = takes_line(row, en)
    assert "12,300 reminders" in line and "5.0 clinical FTEs added" in line and "user fees -1,740,000 NOK" in line
    assert "61,000" not in line and "voucher" not in line  # NOK costs are in the net cost; nothing for zero
    assert line.index("reminders") < line.index("user fees")  # money gained or lost last
    assert takes_line(pd.Series({"takes_vouchers_paid_per_year": 0.0}), en) == en("takes_nothing")
    assert per_pp_cell(pd.Series({"per_pp": float("nan")}), en)[0] == en("no_gain_cell")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_figure_a_lever_takes_has_words(lang):
    """A lever's new 'what it takes' column is named in both languages, not by its column name."""
    words = Language(lang)("takes")
    missing = [c for c, kind in declared(LEVERS.values()).items() if kind != COST and c not in words]
    assert not missing, f"sim/report/words/{lang}.yaml: add {missing} under takes"


def test_a_long_table_goes_on_over_more_pages(sweep, monkeypatch):
    """Here two rows a page: each page of the table starts with the reference, then the next
    policy by effect; a page never holds the reference alone."""
    data = many_scenarios(load(sweep), 5)
    monkeypatch.setattr(pages_module, "rows_that_fit", lambda rows, top, bottom: min(len(rows), 2))
    figures = pages_module.headline_pages(data, Language("en"))
    assert len(figures) == len(data.policies) == 4
    for figure, policy in zip(figures, data.policies):
        texts = [t.get_text() for t in figure.texts if t.get_fontsize() == 11.0]  # the names
        assert texts[0].startswith(data.names[data.baseline]["en"])
        assert texts[1].replace("\n", " ").startswith(data.names[policy]["en"][:12])
    monkeypatch.setattr(pages_module, "rows_that_fit", lambda rows, top, bottom: 1)  # the reference alone fits
    assert len(pages_module.headline_pages(data, Language("en"))) == 4
