import pytest

from sim.config.compose import load_config
from sim.model import AttendanceModel
from sim.simulate import simulate

# A short run: half a year of warm-up, half a year counted. Enough to see every mechanism.
SHORT = ("warmup_days=180", "horizon_days=180", "charts=false")


def short_config(*overrides: str):
    return load_config([*SHORT, *overrides])


def no_show_rate(*overrides: str, seeds=(1, 2)) -> float:
    """Mean overall no-show rate over a few seeds of the full baseline year."""
    rates = []
    for seed in seeds:
        summary = simulate(load_config([f"seed={seed}", "charts=false", *overrides])).summary
        rates.append(summary.set_index("clinic").loc["all", "no_show_rate"])
    return sum(rates) / len(rates)


def all_sites(field: str, value) -> list[str]:
    """Overrides that set `field` to `value` at every baseline site."""
    sites = load_config().clinic.sites
    return [f"clinic.sites.{key}.{field}={value}" for key in sites]


@pytest.fixture(scope="session")
def short_model():
    return AttendanceModel(short_config()).run()


@pytest.fixture(scope="session")
def short_results():
    return simulate(short_config())


@pytest.fixture(scope="session")
def tiny_sweep(tmp_path_factory):
    """A sweep of 2 scenarios x 2 replications of 30 days at a fifth of the region, from a copy of
    scenarios/ given with --config-dir (a space in its path), without the calibrated values
    (~fitted): (sweep folder, config folder). For the report's tests; a few seconds."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    base = tmp_path_factory.mktemp("tiny_sweep")
    config_dir = base / "my scenarios"
    shutil.copytree(root / "scenarios", config_dir)
    folder = base / "sweep"
    result = subprocess.run([sys.executable, "run.py", "-m", "--config-dir", str(config_dir),
                             "policy=baseline,sms_reminder", "replication=range(2)", "~fitted",
                             "warmup_days=30", "horizon_days=30", "scale=0.2", "charts=false",
                             f"hydra.sweep.dir={folder}"], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder, config_dir
