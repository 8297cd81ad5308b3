"""What the report and the comparison say about where results come from and what they mean: the
reproduce command names the config folder the sweep was given, the assumptions claim the Østfold
2005 calibration only when the runs used it, and a fall in no-shows that is not clear gets no NOK
per point figure, in comparison.txt as in the report."""

import shlex

import pandas as pd
import pytest

from sim.report.data import load
from sim.report.notes import calibration, footnotes
from sim.report.takes import per_pp_cell
from sim.report.text import Language
from sim.study.compare_costs import CLEAR, PER_PP
from sim.study.compare_text import per_pp_text


@pytest.fixture(scope="module")
def own_config_sweep(tiny_sweep):
    """Two scenarios, two replications, from a copy of scenarios/ given with --config-dir, run
    without the calibrated values (~fitted): tests/conftest.py."""
    return tiny_sweep


def sections(data, code: str) -> dict[str, list[str]]:
    lang = Language(code)
    return {title: paragraphs for title, paragraphs, _ in footnotes(data, lang)}


def test_the_reproduce_command_names_the_config_folder(own_config_sweep):
    folder, config_dir = own_config_sweep
    command = sections(load(folder), "en")[Language("en")("reproduce_title")][0]
    words = shlex.split(command)
    assert words[:3] == ["python3", "run.py", "-m"]
    assert words[words.index("--config-dir") + 1] == str(config_dir)
    assert "~fitted" in words and f"hydra.sweep.dir={folder}" in words


@pytest.mark.parametrize("code", ["en", "nb"])
def test_no_ostfold_calibration_claimed_without_the_fitted_values(own_config_sweep, code):
    data = load(own_config_sweep[0])
    assert data.settings["fitted"] == [""]
    assumptions = " ".join(sections(data, code)[Language(code)("assumptions_title")])
    words = Language(code)("calibration")
    assert words["none"] in assumptions and words["ostfold_2005"] not in assumptions
    assert "~fitted" in assumptions


def test_the_calibration_named_is_the_one_used():
    en = Language("en")
    assert calibration(["ostfold_2005"], en) == en("calibration")["ostfold_2005"]
    assert "scenarios/fitted/mine.yaml" in calibration(["mine"], en)
    assert "starting values" in calibration(["ostfold_2005", ""], en)
    assert calibration([], en) == ""  # no record: nothing claimed


def test_comparison_text_flags_an_effect_that_is_not_clear(own_config_sweep):
    """A fall whose 95% CI reaches zero gets no NOK per point in comparison.txt, as in the report;
    a clear fall gets its NOK per point. The tiny sweep's SMS line says what the report's flag
    says (either way, by chance), and a fall that is not clear is spelled out."""
    folder = own_config_sweep[0]
    text = (folder / "comparison.txt").read_text()
    costs = text[text.index("What each policy gives and takes"):text.index("Replications needed")]
    line = next(row for row in costs.splitlines() if row.strip().startswith("SMS reminder"))
    row = load(folder).headline.loc["sms_reminder"]
    if row.gain_clear:
        assert line.endswith("/pp"), line
    else:
        assert line.endswith("no gain") or line.endswith("effect not clear"), line
    unclear = pd.Series({PER_PP: 12_000.0, CLEAR: False})
    assert per_pp_text(unclear) == "effect not clear"
    assert per_pp_text(pd.Series({PER_PP: float("nan"), CLEAR: False})) == "no gain"
    assert per_pp_text(pd.Series({PER_PP: 12_000.0, CLEAR: True})) == "12,000/pp"


def test_nok_per_point_only_for_a_clear_fall():
    clear = pd.Series({"nok_per_pp_avoided": 12_345.0, "gain_clear": True})
    assert per_pp_text(clear) == "12,345/pp"
    assert per_pp_text(clear.copy().replace({True: False})) == "effect not clear"
    assert per_pp_text(pd.Series({"nok_per_pp_avoided": float("nan"), "gain_clear": False})) == "no gain"
    en = Language("en")
    unclear = pd.Series({"per_pp": 1_234_567.0, "gain_clear": False})
    assert per_pp_cell(unclear, en) == (en("unclear_cell"), "")  # no figure that means nothing
    assert per_pp_cell(unclear.copy().replace({False: True}), en)[0] == "1,235,000"
