"""A lever setting swept or set on the command line leaves the reference alone (issue 18, item 3):
the sweep gets the baseline as it is, at the same seeds and replications, and each scenario is
named by what it changes."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import yaml

from sim.config.command_line import check_command_line
from sim.config.reference_jobs import with_reference_jobs
from sim.study.jobs import find_jobs, load_rows

ROOT = Path(__file__).resolve().parent.parent
SMALL = ["warmup_days=30", "horizon_days=30", "scale=0.2", "charts=false"]


def test_a_lever_sweep_gets_its_reference_jobs_first_at_the_same_replications():
    jobs = [["policy.incentive.voucher_nok=100", "replication=0"],
            ["policy.incentive.voucher_nok=100", "replication=1"],
            ["policy.incentive.voucher_nok=250", "replication=0"],
            ["policy.incentive.voucher_nok=250", "replication=1"]]
    assert with_reference_jobs(jobs) == [["policy=baseline", "replication=0"],
                                         ["policy=baseline", "replication=1"], *jobs]
    mixed = [["policy=voucher", "policy.incentive.voucher_nok=100"],
             ["policy=baseline", "policy.incentive.voucher_nok=100"]]
    assert with_reference_jobs(mixed) == [["policy=baseline"], *mixed]
    plain = [["policy=baseline"], ["policy=voucher"]]
    assert with_reference_jobs(plain) == plain


def test_the_check_before_a_lever_sweep_counts_the_reference_and_says_so():
    plan = check_command_line(["-m", "policy=baseline,voucher", "policy.incentive.voucher_nok=100",
                               *SMALL])
    assert plan.problem is None
    assert "note: the reference, policy=baseline without the policy.* settings, is added to the " \
           "sweep as 1 job(s) (total 3)" in plan.note


def test_a_swept_voucher_is_compared_with_current_practice_without_vouchers(tmp_path):
    sweep = tmp_path / "sweep"
    done = subprocess.run([sys.executable, "run.py", "-m", "policy.incentive.voucher_nok=100,500",
                           "replication=range(2)", *SMALL, f"hydra.sweep.dir={sweep}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    table = pd.read_csv(sweep / "comparison.csv")
    no_show = table[table.kpi == "no_show_rate"].set_index("scenario")
    assert list(no_show.index) == ["baseline", "baseline policy.incentive.voucher_nok=100",
                                   "baseline policy.incentive.voucher_nok=500"]
    assert set(no_show.baseline) == {"baseline"}
    assert list(no_show.display_name_en) == ["Current practice",
                                             "Current practice + incentive.voucher_nok=100",
                                             "Current practice + incentive.voucher_nok=500"]
    assert (no_show.diff_vs_baseline.iloc[1:] < 0).all()  # real differences, not 0.0
    assert (no_show.n_pairs == 2).all()
    rows, labels, _ = load_rows(find_jobs(sweep))
    for job_folder, scenario in labels.items():
        config = yaml.safe_load((job_folder / "config.yaml").read_text())
        expected = 0 if scenario.label == "baseline" else int(scenario.label.rsplit("=", 1)[1])
        assert config["policy"]["incentive"]["voucher_nok"] == expected, job_folder


def test_scenarios_are_named_by_the_lever_settings_they_change_and_compared_with_the_reference():
    from sim.study.compare import baselines_for
    from sim.study.jobs import Job, scenario_labels

    overrides = [["policy=baseline"], ["policy=baseline", "policy.incentive.voucher_nok=100"],
                 ["policy=voucher", "policy.incentive.voucher_nok=100"]]
    jobs = [Job(Path(f"job{i}"), i, o, "done") for i, o in enumerate(overrides)]
    labels = scenario_labels(jobs, {})
    assert [labels[j.folder].label for j in jobs] == [
        "baseline", "baseline policy.incentive.voucher_nok=100", "voucher policy.incentive.voucher_nok=100"]
    scenarios = list(labels.values())
    assert set(baselines_for(scenarios, None).values()) == {"baseline"}
    single = Job(Path("run"), 0, ["policy.incentive.voucher_nok=100"], "done")  # a single run
    assert scenario_labels([single], {single.folder: "baseline"})[single.folder].label == \
        "baseline policy.incentive.voucher_nok=100"
