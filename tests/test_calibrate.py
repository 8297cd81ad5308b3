"""The calibration writes its result as its own config file, which the baseline reads, a
command-line override beats, and `~fitted` leaves out; the hand-written YAML stays as written."""

import copy

import pytest
import yaml
from omegaconf import OmegaConf

from sim.calibration import calibrate

from sim.calibration import evidence_block, fitted
from sim.config.compose import load_config

FITTED = fitted.FOLDER / "ostfold_2005.yaml"
HAND_WRITTEN = [fitted.FOLDER.parent / "clinic" / "ostfold_2005.yaml",
                fitted.FOLDER.parent / "behaviour" / "default.yaml"]


def _leaves(node, prefix=""):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def test_the_baseline_runs_with_the_fitted_values():
    cfg = OmegaConf.structured(load_config(["charts=false"]))
    for key, value in _leaves(yaml.safe_load(FITTED.read_text())):
        assert OmegaConf.select(cfg, key) == pytest.approx(value), key


def test_a_command_line_value_beats_the_fitted_one_and_tilde_fitted_leaves_them_out():
    fitted_intercept = yaml.safe_load(FITTED.read_text())["behaviour"]["decision"]["intercept"]
    starting = yaml.safe_load(HAND_WRITTEN[1].read_text())["decision"]["intercept"]
    assert load_config(["behaviour.decision.intercept=-2"]).behaviour.decision.intercept == -2
    assert load_config(["~fitted"]).behaviour.decision.intercept == starting
    assert load_config().behaviour.decision.intercept == fitted_intercept


def test_the_fitted_file_says_it_is_generated_and_how():
    header = [line for line in FITTED.read_text().splitlines() if line.startswith("#")]
    assert header[0] == "# @package _global_"
    text = "\n".join(header)
    assert "do not edit by hand" in text
    for field in ("command: python3 -m sim.calibration", "date:", "replications:", "seed:", "commit:", "evaluations"):
        assert field in text, field


def _fake_fit(cal, max_iterations):
    """A stand-in for the hours of fitting: the base config with a moved intercept."""
    cfg = copy.deepcopy(cal.base)
    cfg.behaviour.decision.intercept = -1.5
    simulated = {(t.clinic, t.metric): t.value for t in cal.targets.itertuples()}
    return cfg, simulated, 0.123


@pytest.fixture
def fake_calibration(monkeypatch, tmp_path):
    monkeypatch.setattr(calibrate, "fit", _fake_fit)
    monkeypatch.setattr(calibrate, "FOLDER", tmp_path / "fitted")
    (tmp_path / "fitted").mkdir()
    (tmp_path / "docs").mkdir()  # a copy of docs/evidence.md: a refit rewrites its block
    (tmp_path / "docs" / "evidence.md").write_bytes(calibrate.EVIDENCE.read_bytes())
    monkeypatch.setattr(calibrate, "EVIDENCE", tmp_path / "docs" / "evidence.md")
    return tmp_path


def test_a_refit_writes_its_own_file_and_leaves_the_hand_written_yaml_alone(fake_calibration):
    before = [p.read_bytes() for p in HAND_WRITTEN]
    calibrate.main(["--replications", "1", "--out", str(fake_calibration / "out")])
    assert [p.read_bytes() for p in HAND_WRITTEN] == before
    written = (fake_calibration / "fitted" / "ostfold_2005.yaml").read_text()
    assert written == (fake_calibration / "out" / "fitted.yaml").read_text()
    assert yaml.safe_load(written)["behaviour"]["decision"]["intercept"] == -1.5
    assert "cost: 0.123" in written
    assert sorted(p.name for p in (fake_calibration / "fitted").iterdir()) == ["ostfold_2005.yaml"]
    evidence = (fake_calibration / "docs" / "evidence.md").read_text()
    assert "`behaviour.decision.intercept`: -1.5\n" in evidence  # the docs follow the refit
    assert sorted(p.name for p in (fake_calibration / "docs").iterdir()) == ["evidence.md"]


def test_a_dry_run_writes_only_to_the_output_folder(fake_calibration):
    calibrate.main(["--dry-run", "--out", str(fake_calibration / "out")])
    assert sorted(p.name for p in (fake_calibration / "out").iterdir()) == ["fit.csv", "fitted.yaml"]
    assert not list((fake_calibration / "fitted").iterdir())
    untouched = evidence_block.EVIDENCE.read_bytes()
    assert (fake_calibration / "docs" / "evidence.md").read_bytes() == untouched


@pytest.mark.parametrize("args, message", [
    (["--replications", "0"], "error: --replications = 0: must be at least 1"),
    (["--max-iterations", "-1"], "error: --max-iterations = -1: must be at least 1"),
])
def test_bad_numbers_stop_before_fitting(fake_calibration, monkeypatch, capsys, args, message):
    monkeypatch.setattr(calibrate, "fit", lambda *a: pytest.fail("fitted despite bad input"))
    with pytest.raises(SystemExit) as stop:
        calibrate.main(args)
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip() == message


def test_an_output_folder_that_is_a_file_stops_before_fitting(fake_calibration, monkeypatch, capsys):
    monkeypatch.setattr(calibrate, "fit", lambda *a: pytest.fail("fitted despite bad input"))
    a_file = fake_calibration / "results.txt"
    a_file.write_text("mine")
    with pytest.raises(SystemExit) as stop:
        calibrate.main(["--out", str(a_file)])
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip() == f"error: --out = {a_file}: it is a file; give a folder"
    assert a_file.read_text() == "mine"


def test_a_fitted_folder_that_cannot_be_written_is_one_line(fake_calibration, capsys):
    (fake_calibration / "fitted").rmdir()
    (fake_calibration / "fitted").write_text("mine")
    with pytest.raises(SystemExit) as stop:
        calibrate.main(["--replications", "1", "--out", str(fake_calibration / "out")])
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: cannot write to {fake_calibration / 'fitted'}: it is a file"]
    assert (fake_calibration / "fitted").read_text() == "mine"
