"""Sweeps: one command runs every scenario x replication, survives a failing job, resumes, and
ends in comparison.csv; common random numbers make paired differences far less noisy."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hydra import compose, initialize_config_dir
from scipy import stats

from sim.config.command_line import SCENARIOS, unknown_choice
from sim.study.compare import (CompareError, baselines_for, comparison_table, describe,
                         main as compare_main, replications_needed)
from sim.config.compose import load_config
from sim.study.jobs import Scenario
from sim.simulate import simulate
from sim.study.sweep import sweep_job

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Two months of warm-up and two counted: enough for every key figure, fast enough for a sweep.
SHORT = ["warmup_days=60", "horizon_days=60", "charts=False"]
SWEEP = ["policy=baseline,sms_reminder", "replication=range(3)", *SHORT]


def multirun(sweep_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "run.py", "-m", *args, f"hydra.sweep.dir={sweep_dir}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def job_dir(sweep_dir: Path, policy: str, replication: int) -> Path:
    """A job's folder: its overrides, sorted (hydra.sweep.subdir is hydra:job.override_dirname)."""
    return sweep_dir / ",".join(sorted([f"policy={policy}", f"replication={replication}", *SHORT]))


def overall(folder: Path) -> pd.Series:
    return pd.read_csv(folder / "summary.csv").set_index("clinic").loc["all"]


def test_sweep_of_two_scenarios_and_three_replications_ends_in_a_comparison(tmp_path):
    sweep_dir = tmp_path / "sweep"
    result = multirun(sweep_dir, *SWEEP)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr

    # Every job has its own folder with its config, seed, code version and package versions.
    for policy in ("baseline", "sms_reminder"):
        for rep in range(3):
            folder = job_dir(sweep_dir, policy, rep)
            info = json.loads((folder / "run_info.json").read_text())
            assert info["seed"] == 2005 and info["replication"] == rep and info["policy"] == policy
            assert info["git_commit"] and info["packages"]["mesa"].startswith("3.")
            assert f"name: {policy}" in (folder / "config.yaml").read_text()
            assert json.loads((folder / "job.json").read_text())["status"] == "done"

    # One progress line per finished job, with how many remain and the time left.
    progress = [line for line in log.splitlines() if " remain" in line]
    assert len(progress) == 6
    assert "[1/6] policy=baseline replication=0: done" in progress[0] and "5 remain" in progress[0]
    assert "left" in progress[0] and "0 remain" in progress[-1]

    table = pd.read_csv(sweep_dir / "comparison.csv")
    assert {"scenario", "display_name_nb", "display_name_en", "kpi", "n", "mean", "sd", "ci_low",
            "ci_high", "diff_vs_baseline", "diff_ci_low", "diff_ci_high",
            "replications_for_10pct"} <= set(table.columns)
    assert table.scenario.unique().tolist() == ["baseline", "sms_reminder"]
    for kpi in ("no_show_rate", "late_cancellation_rate", "consultations_per_fte_year",
                "technical_loss_hours", "real_loss_hours", "real_loss_nok",
                "mean_days_referral_to_first_treatment", "attended", "exits_dropped_out",
                "exits_discharged_non_attendance"):
        assert len(table[table.kpi == kpi]) == 2, kpi
    rows = table.set_index(["scenario", "kpi"])
    assert (rows.n == 3).all()
    sms = rows.loc[("sms_reminder", "no_show_rate")]
    assert sms.display_name_en == "SMS reminder" and sms.display_name_nb == "SMS-påminnelse"

    # The values are the jobs' own: mean, t-based CI, and the difference paired by replication.
    base = np.array([overall(job_dir(sweep_dir, "baseline", r)).no_show_rate for r in range(3)])
    mine = np.array([overall(job_dir(sweep_dir, "sms_reminder", r)).no_show_rate for r in range(3)])
    half = stats.t.ppf(0.975, 2) * mine.std(ddof=1) / math.sqrt(3)
    assert sms["mean"] == pytest.approx(mine.mean(), rel=1e-5)
    assert sms.ci_low == pytest.approx(mine.mean() - half, rel=1e-4)
    assert sms.ci_high == pytest.approx(mine.mean() + half, rel=1e-4)
    diff = mine - base
    d_half = stats.t.ppf(0.975, 2) * diff.std(ddof=1) / math.sqrt(3)
    assert sms.diff_vs_baseline == pytest.approx(diff.mean(), rel=1e-4)
    assert sms.diff_ci_high == pytest.approx(diff.mean() + d_half, rel=1e-4)
    assert sms.diff_ci_high < 0  # SMS reminders cut no-shows, seen even in 3 short replications
    assert rows.loc[("baseline", "no_show_rate")].diff_vs_baseline == 0
    needed = int(sms.replications_for_10pct)
    assert stats.t.ppf(0.975, needed - 1) * mine.std(ddof=1) / math.sqrt(needed) <= 0.1 * mine.mean()
    assert "Replications needed" in (sweep_dir / "comparison.txt").read_text()
    assert (sweep_dir / "comparison.png").read_bytes().startswith(PNG_MAGIC)
    by_clinic = pd.read_csv(sweep_dir / "comparison_by_clinic.csv")
    assert set(by_clinic.clinic) == {"askim", "fredrikstad", "halden", "moss", "sarpsborg"}
    assert not (sweep_dir / "failures.csv").exists()

    # Running the same sweep again skips every finished job and rewrites the same comparison.
    stamps = {p: p.stat().st_mtime_ns for p in sweep_dir.glob("*/summary.csv")}
    again = multirun(sweep_dir, *SWEEP)
    assert again.returncode == 0, again.stderr[-3000:]
    assert (again.stdout + again.stderr).count("skipped (already done)") == 6
    assert {p: p.stat().st_mtime_ns for p in sweep_dir.glob("*/summary.csv")} == stamps
    pd.testing.assert_frame_equal(pd.read_csv(sweep_dir / "comparison.csv"), table)


