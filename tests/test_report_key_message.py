"""The report's key message claims only what its headline table shows: with one run per scenario
(no confidence interval) no effect is called clear, in either language, and the message says it is
one run's result and that more runs would tell; with several runs a fall whose CI lies below zero
is still the "largest clear effect"."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from sim.report.data import load
from sim.report.notes import table_note
from sim.report.pages import key_message
from sim.report.text import Language

ROOT = Path(__file__).resolve().parent.parent
SHORT = ["warmup_days=60", "horizon_days=120", "charts=false"]
CLEAR = {"en": "clear", "nb": "sikker"}  # the word the table gives no ground for with one run
ONE_RUN = {"en": "single run", "nb": "ene kjøringen"}
NO_CI = {"en": "One run gives no confidence interval", "nb": "Én kjøring gir ikke konfidensintervall"}


def sweep(folder: Path, policies: str, replications: str) -> Path:
    result = subprocess.run([sys.executable, "run.py", "-m", f"policy={policies}", f"replication={replications}",
                             *SHORT, f"hydra.sweep.dir={folder}"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    """Three scenarios, one replication each: both policies lower the no-show rate in this run."""
    return load(sweep(tmp_path_factory.mktemp("key") / "one_run", "baseline,sms_reminder,no_visit_fee", "0"))


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """Two scenarios, three replications: the SMS reminder's fall is clear (CI below zero)."""
    return load(sweep(tmp_path_factory.mktemp("key") / "three_runs", "baseline,sms_reminder", "range(3)"))


def with_figures(data, scenario: str, **figures):
    """`data` with some of one scenario's headline figures changed (a case a short sweep lacks)."""
    headline = data.headline.copy()
    for column, value in figures.items():
        headline.loc[scenario, column] = value
    return dataclasses.replace(data, headline=headline)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_one_run_is_told_as_one_run_not_as_a_clear_effect(one_run, lang):
    assert one_run.replications == 1 and (one_run.headline.loc[one_run.policies].no_show_change < 0).all()
    message = key_message(one_run, Language(lang))
    assert CLEAR[lang] not in message.lower()
    assert ONE_RUN[lang] in message and NO_CI[lang] in message and "replication=range(30)" in message
    assert one_run.names["sms_reminder"][lang] in message  # the largest fall is still named


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_one_run_names_the_cheapest_fall_as_one_runs_result(one_run, lang):
    """The smaller fall made the cheapest per point, saving money or costing some: told as this
    run's result, not as a clear gain."""
    words, name = Language(lang), one_run.names["no_visit_fee"][lang]
    saves = with_figures(one_run, "no_visit_fee", per_pp=-1e6, net_cost=-50_000.0)
    costs = with_figures(with_figures(one_run, "sms_reminder", per_pp=5e4, net_cost=3e5),
                         "no_visit_fee", per_pp=1e3, net_cost=4e3)
    for data in (saves, costs):
        message = key_message(data, words)
        cheapest = message[message.index(NO_CI[lang]):]
        assert name in cheapest and CLEAR[lang] not in message.lower()
        assert ("in this run" if lang == "en" else "i denne kjøringen") in cheapest.lower()


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_one_run_without_a_fall_claims_nothing_clear(one_run, lang):
    data = one_run
    for policy in one_run.policies:
        data = with_figures(data, policy, no_show_change=0.01)
    message = key_message(data, Language(lang))
    assert CLEAR[lang] not in message.lower() and NO_CI[lang] in message and ONE_RUN[lang] in message


def test_the_table_note_agrees_with_one_run(one_run, three_runs):
    en = Language("en")
    one, several = table_note(one_run, en), table_note(three_runs, en)
    assert "95% confidence interval" not in one and "no confidence intervals" in one
    assert "Below each figure: its 95% confidence interval" in several


@pytest.mark.parametrize("lang, lead", [("en", "Largest clear effect: "), ("nb", "Størst sikker effekt: ")])
def test_several_runs_still_name_the_largest_clear_effect(three_runs, lang, lead):
    sms = three_runs.headline.loc["sms_reminder"]
    assert three_runs.replications == 3 and sms.no_show_change_high < 0  # the CI lies below zero
    message = key_message(three_runs, Language(lang))
    assert message.startswith(lead + three_runs.names["sms_reminder"][lang])
    assert ("95% CI" if lang == "en" else "95\u00a0% KI") in message and NO_CI[lang] not in message
