"""The fit report: the written scenario run a few years (replications), its figures against the
records', each with its interval, and what the records could not pin down.

The records' interval is a Wilson 95% interval of the share (appointments of one patient are not
independent, so it is too narrow); the scenario's is the range of 95% of its simulated years (the
records are one such year, so this is the interval to hold them against).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from sim.enums import Stage
from sim.records.derive import Derived
from sim.records.no_show_tables import no_show_by
from sim.records.suppress import suppressed

RATE_POINTS = 0.02  # a no-show rate within 2 percentage points counts as matched
NOT_FITTED = ("behaviour.decision.intercept (the no-show level)",
              "behaviour.dropout.quit_after_miss and behaviour.treatment.sessions_needed_mean "
              "(course endings)", "clinic.bookable_slots_per_fte_day",
              "clinic.missed_time_refilled_share (the real loss)",
              "clinic.sites.*.public_transport_share and overbooking_share")


def simulated_summaries(config_dir: Path, name: str, replications: int) -> list[pd.DataFrame]:
    """The summary table of each of `replications` years of the scenario in `config_dir`."""
    from sim.config.compose import load_config
    from sim.study.many import measure_each, with_settings

    # Hydra reads the path as written (not URL-encoded); quoted, it may hold spaces and æøå
    folder = "file://" + str(Path(config_dir).resolve()).replace("\\", "\\\\").replace("'", "\\'")
    base = load_config([f"hydra.searchpath=['{folder}']", f"clinic={name}", f"fitted={name}",
                        "charts=false"])
    configs = [with_settings(base, {"replication": r}) for r in range(replications)]
    return measure_each(configs, _summary)


def _summary(results) -> pd.DataFrame:
    return results.summary


def fit_report(appointments: pd.DataFrame, derived: Derived,
               summaries: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per target and clinic: observed and simulated, each with its interval."""
    keys = {str(name): key for key, site in derived.sites.items()
            for name in [site["display_name"][0]]}
    kept = appointments[appointments.clinic.astype(str).isin(keys)]
    site = kept.clinic.astype(str).map(keys).rename("site")
    simulated = pd.concat([s.set_index("clinic") for s in summaries], keys=range(len(summaries)))
    rows = []
    for stage in (None, *Stage):
        rows_at = kept if stage is None else kept[kept.stage == stage.value]
        column = "no_show_rate" if stage is None else f"no_show_rate_{stage.value}"
        observed = _observed(rows_at, site[rows_at.index])
        for clinic, seen in observed.iterrows():
            runs = simulated.xs(clinic, level="clinic")[column]
            rows.append({"target": column, "clinic": clinic, **seen.to_dict(), **_spread(runs)})
    table = pd.DataFrame(rows)
    table["difference_points"] = ((table.simulated - table.observed) * 100).round(1)
    table["within_2_points"] = (table.simulated - table.observed).abs() <= RATE_POINTS
    table["in_simulated_range"] = table.observed.between(table.simulated_low,
                                                         table.simulated_high)
    return table


def _observed(rows: pd.DataFrame, site: pd.Series) -> pd.DataFrame:
    by_site = no_show_by(rows, [site])
    everyone = no_show_by(rows, [pd.Series("all", index=rows.index, name="site")])
    table = pd.concat([by_site, everyone], ignore_index=True)
    wilson = [_wilson(n, p) for n, p in zip(table.no_shows, table.planned)]
    table["observed"] = table.no_show_rate
    table["observed_low"], table["observed_high"] = zip(*wilson) if wilson else ((), ())
    table = suppressed(table[["site", "patients", "planned", "observed", "observed_low",
                              "observed_high"]], ["site"])
    return table.set_index("site")


def _wilson(events: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return float("nan"), float("nan")
    p = events / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(centre - half, 4), round(centre + half, 4)


def _spread(runs: pd.Series) -> dict:
    values = runs.dropna().to_numpy(dtype=float)
    if not len(values):
        return {"simulated": np.nan, "simulated_low": np.nan, "simulated_high": np.nan}
    low, high = np.percentile(values, [2.5, 97.5])
    return {"simulated": round(float(values.mean()), 4), "simulated_low": round(float(low), 4),
            "simulated_high": round(float(high), 4)}


def report_lines(table: pd.DataFrame, replications: int) -> list[str]:
    """What fit prints about its report: the overall no-show, and how many targets matched."""
    compared = table[table.observed.notna()]
    overall = compared[(compared.target == "no_show_rate") & (compared.clinic == "all")]
    lines = []
    for row in overall.itertuples():
        lines.append(f"no-show, all clinics: records {row.observed:.1%} [{row.observed_low:.1%}, "
                     f"{row.observed_high:.1%}], scenario {row.simulated:.1%} "
                     f"[{row.simulated_low:.1%}, {row.simulated_high:.1%}] over {replications} "
                     "simulated years")
    lines.append(f"{int(compared.within_2_points.sum())} of {len(compared)} no-show figures "
                 "(by clinic and stage) within 2 points of the records; "
                 f"{int(compared.in_simulated_range.sum())} within the range of 95% of the "
                 "scenario's simulated years")
    lines.append("not fitted to the records (Østfold 2005's values): " + "; ".join(NOT_FITTED))
    return lines
