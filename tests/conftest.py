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
    model = AttendanceModel(short_config()).run()
    yield model
    model.release()


@pytest.fixture(scope="session")
def short_results():
    return simulate(short_config())
