"""The plausible ranges (scenarios/ranges/, sim/sensitivity/ranges.py): the committed file holds
every value and docs/evidence.md shows it as it is; a bad range is one line naming the parameter
and what is allowed."""

import pytest

from sim.config import ConfigError
from sim.config.compose import load_config
from sim.sensitivity.evidence import EVIDENCE, ranges_block, with_ranges_block
from sim.sensitivity.ranges import checked, load_ranges, ranges_file


@pytest.fixture(scope="module")
def cfg():
    return load_config(["charts=false"])


def test_the_committed_ranges_hold_every_value_and_the_page_shows_them(cfg):
    path = ranges_file(cfg.clinic.name)
    params = load_ranges(path, cfg)
    assert len(params) >= 80 and len({p.path for p in params}) == len(params)
    assert all(p.low <= p.value <= p.high for p in params)
    text = EVIDENCE.read_text(encoding="utf-8")
    assert with_ranges_block(text, ranges_block(params, path.name)) == text, (
        "docs/evidence.md's ranges differ from scenarios/ranges/: run "
        "python3 -m sim.sensitivity.evidence")


@pytest.mark.parametrize("key, entry, words", [
    ("behaviour.forgetting.base_probability", {"low": 0.15, "high": 0.2},
     "the range 0.15 to 0.2 does not hold the value 0.11"),
    ("behaviour.forgetting.base_probability", {"low": 0.2, "high": 0.05},
     "low = 0.2 is above high = 0.05"),
    ("population.trust_mean", {"low": 0.5, "high": 1.2},
     "high = 1.2 is out of range: allowed 0 to 1"),
    ("behaviour.forgetting.base_probabilty", {"low": 0.05, "high": 0.2}, "no such parameter"),
    ("behaviour.forgetting.base_probability", {"low": "a", "high": 0.2},
     "low = a is not a number"),
    ("behaviour.forgetting.base_probability", {"low": 0.05, "high": 0.2, "why": ""},
     "give the range's source"),
    ("behaviour.forgetting", {"low": 0.05, "high": 0.2}, "not a number in the scenario"),
])
def test_a_bad_range_is_one_line_naming_the_parameter(cfg, key, entry, words):
    entry = {"source": "assumption", "why": "test", **entry}
    with pytest.raises(ConfigError) as error:
        checked("ranges.yaml", key, entry, cfg)
    message = str(error.value)
    assert message.startswith(f"ranges.yaml: {key}: ") and words in message
    assert "\n" not in message


def test_a_range_on_a_fitted_parameter_is_refused(cfg, tmp_path):
    path = tmp_path / "ranges.yaml"
    path.write_text("ranges:\n  behaviour.decision.intercept: "
                    "{low: -2, high: -1, source: a, why: b}\n")
    with pytest.raises(ConfigError, match="behaviour.decision.intercept: is fitted"):
        load_ranges(path, cfg)


def test_an_unknown_ranges_file_names_the_ones_there():
    with pytest.raises(ConfigError, match="ranges=nowhere: no such file; choose one of ostf"):
        ranges_file("nowhere")
