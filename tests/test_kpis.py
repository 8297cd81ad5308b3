"""Each key figure has one definition: the run's charts, the summary, the calibration targets and
the board report all show the same numbers for the same run."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from omegaconf import OmegaConf

from sim.report.data import _job_figures
from sim.results import output
from sim.results.kpis import ALL, weekly_no_show
from sim.results.pathway_counts import pathway_counts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def written_run(short_results, tmp_path_factory):
    """The short run written with its charts, and the weekly line the chart drew for all clinics."""
    drawn = {}
    save = Figure.savefig

    def remember_and_save(fig, path, *args, **kwargs):
        for ax in fig.axes:
            for line in ax.get_lines():
                if line.get_label() == "all clinics":
                    drawn[Path(path).name] = pd.Series(line.get_ydata(), index=pd.to_datetime(line.get_xdata()))
        return save(fig, path, *args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(Figure, "savefig", remember_and_save)
    folder = tmp_path_factory.mktemp("run") / "run"
    try:
        output.write_run(short_results, folder, draw_charts=True)
    finally:
        patch.undo()
    return folder, drawn["weekly_no_show.png"]


def test_the_run_chart_and_the_report_show_the_same_weekly_no_show(short_results, written_run):
    folder, charted = written_run
    cfg = OmegaConf.to_container(OmegaConf.load(folder / "config.yaml"))
    reported = _job_figures(folder, cfg)["weekly"]
    assert len(charted) == short_results.cfg.horizon_days // 7
    assert list(charted.index) == list(reported.index)
    np.testing.assert_allclose(charted.to_numpy(float), reported.to_numpy(float))


def test_weeks_are_seven_day_blocks_from_the_first_counted_day(short_results):
    cfg, a = short_results.cfg, short_results.appointments
    weekly = weekly_no_show(a, cfg.start_date, cfg.horizon_days)
    first = pd.Timestamp(cfg.start_date)
    assert weekly.index[0] == first and (pd.Series(weekly.index).diff().dropna() == pd.Timedelta(days=7)).all()
    dates = pd.to_datetime(a.scheduled_for)
    in_week = a[(dates >= first) & (dates < first + pd.Timedelta(days=7)) & a.outcome.isin(["attended", "no_show"])]
    assert weekly[ALL].iloc[0] == pytest.approx((in_week.outcome == "no_show").mean())
    for clinic, rows in in_week.groupby("clinic"):
        assert weekly[clinic].iloc[0] == pytest.approx((rows.outcome == "no_show").mean())


def test_the_pathway_is_counted_alike_in_memory_from_files_and_in_the_summary(short_results, written_run):
    folder, _ = written_run
    start = short_results.cfg.start_date
    in_memory = pathway_counts(short_results.patients, start)
    from_files = pathway_counts(pd.read_csv(folder / "patients.csv"), start)
    assert in_memory == from_files
    cfg = OmegaConf.to_container(OmegaConf.load(folder / "config.yaml"))
    reported = _job_figures(folder, cfg)
    assert {step: reported[step] for step in in_memory} == in_memory
    total = short_results.summary.set_index("clinic").loc[ALL]
    assert total.patients_referred == in_memory["referred"] > 0
    assert total.exits_completed == in_memory["completed"]
    assert total.exits_discharged_non_attendance == in_memory["discharged"]


def _backend_after_importing_the_chart_modules(mplbackend: str | None) -> str:
    """The plotting backend a fresh process holds after importing every chart module, with the
    environment variable MPLBACKEND as given (None: not set), whatever the test runner's own
    environment sets: "none chosen" while matplotlib has not chosen one."""
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    if mplbackend is not None:
        env["MPLBACKEND"] = mplbackend
    code = ("import sys, matplotlib, matplotlib.rcsetup as rc\n"
            "import sim.results.charts, sim.results.output, sim.study.compare_chart, "
            "sim.calibration.validation\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
            "backend = dict.__getitem__(matplotlib.rcParams, 'backend')\n"
            "print('none chosen' if backend is rc._auto_backend_sentinel else backend)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("runners_backend", [None, "Agg"])
def test_importing_the_chart_modules_selects_no_plotting_backend(monkeypatch, runners_backend):
    """Whatever MPLBACKEND the tests run with: importing chooses no backend, and keeps the one a
    user chose (no `matplotlib.use`)."""
    if runners_backend is None:
        monkeypatch.delenv("MPLBACKEND", raising=False)
    else:
        monkeypatch.setenv("MPLBACKEND", runners_backend)
    assert _backend_after_importing_the_chart_modules(None) == "none chosen"
    assert _backend_after_importing_the_chart_modules("svg") == "svg"
