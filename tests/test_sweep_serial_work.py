"""What a sweep does once, in the launching process, gives the same answers after it was made
cheaper: the pre-check of every scenario on several cores, the cached t quantiles, and libyaml's
reading of job folders' YAML."""

import functools
import subprocess
import sys
from pathlib import Path

import pytest
from omegaconf import OmegaConf
from scipy import stats as scipy_stats

from sim.config.forked import forked_map
from sim.study.jobs import read_yaml
from sim.study.stats import mean_ci, t_quantile

ROOT = Path(__file__).resolve().parent.parent


def _square_or_fail(i: int) -> int:
    if i == 3:
        raise ValueError("task 3 failed")
    return i * i


def test_forked_tasks_come_back_in_order_and_their_errors_are_raised():
    assert forked_map(lambda i: (i, i * i), 7) == [(i, i * i) for i in range(7)]
    with pytest.raises(ValueError, match="task 3 failed"):
        forked_map(_square_or_fail, 5)
    assert forked_map(lambda i: i, 0) == []


def test_a_sweeps_pre_check_names_the_first_bad_scenario_in_order():
    """Checked in forked processes (run.py's process has no threads), the problem reported is
    the first scenario's, as when they were checked one after another."""
    code = ("from sim.config.command_line import check_command_line; import sim.config.forked as f; "
            "args = ['-m', 'warmup_days=10,-1,-2', 'replication=0,1']; print(check_command_line(args).problem); "
            "f.multiprocessing.get_all_start_methods = lambda: []; print(check_command_line(args).problem)")
    forked, serial = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout.strip().split("\n")
    assert forked == serial
    assert forked.startswith("job warmup_days=-1: warmup_days = -1 is out of range")


def test_cached_t_quantiles_are_scipys():
    for df in (1, 2, 9, 29, 200):
        assert t_quantile(0.975, df) == scipy_stats.t.ppf(0.975, df)
    mean, low, high = mean_ci([1.0, 2.0, 4.0, float("nan")])
    half = scipy_stats.t.ppf(0.975, 2) * scipy_stats.tstd([1.0, 2.0, 4.0]) / 3 ** 0.5
    assert (low, high) == pytest.approx((mean - half, mean + half), rel=1e-15)


def test_yaml_of_a_job_folder_is_read_as_omegaconf_reads_it(tmp_path):
    text = "a: 1e3\nb: 2001-12-14\nc: ${x}\nd: ???\ne: [1, .5, null]\nf: {g: off}\n"
    (tmp_path / "x.yaml").write_text(text)
    assert read_yaml(tmp_path / "x.yaml") == OmegaConf.to_container(OmegaConf.load(tmp_path / "x.yaml"))
    for path in (ROOT / "scenarios").rglob("*.yaml"):
        assert read_yaml(path) == OmegaConf.to_container(OmegaConf.load(path)), path
    (tmp_path / "twice.yaml").write_text("a: 1\na: 2\n")  # OmegaConf refuses a key given twice
    assert read_yaml(tmp_path / "twice.yaml") is None
    assert read_yaml(tmp_path / "absent.yaml") is None


def test_yaml_is_read_without_libyaml_too(tmp_path, monkeypatch):
    """Where PyYAML has no libyaml (or OmegaConf moves its loader), OmegaConf reads the file itself,
    from the first file on."""
    import yaml

    from sim.study import jobs

    monkeypatch.setattr(jobs, "_loader", functools.cache(jobs._loader.__wrapped__))  # built afresh
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    (tmp_path / "x.yaml").write_text("a: 1e3\nb: [1, .5]\n")
    assert read_yaml(tmp_path / "x.yaml") == {"a": 1000.0, "b": [1, 0.5]}