@pytest.mark.parametrize("launcher", ["joblib", "parallel"])  # Hydra's, and the project's own
def test_a_failing_job_is_recorded_and_the_rest_aggregated_then_resumed(tmp_path, launcher):
    sweep_dir = tmp_path / "sweep"
    broken = job_dir(sweep_dir, "sms_reminder", 2)
    (broken / "summary.csv").mkdir(parents=True)  # this job cannot write its results
    args = [*SWEEP, f"hydra/launcher={launcher}", "hydra.launcher.n_jobs=2"]
    result = multirun(sweep_dir, *args)

    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: 1 job(s) of the sweep failed") and "other 5" in last
    failures = pd.read_csv(sweep_dir / "failures.csv")
    assert len(failures) == 1
    failure = failures.iloc[0]
    assert "policy=sms_reminder" in failure.overrides and "replication=2" in failure.overrides
    assert failure.error_type == "OutputError" and failure.error.endswith("summary.csv: it is a folder")
    assert json.loads((broken / "job.json").read_text())["status"] == "failed"

    table = pd.read_csv(sweep_dir / "comparison.csv").set_index(["scenario", "kpi"])
    assert table.loc[("baseline", "no_show_rate")].n == 3
    sms = table.loc[("sms_reminder", "no_show_rate")]
    assert sms.n == 2 and sms.n_pairs == 2 and sms.jobs_failed == 1
    assert not math.isnan(sms.diff_vs_baseline)
    assert "1 job(s) failed" in (sweep_dir / "comparison.txt").read_text()

    # Fixed and rerun (on one core this time): only the failed job runs again.
    (broken / "summary.csv").rmdir()
    again = multirun(sweep_dir, *SWEEP)
    assert again.returncode == 0, again.stderr[-3000:]
    assert (again.stdout + again.stderr).count("skipped (already done)") == 5
    assert not (sweep_dir / "failures.csv").exists()
    table = pd.read_csv(sweep_dir / "comparison.csv").set_index(["scenario", "kpi"])
    assert table.loc[("sms_reminder", "no_show_rate")].n == 3


def raw_config(*overrides: str):
    with initialize_config_dir(config_dir=str(SCENARIOS), version_base=None):
        return compose("config", overrides=list(overrides))


def test_a_job_error_is_recorded_in_one_line_naming_the_field(tmp_path):
    def never(run_cfg, out):
        raise AssertionError("an invalid config must not run")

    value = sweep_job(raw_config("clinic.capacity_fte=-1"), tmp_path, ["clinic.capacity_fte=-1"], 4, never)
    assert math.isnan(value)
    record = json.loads((tmp_path / "job.json").read_text())
    assert record["status"] == "failed" and record["num"] == 4
    assert record["overrides"] == ["clinic.capacity_fte=-1"]
    assert record["error"].startswith("clinic.capacity_fte = -1")
    assert "\n" not in record["error"]

    def crash(run_cfg, out):
        raise RuntimeError("disk full\nmore detail")

    sweep_job(raw_config(*SHORT), tmp_path, [], 5, crash)
    record = json.loads((tmp_path / "job.json").read_text())
    assert (record["error_type"], record["error"]) == ("RuntimeError", "disk full")
    assert "Traceback" in record["traceback"]


def test_common_random_numbers_make_paired_differences_far_less_noisy():
    runs = {
        (policy, rep): simulate(load_config([*SHORT, f"policy={policy}", f"replication={rep}"]))
        .summary.set_index("clinic").loc["all"]
        for policy in ("baseline", "sms_reminder") for rep in range(8)
    }
    for kpi in ("no_show_rate", "real_loss_hours", "attended"):
        a = np.array([runs[("baseline", r)][kpi] for r in range(8)], dtype=float)
        b = np.array([runs[("sms_reminder", r)][kpi] for r in range(8)], dtype=float)
        unpaired = math.sqrt(a.var(ddof=1) + b.var(ddof=1))  # sd of a difference of independent runs
        paired = (b - a).std(ddof=1)
        assert paired < 0.6 * unpaired, kpi
        # Pairing replications that do not share random numbers gives no such gain.
        assert paired < (b - np.roll(a, 1)).std(ddof=1), kpi


