"""A sensitivity study's two options for how samples run: `refit=true` (sim/sensitivity/refit.py)
refits the fitted parameters at each sample, so the baseline's no-show stays near its target where
without it the no-show moves with the sample, and the estimate says what the refit costs;
`executor=ray` (sim/sensitivity/on_ray.py) runs chunks of samples as Ray tasks and gives the same
tables as local processes (common random numbers)."""

import importlib.util

import pandas as pd
import pytest

from sim.sensitivity import main, running
from tests.conftest import SHORT

# A half-year counted at a fifth of the region: enough for the calibration's targets to mean
# something (in a two-month run the clinics are not yet full); a refit of two steps costs at
# most 33 runs of 0.05 s.
SMALL = (*SHORT, "scale=0.2")
TINY = (*SHORT[2:], "warmup_days=30", "horizon_days=60", "scale=0.1")
FORGETTING = "behaviour.forgetting.base_probability"
TARGET = 0.335  # the all-clinic no-show the calibration fits (scenarios/targets/ostfold_2005.csv)


def _ranges(tmp_path):
    path = tmp_path / "ranges.yaml"
    path.write_text(f"ranges:\n  {FORGETTING}: {{low: 0.05, high: 0.2, source: assumption, "
                    "why: test}\n")
    return path


def _baseline_no_show(folder) -> pd.Series:
    runs = pd.read_csv(folder / "runs_oat.csv")
    return runs[runs.policy == "baseline"].set_index("sample").no_show_rate


def test_a_refit_holds_the_baseline_near_its_target_and_says_what_it_costs(tmp_path, capsys):
    ranges, args = _ranges(tmp_path), ["method=oat", "policies=[sms_reminder]", *SMALL]
    assert main([*args, f"ranges={ranges}", f"out={tmp_path / 'held'}"]) == 0
    assert main([*args, f"ranges={ranges}", f"out={tmp_path / 'refit'}", "refit=true",
                 "refit_iterations=2", "refit_replications=1"]) == 0
    err = capsys.readouterr().err
    assert "refit=true: each sample first refits the 10 fitted parameters" in err
    assert "= 33 evaluations a sample, each 1 run(s) of" in err and "runs of the refits" in err
    held, refit = _baseline_no_show(tmp_path / "held"), _baseline_no_show(tmp_path / "refit")
    # samples: 0 the scenario's value, 1 forgetting at its low, 2 at its high
    assert held.max() - held.min() > 0.1  # held: the no-show moves with forgetting
    assert refit.max() - refit.min() < (held.max() - held.min()) / 3
    assert ((refit - TARGET).abs() < 0.03).all()
    far = (held - TARGET).abs() > 0.02
    assert far.any() and ((refit - TARGET).abs() < (held - TARGET).abs())[far].all()
    moved = pd.read_csv(tmp_path / "refit" / "refit_oat.csv")
    assert set(moved["sample"]) == {0, 1, 2} and {"held", "refitted", "change"} <= set(moved)
    intercept = moved[moved.parameter == "behaviour.decision.intercept"].set_index("sample")
    assert intercept.change[1] > 0 > intercept.change[2]  # less forgetting: a higher level
    assert (intercept.held == intercept.held[0]).all() and intercept.evaluations.max() <= 33
    summary = (tmp_path / "refit" / "summary.txt").read_text()
    assert "refitted to the calibration targets" in summary
    assert len(list((tmp_path / "refit" / "runs_oat").glob("refit_*.csv"))) >= 1


def test_a_stopped_refit_study_keeps_each_finished_samples_refit(tmp_path, monkeypatch):
    """Each sample's refitted values are written with its runs; a resumed study refits only the
    samples not yet done (the refit here is a stand-in that moves the level a little)."""
    from sim.config.compose import load_config
    from sim.sensitivity import sampling
    from sim.sensitivity.ranges import Uncertain
    from sim.sensitivity.refit import Refit, Refitted, free_parameters

    refitted, stop_at = [], [2]  # the third refit is stopped (Ctrl-C), the first time only

    def stand_in(base, effort):
        if len(refitted) in stop_at:
            raise KeyboardInterrupt
        refitted.append(base.behaviour.forgetting.base_probability)
        level = base.behaviour.decision.intercept
        changes = tuple(0.1 if p.name.endswith("intercept") else p.start
                        for p in free_parameters(base))
        return Refitted(changes, base.clinic.missed_time_refilled_share,
                        {"behaviour.decision.intercept": (level, level + 0.1)}, 0.5, 3)

    monkeypatch.setattr(running, "refit", stand_in)
    configs = {p: load_config([*TINY, f"policy={p}"]) for p in ("baseline", "sms_reminder")}
    params = [Uncertain(FORGETTING, 0.11, 0.05, 0.2, "assumption", "test", False)]
    batch = running.Batch(tmp_path / "runs_oat", sampling.oat_samples(params), params, configs, 1,
                          refit=Refit(1, 1))
    with pytest.raises(KeyboardInterrupt):
        running.run_batch(batch, say=lambda line: None)
    assert sorted(running.finished(batch.folder, "refit")["sample"]) == [0, 1]
    stop_at[:], refitted[:] = [], []
    runs = running.run_batch(batch, say=lambda line: None)
    assert refitted == [0.2] and sorted(set(runs["sample"])) == [0, 1, 2]
    moved = running.finished(batch.folder, "refit")
    assert sorted(moved["sample"]) == [0, 1, 2] and (moved.change.round(6) == 0.1).all()


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="Ray is not installed (python3 -m pip install -e '.[ray]')")
def test_chunks_as_ray_tasks_give_the_same_tables_as_local_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(running, "RUNS_PER_CHUNK", 4)  # two samples a task: two tasks
    ranges, args = _ranges(tmp_path), ["method=oat", "policies=[sms_reminder]", *TINY]
    assert main([*args, f"ranges={ranges}", f"out={tmp_path / 'local'}"]) == 0
    # a Ray cluster started here with one CPU (n_jobs=1) and no dashboard, stopped at the end
    assert main([*args, f"ranges={ranges}", f"out={tmp_path / 'ray'}", "executor=ray",
                 "n_jobs=1"]) == 0
    assert len(list((tmp_path / "ray" / "runs_oat").glob("chunk_*.csv"))) == 2
    for name in ("runs_oat.csv", "oat.csv", "outcomes_oat.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "local" / name),
                                      pd.read_csv(tmp_path / "ray" / name))
