"""The sensitivity analysis (sim/sensitivity/): the indices find the parameter that drives a known
function and give one with no effect about zero; a policy best by construction wins every sample;
a stopped study resumes without running a finished sample again; one tiny study end to end."""

import numpy as np
import pandas as pd
import pytest

from sim.sensitivity import analysis, robustness, running, sampling
from sim.sensitivity.ranges import Uncertain
from tests.conftest import SHORT

TINY = (*SHORT[2:], "warmup_days=30", "horizon_days=60", "scale=0.1")


def _param(path, low, high, value=None):
    return Uncertain(path, value if value is not None else (low + high) / 2, low, high,
                     "assumption", "test", False)


PARAMS = [_param("drives", 0.0, 1.0), _param("nudges", 0.0, 1.0), _param("idle", 0.0, 1.0)]


def _outcome(samples: pd.DataFrame) -> pd.DataFrame:
    """A known outcome: 'drives' matters most, 'nudges' a little, 'idle' not at all."""
    value = 10 * samples["drives"] ** 2 + samples["nudges"]
    return pd.DataFrame({"sample": samples.index, "question": "baseline", "kpi": "no_show_rate",
                         "value": value.to_numpy()})


def test_morris_ranks_the_driver_first_and_the_idle_parameter_about_zero():
    samples = sampling.morris_samples(PARAMS, trajectories=20)
    table = analysis.morris_table(samples, _outcome(samples), PARAMS).set_index("parameter")
    assert table.loc["drives", "rank"] == 1 and table.loc["nudges", "rank"] == 2
    assert table.loc["idle", "mu_star"] == pytest.approx(0, abs=1e-9)
    assert analysis.top_parameters(table.reset_index(), "no_show_rate", 1) == ["drives"]


def test_sobol_gives_the_driver_most_variance_and_the_idle_parameter_none():
    samples = sampling.sobol_samples(PARAMS, PARAMS, base_n=256)
    table = analysis.sobol_table(_outcome(samples), PARAMS).set_index("parameter")
    assert table.loc["drives", "rank"] == 1 and table.loc["drives", "ST"] > 0.9
    assert abs(table.loc["idle", "ST"]) < 0.01 and abs(table.loc["idle", "S1"]) < 0.05


def test_one_at_a_time_swings_only_what_matters():
    samples = sampling.oat_samples(PARAMS)
    table = analysis.oat_table(samples, _outcome(samples), PARAMS).set_index("parameter")
    assert table.loc["drives", "swing"] == pytest.approx(10)
    assert table.loc["idle", "swing"] == 0 and table.loc["drives", "rank"] == 1


def test_a_policy_best_by_construction_wins_every_sample_and_the_flip_is_found():
    rng = np.random.default_rng(1)
    x = rng.uniform(size=200)
    effect = pd.DataFrame({"baseline": 0.0, "always": -0.10, "sometimes": np.where(
        x < 0.3, -0.05, -0.01) + rng.uniform(0, 0.005, 200), "never": 0.02})
    shares = robustness.win_shares(effect, margin=0.001).set_index("option")
    assert shares.loc["always", "share_best"] == 1 and shares.loc["never", "share_best"] == 0
    assert robustness.top_two(shares.reset_index()) == ("always", "sometimes")
    samples = pd.DataFrame({"x": x, "noise": rng.uniform(size=200)})
    effect["always"] = np.where(x < 0.3, -0.06, 0.0)  # beats 'sometimes' only where x < 0.3
    flips = robustness.flips(effect, samples, "always", "sometimes", ["noise", "x"])
    assert flips.parameter[0] == "x" and flips.accuracy[0] == 1 and flips.first_wins_below[0]
    assert flips.threshold[0] == pytest.approx(0.3, abs=0.02)


def test_a_stopped_study_resumes_without_running_a_finished_sample_again(tmp_path, monkeypatch):
    from sim.config.compose import load_config

    configs = {p: load_config([*TINY, f"policy={p}"]) for p in ("baseline", "sms_reminder")}
    params = [_param("behaviour.forgetting.base_probability", 0.05, 0.2, 0.11)]
    batch = running.Batch(tmp_path / "runs_oat", sampling.oat_samples(params), params, configs, 1)
    monkeypatch.setattr(running, "RUNS_PER_CHUNK", 2)  # one sample (2 runs) a chunk
    ran, real = [], running.measure_each

    def killed_after_two_chunks(cfgs, measure, n_jobs):
        if len(ran) == 2:
            raise KeyboardInterrupt
        ran.append(len(cfgs))
        return real(cfgs, measure, n_jobs)

    monkeypatch.setattr(running, "measure_each", killed_after_two_chunks)
    with pytest.raises(KeyboardInterrupt):
        running.run_batch(batch, say=lambda line: None)
    assert len(running.finished(batch.folder)) == 4  # two samples written
    ran.clear()
    monkeypatch.setattr(running, "measure_each",
                        lambda c, m, n: ran.append(len(c)) or real(c, m, n))
    runs = running.run_batch(batch, say=lambda line: None)
    assert ran == [2] and len(runs) == 6 and sorted(set(runs["sample"])) == [0, 1, 2]


def test_a_tiny_study_end_to_end(tmp_path, capsys):
    from sim.sensitivity import main

    ranges = tmp_path / "ranges.yaml"
    ranges.write_text("ranges:\n"
                      "  behaviour.forgetting.base_probability: {low: 0.05, high: 0.2, "
                      "source: assumption, why: test}\n"
                      "  population.hourly_wage_nok: {low: 350, high: 650, source: assumption, "
                      "why: prices lost pay only}\n")
    out = tmp_path / "study"
    assert main(["method=all", "policies=[sms_reminder]", "trajectories=2", "samples=4", "top=2",
                 f"ranges={ranges}", f"out={out}", *TINY]) == 0
    for name in ("oat.csv", "morris.csv", "sobol.csv", "tornado.png", "tornado.svg", "morris.png",
                 "sobol.svg", "wins_morris.png", "robustness_morris.csv", "summary.txt",
                 "sensitivity.json"):
        assert (out / name).is_file(), name
    oat = pd.read_csv(out / "oat.csv")
    assert set(oat.question) == {"baseline", "sms_reminder"}
    assert "sms_reminder" in (out / "summary.txt").read_text()
    assert main(["method=oat", f"out={out}", *TINY]) == 2  # another study in the same folder
    assert "other settings" in capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["method=tornado"], "method=tornado: choose oat, morris, sobol or all"),
    (["samples=100"], "samples=100: Sobol needs a power of 2"),
    (["refit=yes"], "refit=yes: write true or false"),
    (["refit_iterations=0"], "refit_iterations=0: out of range: allowed 1 and up"),
    (["executor=slurm"], "executor=slurm: choose local or ray"),
    (["address=auto"], "address=auto: a Ray cluster's address; give it with executor=ray"),
    (["policies=[baseline]"], "policies=[baseline]: name one or more policies"),
    (["policies=[sms]"], "policies: policy=sms: unknown policy scenario"),
])
def test_bad_options_are_one_line(args, words, capsys, tmp_path):
    from sim.sensitivity import main

    assert main([*args, f"out={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
