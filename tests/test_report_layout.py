"""The board report lays out for 1 to 30 scenarios: on every page of the PDF, as drawn, no text
leaves the page or overlaps another, and no legend lies over a chart; the table repeats its heads
and the reference on every page; the commands that reproduce the results are there in full; the
scenarios have colours (and markers) of their own; and names say what a sweep changed in plain
words, never as config keys.

One real small sweep (2 scenarios, 2 replications, 30 days) is run; larger sweeps are that one's
policy copied under other names and effects (tests/report_fakes.py)."""

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from sim.report import number_pages, report_pages
from sim.report.charts import STYLE, colours, markers
from sim.report.data import load
from sim.report.names import scenario_names, setting_words
from sim.report.notes_pages import footnote_pages
from sim.report.text import Language
from report_fakes import layout_problems, many_scenarios

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_sweep(tiny_sweep):
    return load(tiny_sweep[0])


def pages_of(data, code: str):
    lang = Language(code)
    with matplotlib.rc_context(STYLE):
        pages = report_pages(data, lang)
        number_pages(pages, lang)
    return pages


@pytest.mark.parametrize("code", ["nb", "en"])
@pytest.mark.parametrize("n", [1, 2, 5, 23, 30])
def test_no_text_leaves_the_page_or_covers_another(small_sweep, n, code):
    data = small_sweep if n == 2 else many_scenarios(small_sweep, n)
    pages = pages_of(data, code)
    problems = [f"{name}: {problem}" for name, fig in pages for problem in layout_problems(fig)]
    assert not problems, "\n".join(problems[:20])
    heads = [fig for name, fig in pages if name.startswith("headline")]
    reference = data.names[data.baseline][code]
    for fig in heads:  # the reference heads every page of the table
        names = [t.get_text().replace("\n", " ") for t in fig.texts if t.get_fontsize() == 11.0]
        assert names[0].startswith(reference), names[:2]
    shown = " ".join(t.get_text() for fig in heads for t in fig.texts).replace("\n", " ")
    for scenario in data.scenarios:  # every scenario in the table, once a page at most
        assert data.names[scenario][code].split(" ")[0] in shown
    if n >= 23:
        assert len(heads) > 1 and sum(name.startswith("no_show_by_scenario") for name, _ in pages) > 1


def test_the_reproduce_commands_are_there_in_full(small_sweep):
    """A long sweep command (every shipped policy, a config folder) wraps on the notes page and
    goes on to a next one when the page is full; nothing is cut."""
    policies = ",".join(p.stem for p in sorted((ROOT / "scenarios" / "policy").glob("*.yaml")))
    command = (f"python3 run.py -m --config-dir /home/planner/helse-sor-ost/scenarios policy={policies} "
               "'replication=range(30)' hydra.sweep.dir=/home/planner/multirun/single_levers_2027")
    data = many_scenarios(small_sweep, 23)
    data.settings["command"] = command
    with matplotlib.rc_context(STYLE):
        figures = footnote_pages(data, Language("nb"))
    code = [t.get_text() for fig in figures for t in fig.texts if "Mono" in t.get_fontfamily()[0]]
    text = "".join("".join(part.split()) for part in code)
    assert "".join(command.split()) in text
    for fig in figures:
        assert not layout_problems(fig)


def test_thirty_scenarios_have_colours_and_markers_of_their_own(small_sweep):
    data = many_scenarios(small_sweep, 30)
    palette, shapes = colours(data), markers(data)
    assert len(set(palette.values())) == 30
    assert len({(palette[s], shapes[s]) for s in data.scenarios}) == 30


def test_names_say_what_a_sweep_changed_in_plain_words():
    """The README's examples: a capacity swept with the policies, a voucher's value swept."""
    labels = ["baseline clinic.capacity_fte=4", "sms_reminder clinic.capacity_fte=5.5",
              "baseline policy.incentive.voucher_nok=100", "voucher policy.incentive.voucher_nok=250",
              "baseline policy.waiting.max_wait_days=30 policy.incentive.every_nth_attended=3",
              "baseline clinic.sites.moss.overbooking_share=0.1"]
    table = pd.DataFrame({"scenario": labels, "display_name_nb": labels, "display_name_en": labels})
    own = {"nb": "Dagens praksis", "en": "Current practice"}
    policies = {label: own for label in labels} | {
        labels[1]: {"nb": "SMS-påminnelse", "en": "SMS reminder"},
        labels[3]: {"nb": "Gavekort for oppmøte", "en": "Voucher for attending"}}
    names = scenario_names(table, policies)
    assert names[labels[0]]["en"] == "Current practice (4 clinical FTEs per site)"
    assert names[labels[1]]["nb"] == "SMS-påminnelse (5,5 kliniske årsverk per klinikk)"
    assert names[labels[2]]["en"] == "Current practice + voucher NOK 100"
    assert names[labels[3]]["nb"] == "Gavekort for oppmøte (gavekort 250 kr)"
    assert names[labels[4]]["en"] == "Current practice + wait at most 30 days, a voucher every 3 sessions"
    assert names[labels[5]]["en"] == "Current practice (moss: overbooking 10%)"
    for name in (n for both in names.values() for n in both.values()):
        assert "=" not in name and "policy." not in name and "_" not in name, name


@pytest.mark.parametrize("code", ["nb", "en"])
def test_every_lever_setting_has_words(code):
    """A lever's setting swept is named in both languages, not by its key."""
    from dataclasses import fields

    from sim.levers import LEVERS

    words = Language(code)("settings")
    missing = [f"{key}.{f.name}" for key, lever in LEVERS.items() for f in fields(lever.Params)
               if f"{key}.{f.name}" not in words and f.name != "staff_minutes"]
    assert not missing, f"sim/report/words/{code}.yaml: add {missing} under settings"
    assert setting_words("policy.reminder.staff_minutes.sms", "2", Language(code))
