"""The behaviour fitted to records recovers the settings that made them: a run with known
settings, exported (sim/records/export.py), fitted (`python3 -m sim.records fit`), gives back its
no-show by clinic and stage within 2 points and its referrals within 10%; for the five Østfold
sites, and for a trust of three sites, one much larger.

"Its no-show" is what the known settings give on average (48 simulated years), against what the
fitted scenario gives on average: the records differ from that average by their own noise, which
no fit can know. The records are two years at twice the region (about 50,000 rows): about a
point of noise for a clinic's no-show, but a small site's first treatment has only a few hundred
planned consultations, whose 95% interval is 4 to 6 points wide each side. The fit is held to 2
points, or to the records' own 95% margin where that is wider (the tolerance the fit itself
uses, sim/records/targets.py): no fit of these records can be surer than they are. The fit is
short (6 iterations, 3 years a point) and starts from Østfold 2005's calibrated values, which
the known settings are moved away from.
"""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from sim.config.compose import load_config
from sim.records.__main__ import main
from sim.records.derive import derive
from sim.records.read import read_records
from sim.records.targets import records_targets
from sim.records.fit_behaviour import scenario_config
from sim.results.output import write_run
from sim.simulate import simulate
from sim.study.many import measure_each, with_settings
from records_cases import trust_of_sites

ROOT = Path(__file__).resolve().parent.parent
RATES = ["no_show_rate", "no_show_rate_assessment", "no_show_rate_first_treatment",
         "no_show_rate_treatment"]
RECORDS = {"scale": 2.0, "horizon_days": 730}
FIT = ("--iterations", "6", "--fit-replications", "3", "--replications", "0")
YEARS = 48  # simulated years averaged on each side: a small site's first treatment then has
# under a point of noise per side (12 gave 1.2, too near the 2 points asked)
MOVED = {"behaviour.decision.intercept": -1.35, "behaviour.decision.alliance": -1.5}
THREE_SITES = {"nord": (8.0, 520, 14, 0.3), "midt": (2.0, 130, 30, 0.0),  # FTE, referrals,
               "sor": (1.5, 95, 45, -0.2)}  # first treatment wait, unexplained log-odds


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(tmp_path / "records.key"))


def _fitted_ostfold() -> dict:
    """Østfold 2005's calibrated values, as dotted settings (the records' fit's starting point)."""
    fitted = yaml.safe_load((ROOT / "scenarios" / "fitted" / "ostfold_2005.yaml").read_text())
    behaviour = {f"behaviour.{group}.{key}": value
                 for group, values in fitted["behaviour"].items() for key, value in values.items()}
    clinic = {f"clinic.{key}": value for key, value in fitted["clinic"].items() if key != "sites"}
    decision = yaml.safe_load((ROOT / "scenarios" / "behaviour" / "default.yaml").read_text())[
        "decision"]  # the effects the records' fit frees, not Østfold's fit
    free = {f"behaviour.decision.{key}": decision[key]
            for key in ("alliance", "lead_time_per_week")}
    return behaviour | clinic | free


def _round_trip(known, tmp_path: Path, capsys) -> tuple:
    """Records of `known`, fitted: (no-show of the known settings, of the fitted scenario, the
    fitted clinic file, the records' own 95% margin of each no-show)."""
    records = with_settings(known, RECORDS)
    write_run(simulate(records), tmp_path / "run", draw_charts=False)
    exported = tmp_path / "records.csv"
    assert main(["export", str(tmp_path / "run"), "--out", str(exported)]) == 0
    mine = tmp_path / "mine"
    assert main(["fit", str(exported), "--name", "fitted_trust", "--config-dir", str(mine),
                 *FIT]) == 0
    said = capsys.readouterr().out
    assert "behavioural parameters to the records" in said, said[-500:]
    fitted = scenario_config(mine, "fitted_trust")
    clinic = yaml.safe_load((mine / "clinic" / "fitted_trust.yaml").read_text())
    truth = _no_show(with_settings(known, {"scale": RECORDS["scale"]}))
    started = with_settings(fitted, _fitted_ostfold() | {
        f"clinic.sites.{key}.unexplained_log_odds": site["unexplained_log_odds"]
        for key, site in clinic["sites"].items()})
    assert ((_no_show(started) - truth).abs() > 0.02).any().any()  # the fit had to move
    return truth, _no_show(fitted), clinic, _records_margin(exported)


def _records_margin(exported: Path) -> pd.DataFrame:
    """The records' 95% margin of each no-show figure (clinic x rate), as the fit's targets."""
    appointments = read_records(exported, None).appointments
    targets = records_targets(appointments, derive(appointments, 0.0), "records")
    rates = targets[targets.metric.isin(RATES)]
    return rates.pivot(index="clinic", columns="metric", values="tolerance")[RATES]


def _no_show(cfg) -> pd.DataFrame:
    """No-show by clinic (and all) and stage, averaged over YEARS simulated years."""
    runs = measure_each([with_settings(cfg, {"replication": r}) for r in range(YEARS)],
                        lambda results: results.summary.set_index("clinic")[RATES])
    return pd.concat(runs).groupby(level=0).mean()


def _assert_recovered(truth: pd.DataFrame, fitted: pd.DataFrame, clinic: dict,
                      margin: pd.DataFrame, known) -> None:
    print("\nno-show, known settings:\n" + truth.round(3).to_string())
    print("no-show, fitted scenario:\n" + fitted.round(3).to_string())
    print("records' 95% margin:\n" + margin.round(3).to_string())
    assert set(fitted.index) == set(truth.index) == set(margin.index)
    apart = (fitted - truth.loc[fitted.index]).abs()
    allowed = margin.loc[fitted.index].clip(lower=0.02)
    assert (apart <= allowed).all().all(), (
        f"points apart:\n{(apart * 100).round(1).to_string()}\n"
        f"allowed:\n{(allowed * 100).round(1).to_string()}")
    for key, site in clinic["sites"].items():
        assert site["referrals_per_year"] == pytest.approx(
            known.clinic.sites[key].referrals_per_year * RECORDS["scale"], rel=0.10), key


def test_the_five_ostfold_sites_round_trip(tmp_path, capsys):
    known = with_settings(load_config(["charts=false"]), {
        **MOVED, "clinic.sites.askim.unexplained_log_odds": -0.1,
        "clinic.sites.moss.unexplained_log_odds": 0.4})
    _assert_recovered(*_round_trip(known, tmp_path, capsys), known)


def test_a_trust_of_three_sites_one_much_larger_round_trips(tmp_path, capsys):
    trust = tmp_path / "trust"
    trust_of_sites(trust, {key: {"capacity_fte": fte, "referrals_per_year": refs,
                                 "first_treatment_wait_days": wait,
                                 "unexplained_log_odds": term}
                           for key, (fte, refs, wait, term) in THREE_SITES.items()})
    folder = "file://" + str(trust)
    base = load_config([f"hydra.searchpath=['{folder}']", "clinic=three_sites", "~fitted",
                        "charts=false"])
    known = with_settings(base, _fitted_ostfold() | MOVED)
    _assert_recovered(*_round_trip(known, tmp_path, capsys), known)
