"""`python3 -m sim.records fit`: a run exported as records gives back its sites, capacity,
referrals and waits, and the scenario it writes runs from the planner's own config folder; for
the Østfold example and for a trust of three sites, one much larger (sim/records/derive.py)."""

import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from sim.records.__main__ import main
from records_cases import trust_of_sites

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "records" / "ostfold_synthetic.csv"
SITES = {"nord": (8.0, 520, 14), "midt": (2.0, 130, 30), "sor": (1.5, 95, 45)}  # FTE, refs, wait


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(tmp_path / "records.key"))


def _run(folder: Path, *overrides: str) -> pd.DataFrame:
    result = subprocess.run([sys.executable, "run.py", *overrides, "charts=false",
                             f"hydra.run.dir={folder}"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return pd.read_csv(folder / "summary.csv").set_index("clinic")


def _fit(records: Path, name: str, config_dir: Path, capsys, *options: str) -> dict:
    assert main(["fit", str(records), "--name", name, "--config-dir", str(config_dir),
                 "--replications", "0", "--iterations", "0", *options]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[-1] == (f"run it: python3 run.py --config-dir {shlex.quote(str(config_dir))} "
                        f"clinic={name}")
    return yaml.safe_load((config_dir / "clinic" / f"{name}.yaml").read_text())


def test_the_example_fits_and_its_scenario_runs(tmp_path, capsys):
    mine = tmp_path / "mine Østfold"  # a space and an ø: the fit's own runs and run.py read it
    clinic = _fit(EXAMPLE, "my_trust", mine, capsys, "--replications", "3",
                  "--out", str(tmp_path / "report"), "--iterations", "1",
                  "--fit-replications", "1")
    report = pd.read_csv(tmp_path / "report" / "fit_report.csv").set_index(["target", "clinic"])
    parameters = pd.read_csv(tmp_path / "report" / "fit_parameters.csv").set_index("parameter")
    assert len(parameters) == 1 + 5 + 4  # the level, a term per site, stages, course
    fitted = yaml.safe_load((mine / "fitted" / "my_trust.yaml").read_text())
    assert fitted["behaviour"]["decision"]["intercept"] == parameters.fitted[
        "behaviour.decision.intercept"]
    targets = pd.read_csv(tmp_path / "report" / "fit_targets.csv")
    assert set(targets.metric) == {"no_show_rate", "no_show_rate_assessment", "planned_per_year",
                                   "no_show_rate_first_treatment", "no_show_rate_treatment"}
    assert len(report) == 4 * 6  # no-show overall and per stage, for each site and all
    observed = report.loc["no_show_rate", "observed"]
    assert observed.to_dict() == pd.read_csv(EXAMPLE.parent / "run_summary.csv").set_index(
        "clinic").no_show_rate.to_dict()
    _assert_report_holds_together(report)
    # the example was made with Østfold 2005's calibrated values, where the fit starts: the
    # scenario's no-show over all sites lies in the records' own 95% interval
    everyone = report.loc[("no_show_rate", "all")]
    assert everyone.observed_low <= everyone.simulated <= everyone.observed_high
    run = pd.read_csv(EXAMPLE.parent / "run_summary.csv").set_index("clinic")
    assert list(clinic["sites"]) == list(run.index.drop("all"))
    for key, site in clinic["sites"].items():
        assert site["capacity_fte"] == run.loc[key, "clinical_fte"]
    assert clinic["sites"]["fredrikstad"]["first_treatment_wait_days"] == 60  # the run's setting
    summary = _run(tmp_path / "out", "--config-dir", str(mine), "clinic=my_trust",
                   "policy=sms_reminder", "horizon_days=30",
                   "warmup_days=30")
    assert list(summary.index) == [*clinic["sites"], "all"]


def _assert_report_holds_together(report: pd.DataFrame) -> None:
    """Each row's intervals hold their figure, its difference and flags follow from them, and
    the planned consultations of the stages and sites add up to each clinic's and to all."""
    assert (report.observed_low <= report.observed).all()
    assert (report.observed <= report.observed_high).all()
    assert (report.simulated_low <= report.simulated).all()
    assert (report.simulated <= report.simulated_high).all()
    difference = (report.simulated - report.observed) * 100
    assert (report.difference_points - difference).abs().max() <= 0.05 + 1e-9
    assert report.within_2_points.equals(difference.abs() <= 2.0 + 1e-9)
    assert report.in_simulated_range.equals(report.observed.between(report.simulated_low,
                                                                    report.simulated_high))
    planned = report.planned.unstack("clinic")
    stages = planned.drop(index="no_show_rate").sum()
    assert stages.equals(planned.loc["no_show_rate"])
    assert planned.drop(columns="all").sum(axis=1).equals(planned["all"])


def test_a_trust_of_three_sites_round_trips(tmp_path, capsys):
    trust = tmp_path / "trust"
    trust_of_sites(trust, {key: {"capacity_fte": fte, "referrals_per_year": refs,
                                 "first_treatment_wait_days": wait}
                           for key, (fte, refs, wait) in SITES.items()})
    run = _run(tmp_path / "run", "--config-dir", str(trust), "clinic=three_sites", "~fitted",
               "warmup_days=180", "horizon_days=365")
    exported = tmp_path / "three.csv"
    assert main(["export", str(tmp_path / "run"), "--out", str(exported)]) == 0
    fitted = _fit(exported, "other_trust", tmp_path / "mine", capsys)["sites"]
    assert set(fitted) == set(SITES)  # site keys from the display names Nord, Midt, Sor
    for key, (fte, _, wait) in SITES.items():
        assert fitted[key]["capacity_fte"] == fte
        assert fitted[key]["referrals_per_year"] == pytest.approx(
            run.loc[key, "patients_referred"], rel=0.10)
        # the records show the wait as it was: longer than planned where places were short
        assert wait <= fitted[key]["first_treatment_wait_days"] <= wait + 15
    assert fitted["nord"]["first_treatment_wait_days"] == SITES["nord"][2]  # room to spare
    summary = _run(tmp_path / "again", "--config-dir", str(tmp_path / "mine"),
                   "clinic=other_trust", "horizon_days=30",
                   "warmup_days=30")
    assert set(summary.index) == {*SITES, "all"}


def test_a_bad_name_gives_one_line(tmp_path, capsys):
    assert main(["fit", str(EXAMPLE), "--name", "Min Klinikk", "--config-dir",
                 str(tmp_path)]) == 2
    assert capsys.readouterr().err == ("error: --name Min Klinikk: a scenario name is lower case "
                                       "letters, digits and underscores, starting with a letter "
                                       "(e.g. my_trust)\n")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("option, value, least", [("--iterations", "-1", 0),
                                                  ("--fit-replications", "0", 1),
                                                  ("--replications", "-2", 0)])
def test_a_count_out_of_range_gives_one_line_before_anything_is_written(tmp_path, capsys,
                                                                        option, value, least):
    assert main(["fit", str(EXAMPLE), "--name", "my_trust", "--config-dir", str(tmp_path),
                 option, value]) == 2
    assert capsys.readouterr().err == f"error: {option} {value}: must be at least {least}\n"
    assert not any(tmp_path.iterdir())


def test_the_level_and_the_sites_terms_told_apart_only_by_construction_say_so():
    """The fit report explains why the no-show level and every site's term are listed as one
    combination the records cannot tell apart, and says nothing of it for other combinations."""
    from types import SimpleNamespace

    from sim.records.fit_check import LEVEL_AND_SITES, parameter_lines

    fitted = pd.DataFrame([{"parameter": "behaviour.decision.intercept", "start": -1.5,
                            "fitted": -1.4, "verdict": "traded off", "pinned_down": False}])
    level = "+1.0 behaviour.decision.intercept -1.0 clinic.sites.a.unexplained_log_odds"
    other = "+1.0 behaviour.decision.alliance +0.6 behaviour.dropout.quit_after_miss"
    lines = parameter_lines(SimpleNamespace(parameters=fitted, unresolved=[level, other]))
    assert lines.count(LEVEL_AND_SITES) == 1
    assert lines[lines.index(LEVEL_AND_SITES) - 1].endswith(level)