def test_mean_ci_and_replications_needed():
    values = [10.0, 12.0, 11.0, 13.0, float("nan")]
    n, mean, sd, low, high = describe(values)
    assert (n, mean) == (4, 11.5)
    half = stats.t.ppf(0.975, 3) * np.std([10, 12, 11, 13], ddof=1) / 2
    assert (low, high) == pytest.approx((11.5 - half, 11.5 + half))
    assert describe([5.0])[:2] == (1, 5.0) and math.isnan(describe([5.0])[3])
    assert describe([])[0] == 0 and math.isnan(describe([])[1])
    needed = replications_needed(mean=10.0, sd=4.0)
    assert stats.t.ppf(0.975, needed - 1) * 4 / math.sqrt(needed) <= 1.0
    assert stats.t.ppf(0.975, needed - 2) * 4 / math.sqrt(needed - 1) > 1.0
    assert math.isnan(replications_needed(0.0, 1.0)) and math.isnan(replications_needed(1.0, math.nan))


def test_comparison_pairs_by_replication_and_keeps_extra_columns():
    rng = np.random.default_rng(1)
    level = rng.normal(100, 20, size=10)  # replication-to-replication spread, shared by both
    rows = pd.DataFrame({
        "scenario": ["baseline"] * 10 + ["b"] * 9,
        "display_name_nb": ["Base"] * 10 + ["B"] * 9, "display_name_en": ["Base"] * 10 + ["B"] * 9,
        "_pair": [f"2005/{r}" for r in range(10)] + [f"2005/{r}" for r in range(9)],
        "no_show_rate": np.r_[level, level[:9] + 5 + rng.normal(0, 0.1, 9)],
        "a_new_kpi": np.r_[np.ones(10), 2 * np.ones(9)],  # added by someone else later
        "replication": list(range(10)) + list(range(9)),
    })
    table = comparison_table(rows, "baseline", ["baseline", "b"]).set_index(["scenario", "kpi"])
    assert set(table.index.get_level_values("kpi")) == {"no_show_rate", "a_new_kpi"}
    b = table.loc[("b", "no_show_rate")]
    assert b.n == 9 and b.n_pairs == 9
    assert b.diff_ci_low < 5 < b.diff_ci_high and b.diff_ci_high - b.diff_ci_low < 0.5
    assert b.ci_high - b.ci_low > 20  # the levels alone could not tell the two apart
    assert table.loc[("b", "a_new_kpi")].diff_vs_baseline == 1


def test_each_scenario_is_compared_with_the_baseline_at_the_same_other_settings():
    scenarios = [Scenario(f"{policy} clinic.capacity_fte={fte}", policy, f"clinic.capacity_fte={fte}")
                 for fte in (4, 5) for policy in ("baseline", "sms_reminder")]
    scenarios.append(Scenario("sms_reminder clinic.capacity_fte=6", "sms_reminder", "clinic.capacity_fte=6"))
    chosen = baselines_for(scenarios, None)
    assert chosen["sms_reminder clinic.capacity_fte=5"] == "baseline clinic.capacity_fte=5"
    assert chosen["baseline clinic.capacity_fte=5"] == "baseline clinic.capacity_fte=5"
    assert chosen["sms_reminder clinic.capacity_fte=6"] == "baseline clinic.capacity_fte=4"  # none at 6
    assert set(baselines_for(scenarios, "sms_reminder clinic.capacity_fte=4").values()) == {
        "sms_reminder clinic.capacity_fte=4"}
    with pytest.raises(CompareError, match="--baseline nope: no such scenario"):
        baselines_for(scenarios, "nope")


def test_compare_command_fails_in_one_line(tmp_path, capsys):
    assert compare_main([str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'missing'}: no such folder"
    assert compare_main([str(tmp_path)]) == 2
    assert "no job results found" in capsys.readouterr().err


def test_sweep_arguments_are_checked_before_hydra():
    assert unknown_choice(["-m", "policy=baseline,sms_reminder", "replication=range(3)"]) is None
    assert unknown_choice(["--multirun", "experiment=policy_comparison"]) is None
    message = unknown_choice(["-m", "policy=baseline,sms_remindr"])
    assert message.startswith("policy=sms_remindr: unknown policy scenario")
    assert unknown_choice(["-m", "experiment=nope"]).startswith("experiment=nope: unknown experiment")


def test_policy_comparison_experiment_names_real_policies_and_a_fixed_folder():
    cfg = compose_with_hydra("experiment=policy_comparison")
    params = cfg.hydra.sweeper.params
    policies = params.policy.split(",")
    assert policies[0] == "baseline" and len(policies) == len(set(policies)) >= 8
    assert all((SCENARIOS / "policy" / f"{name}.yaml").is_file() for name in policies)
    assert params.replication == "range(30)"
    assert cfg.hydra.sweep.dir == "multirun/policy_comparison"  # the same folder: reruns resume
    assert cfg.charts is False


def compose_with_hydra(*overrides: str):
    with initialize_config_dir(config_dir=str(SCENARIOS), version_base=None):
        return compose("config", overrides=list(overrides), return_hydra_config=True)
