"""The statistics of a comparison: per scenario and key figure, the mean with its t-based 95% CI,
the replications needed for a given precision, and the difference from a baseline paired by
replication (common random numbers make it far less noisy than the two means' own CIs)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sim.enums import ExitReason
from sim.results.kpis import exit_column
from sim.study.stats import mean_sd_ci, normal_quantile, t_quantile

TARGET_PRECISION = 0.10  # CI half-width as a share of the mean
# The key figures a planner reads first; every other numeric column of summary.csv follows them.
MAIN_KPIS = [
    "no_show_rate", "late_cancellation_rate", "consultations_per_fte_year", "technical_loss_hours",
    "real_loss_hours", "real_loss_nok", "mean_days_referral_to_first_treatment", "attended",
    exit_column(ExitReason.DROPPED_OUT.value), exit_column(ExitReason.DISCHARGED_NON_ATTENDANCE.value),
]
CONFIDENCE = 0.95
NOT_KPIS = {"seed", "replication"}
COLUMNS = [
    "scenario", "display_name_nb", "display_name_en", "kpi", "n", "mean", "sd", "ci_low",
    "ci_high", "replications_for_10pct", "baseline", "n_pairs", "diff_vs_baseline",
    "diff_ci_low", "diff_ci_high", "jobs_failed",
]


def describe(values) -> tuple[int, float, float, float, float]:
    """n, mean, sd and the t-based 95% CI of the mean, over the values that are not NaN."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    mean, sd, low, high = mean_sd_ci(x, CONFIDENCE)
    return len(x), mean, sd, low, high


def replications_needed(mean: float, sd: float, precision: float = TARGET_PRECISION) -> float:
    """Fewest replications whose t-based 95% CI half-width is within `precision` x |mean|.

    Uses the spread seen so far (sd); NaN when the mean is 0 or the spread unknown.
    """
    if math.isnan(mean) or math.isnan(sd) or mean == 0:
        return math.nan
    target = precision * abs(mean)
    if sd == 0:
        return 2
    z = normal_quantile(0.5 + CONFIDENCE / 2)
    n = max(2, math.ceil((z * sd / target) ** 2))  # t > z, so the answer is at least this
    while t_quantile(0.5 + CONFIDENCE / 2, n - 1) * sd / math.sqrt(n) > target:
        n += 1
    return n


def kpi_columns(frame: pd.DataFrame) -> list[str]:
    """The numeric key figures: the main ones first, then any other numeric column in order."""
    numeric = [c for c in frame.columns
               if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               and c not in NOT_KPIS and not c.startswith("_")]
    return [k for k in MAIN_KPIS if k in numeric] + [c for c in numeric if c not in MAIN_KPIS]


def comparison_table(rows: pd.DataFrame, baselines: dict[str, str] | str, order: list[str],
                     by: tuple[str, ...] = (), failed: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per scenario (x `by` group) and key figure.

    `rows` has one row per job (and `by` group) with columns scenario, display_name_nb,
    display_name_en, _pair (the replication it belongs to) and the key figures. `baselines`
    names, for each scenario, the scenario it is compared with (or one for all).
    """
    failed = failed or {}
    if isinstance(baselines, str):
        baselines = {scenario: baselines for scenario in order}
    kpis = kpi_columns(rows.drop(columns=list(by)))
    groups = [()] if not by else list(rows[list(by)].drop_duplicates().itertuples(index=False, name=None))
    out = []
    for group in groups:
        part = rows
        for column, value in zip(by, group):
            part = part[part[column] == value]
        for scenario in order:
            mine = part[part.scenario == scenario]
            if mine.empty:
                continue
            baseline = baselines[scenario]
            base = part[part.scenario == baseline].set_index("_pair")
            names = {"display_name_nb": mine.display_name_nb.iloc[0],  # once, not per key figure
                     "display_name_en": mine.display_name_en.iloc[0]}
            mine = mine.set_index("_pair")
            common = mine.index.intersection(base.index)
            # every key figure at once, as plain arrays: pandas' per-column look-ups were most of the time
            values = mine[kpis].to_numpy(dtype=float)
            paired = (mine.loc[common, kpis] - base.loc[common, kpis]).to_numpy(dtype=float)
            for column, kpi in enumerate(kpis):
                n, mean, sd, low, high = describe(values[:, column])
                if scenario == baseline:
                    d_n, d_mean, d_low, d_high = n, 0.0, 0.0, 0.0
                else:
                    d_n, d_mean, _, d_low, d_high = describe(paired[:, column])
                out.append({
                    **dict(zip(by, group)),
                    "scenario": scenario,
                    **names,
                    "kpi": kpi, "n": n, "mean": mean, "sd": sd, "ci_low": low, "ci_high": high,
                    "replications_for_10pct": replications_needed(mean, sd),
                    "baseline": baseline, "n_pairs": d_n, "diff_vs_baseline": d_mean,
                    "diff_ci_low": d_low, "diff_ci_high": d_high,
                    "jobs_failed": failed.get(scenario, 0),
                })
    table = pd.DataFrame(out, columns=[*by, *COLUMNS])
    for column in ("n", "n_pairs", "jobs_failed"):
        table[column] = table[column].astype(int)
    table["replications_for_10pct"] = table["replications_for_10pct"].astype("Int64")
    return table
