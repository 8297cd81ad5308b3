"""A trust's records as calibration targets (sim/calibration/targets.py's table): the no-show
overall and at each stage, per site and for all, and each site's planned consultations a year.

Each no-show target's tolerance is the records' own 95% half-width (at least 1 point), so a
figure from many appointments weighs more than one from few; cells from fewer than 5 patients
are left out (suppressed), as are stages the records do not have.
"""

from __future__ import annotations

import math

import pandas as pd

from sim.enums import Stage
from sim.records.derive import Derived, records_years
from sim.records.no_show_tables import no_show_by
from sim.records.suppress import suppressed

Z = 1.96
MIN_TOLERANCE = 0.01  # a no-show target is never asked to be met closer than 1 point
VOLUME_TOLERANCE = 0.05  # planned consultations a year: within 5%


def site_of(appointments: pd.DataFrame, derived: Derived) -> pd.Series:
    """Each row's site key (NaN for a clinic left out)."""
    keys = {site["display_name"][0]: key for key, site in derived.sites.items()}
    return appointments.clinic.astype(str).map(keys).rename("site")


def observed_no_show(rows: pd.DataFrame, site: pd.Series) -> pd.DataFrame:
    """Per site and for all: patients, planned, the no-show rate and its Wilson 95% interval
    (too narrow: a patient's appointments are not independent); small cells suppressed."""
    by_site = no_show_by(rows, [site])
    everyone = no_show_by(rows, [pd.Series("all", index=rows.index, name="site")])
    table = pd.concat([by_site, everyone], ignore_index=True)
    wilson = [wilson_interval(n, p) for n, p in zip(table.no_shows, table.planned)]
    table["observed"] = table.no_show_rate
    table["observed_low"], table["observed_high"] = zip(*wilson) if wilson else ((), ())
    table = suppressed(table[["site", "patients", "planned", "observed", "observed_low",
                              "observed_high"]], ["site"])
    return table.set_index("site")


def wilson_interval(events: int, n: int, z: float = Z) -> tuple[float, float]:
    if not n:
        return float("nan"), float("nan")
    p = events / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(centre - half, 4), round(centre + half, 4)


def by_stage(appointments: pd.DataFrame, derived: Derived):
    """(metric, observed table) for the no-show overall and at each stage the records have."""
    site = site_of(appointments, derived)
    kept = appointments[site.notna()]
    for stage in (None, *Stage):
        rows = kept if stage is None else kept[kept.stage == stage.value]
        if len(rows):
            metric = "no_show_rate" if stage is None else f"no_show_rate_{stage.value}"
            yield metric, observed_no_show(rows, site[rows.index])


def records_targets(appointments: pd.DataFrame, derived: Derived, source: str) -> pd.DataFrame:
    """The targets table of the records (every row "fitted")."""
    rows = []
    for metric, observed in by_stage(appointments, derived):
        for clinic, seen in observed[~observed.suppressed].iterrows():
            if pd.isna(seen.observed) or not seen.planned:
                continue
            p, n = float(seen.observed), int(seen.planned)
            tolerance = max(MIN_TOLERANCE, Z * math.sqrt(p * (1 - p) / n))
            rows.append(_row(f"{metric} {clinic}", clinic, metric, p, tolerance,
                             f"{source}: {n} planned consultations"))
    years = records_years(appointments)
    site = site_of(appointments, derived)
    planned = observed_no_show(appointments[site.notna()], site[site.notna()])
    for clinic, seen in planned[~planned.suppressed].drop("all", errors="ignore").iterrows():
        per_year = int(seen.planned) / years
        rows.append(_row(f"planned a year {clinic}", clinic, "planned_per_year", per_year,
                         VOLUME_TOLERANCE * per_year, f"{source}: {int(seen.planned)} planned "
                         f"consultations over {years:.2f} years"))
    return pd.DataFrame(rows)


def _row(target: str, clinic: str, metric: str, value: float, tolerance: float,
         source: str) -> dict:
    return {"target": target, "clinic": clinic, "metric": metric, "value": round(value, 4),
            "tolerance": round(tolerance, 4), "kind": "fitted", "source": source}
