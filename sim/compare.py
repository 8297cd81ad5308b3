"""Compare the scenarios of a sweep: means with 95% CIs, and paired differences from the baseline.

Reads every job folder under a sweep folder (`python run.py -m ...` writes one per job) and writes,
into the sweep folder:

- `comparison.csv`: one row per scenario and key figure (the clinics together): replications,
  mean, standard deviation, t-based 95% CI, the replications needed for a CI half-width within 10%
  of the mean, and the difference from the baseline paired by replication, with its 95% CI;
- `comparison_by_clinic.csv`: the same per clinic;
- `comparison.png`: the main key figures with their CIs, and their differences from the baseline;
- `comparison.txt`: the main key figures as a table to read;
- `failures.csv`: the jobs that failed (their overrides and error), when there are any.

Replication i of every scenario sees the same patients and chance events (common random numbers,
see sim/streams.py), so a scenario's difference from the baseline is measured on the same
replications: its CI is much narrower than the two scenarios' own CIs suggest. Judge a policy by
the difference, not by whether the two CIs overlap.

Run:  python -m sim.compare multirun/policy_comparison [--baseline NAME]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from sim.compare_chart import chart
from sim.jobs import BASELINE, Scenario, find_jobs, load_rows
from sim.stats import mean_ci

CONFIDENCE = 0.95
TARGET_PRECISION = 0.10  # CI half-width as a share of the mean
# The key figures a planner reads first; every other numeric column of summary.csv follows them.
MAIN_KPIS = [
    "no_show_rate", "late_cancellation_rate", "consultations_per_fte_year", "technical_loss_hours",
    "real_loss_hours", "real_loss_nok", "mean_days_referral_to_first_treatment", "attended",
    "exits_dropped_out", "exits_discharged_non_attendance",
]
NOT_KPIS = {"seed", "replication"}
COLUMNS = [
    "scenario", "display_name_nb", "display_name_en", "kpi", "n", "mean", "sd", "ci_low",
    "ci_high", "replications_for_10pct", "baseline", "n_pairs", "diff_vs_baseline",
    "diff_ci_low", "diff_ci_high", "jobs_failed",
]


class CompareError(ValueError):
    """Nothing to compare: no folder, or no finished job in it."""


@dataclass
class Comparison:
    folder: Path
    baseline: str
    table: pd.DataFrame  # comparison.csv
    by_clinic: pd.DataFrame  # comparison_by_clinic.csv
    failures: pd.DataFrame  # failures.csv (may be empty)
    jobs_done: int
    text: str
    warnings: list[str] = field(default_factory=list)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # every finished job's summary rows


# ---------------------------------------------------------------------------------- statistics

def describe(values) -> tuple[int, float, float, float, float]:
    """n, mean, sd and the t-based 95% CI of the mean, over the values that are not NaN."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    sd = float(x.std(ddof=1)) if len(x) > 1 else math.nan
    mean, low, high = mean_ci(x, CONFIDENCE)
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
    z = stats.norm.ppf(0.5 + CONFIDENCE / 2)
    n = max(2, math.ceil((z * sd / target) ** 2))  # t > z, so the answer is at least this
    while stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1) * sd / math.sqrt(n) > target:
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
            first = mine.iloc[0]
            mine = mine.set_index("_pair")
            common = mine.index.intersection(base.index)
            for kpi in kpis:
                n, mean, sd, low, high = describe(mine[kpi])
                diffs = (mine.loc[common, kpi] - base.loc[common, kpi]).dropna()
                if scenario == baseline:
                    d_n, d_mean, d_low, d_high = n, 0.0, 0.0, 0.0
                else:
                    d_n, d_mean, _, d_low, d_high = describe(diffs)
                out.append({
                    **dict(zip(by, group)),
                    "scenario": scenario,
                    "display_name_nb": first.display_name_nb,
                    "display_name_en": first.display_name_en,
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


def baselines_for(scenarios: list[Scenario], baseline: str | None) -> dict[str, str]:
    """The scenario each scenario is compared with.

    `baseline` if given; else the `baseline` policy with the same other settings (in a sweep of
    policies x e.g. capacities, each capacity has its own baseline); else the first `baseline`
    policy; else the first scenario.
    """
    labels = [s.label for s in scenarios]
    if baseline is not None:
        if baseline not in labels:
            raise CompareError(f"--baseline {baseline}: no such scenario; choose one of {', '.join(labels)}")
        return {label: baseline for label in labels}
    by_extra = {s.extra: s.label for s in scenarios if s.policy == BASELINE}
    fallback = next((s.label for s in scenarios if s.policy == BASELINE), labels[0])
    return {s.label: by_extra.get(s.extra, fallback) for s in scenarios}


# ---------------------------------------------------------------------------------- the sweep

def compare(folder: Path | str, baseline: str | None = None, write: bool = True) -> Comparison:
    """Compare the scenarios of the sweep in `folder`; write the files listed above."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CompareError(f"{folder}: no such folder")
    jobs = find_jobs(folder)
    if not jobs:
        raise CompareError(f"{folder}: no job results found (no job.json or summary.csv below it)")
    rows, labels, warnings = load_rows(jobs)
    failed_jobs = [j for j in jobs if j.status == "failed"]
    failures = pd.DataFrame(
        [{"folder": str(j.folder.relative_to(folder)), "job": j.num if j.num < 10**9 else "",
          "scenario": labels[j.folder].label, "overrides": " ".join(j.overrides),
          "error_type": j.error_type, "error": j.error} for j in failed_jobs],
        columns=["folder", "job", "scenario", "overrides", "error_type", "error"],
    )
    if rows.empty:
        first = f"; first error: {failed_jobs[0].error}" if failed_jobs else ""
        if write:
            _write_failures(folder, failures)
        raise CompareError(f"{folder}: no finished job to compare ({len(failed_jobs)} failed{first})")
    all_rows = rows[rows.clinic == "all"] if "clinic" in rows else rows
    order = list(dict.fromkeys(all_rows.scenario))
    scenarios = list({s.label: s for s in labels.values() if s.label in order}.values())
    baselines = baselines_for(scenarios, baseline)
    own = [s for s in order if baselines[s] == s]  # the baselines first, then the rest in order
    order = own + [s for s in order if s not in own]
    baseline = own[0] if own else order[0]
    failed = failures.scenario.value_counts().to_dict()
    id_columns = [c for c in ("clinic", "clinic_name", "policy") if c in rows]
    table = comparison_table(all_rows.drop(columns=id_columns + ["_folder"]), baselines, order, failed=failed)
    by_clinic = pd.DataFrame()
    if "clinic" in rows:
        clinics = rows[rows.clinic != "all"].drop(columns=["clinic_name", "policy", "_folder"], errors="ignore")
        if not clinics.empty:
            by_clinic = comparison_table(clinics, baselines, order, by=("clinic",), failed=failed)
    counts = table.drop_duplicates("scenario").set_index("scenario").n
    if not table.empty and counts.max() < 2:
        warnings.append("one replication per scenario: no confidence intervals; "
                        "add e.g. replication=range(30) to the sweep")
    text = report(table, len(jobs) - len(failed_jobs), failures, warnings)
    result = Comparison(folder, baseline, table, by_clinic, failures, len(jobs) - len(failed_jobs),
                        text, warnings, rows)
    if write:
        table.to_csv(folder / "comparison.csv", index=False, float_format="%.6g")
        if not by_clinic.empty:
            by_clinic.to_csv(folder / "comparison_by_clinic.csv", index=False, float_format="%.6g")
        _write_failures(folder, failures)
        (folder / "comparison.txt").write_text(text + "\n")
        chart(table, folder / "comparison.png")
    return result


def _write_failures(folder: Path, failures: pd.DataFrame) -> None:
    path = folder / "failures.csv"
    if failures.empty:
        path.unlink(missing_ok=True)  # a rerun fixed them
    else:
        failures.to_csv(path, index=False)


def _fmt(value: float, kpi: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if kpi.endswith("_rate") or kpi.endswith("_share_of_work"):
        return f"{100 * value:.1f}%"
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"


def _fmt_pp(value: float, kpi: str) -> str:
    """A difference: percentage points for rates."""
    if isinstance(value, float) and math.isnan(value):
        return "-"
    if kpi.endswith("_rate") or kpi.endswith("_share_of_work"):
        return f"{100 * value:+.1f} pp"
    return f"{value:+,.1f}" if abs(value) < 1000 else f"{value:+,.0f}"


def _against(table: pd.DataFrame) -> str:
    bases = table.baseline.unique()
    return f"'{bases[0]}'" if len(bases) == 1 else f"the {BASELINE} policy with the same settings"


def report(table: pd.DataFrame, done: int, failures: pd.DataFrame, warnings: list[str]) -> str:
    """The main key figures as text: mean [95% CI] and difference from baseline [95% CI]."""
    scenarios = list(dict.fromkeys(table.scenario))
    n = table.drop_duplicates("scenario").set_index("scenario").n
    lines = [f"Comparison of {len(scenarios)} scenarios, {done} runs "
             f"({n.min()}{'' if n.min() == n.max() else f' to {n.max()}'} replications each); "
             f"95% CIs; differences from {_against(table)}, paired by replication."]
    width = max(len(s) for s in table.display_name_en.unique()) + 2
    lines.append("")
    lines.append(f"  {'':<{width}}{'mean [95% CI]':<30}difference [95% CI]")
    for kpi in [k for k in MAIN_KPIS if k in set(table.kpi)]:
        part = table[table.kpi == kpi].set_index("scenario")
        lines.append(kpi)
        for scenario in scenarios:
            if scenario not in part.index:
                continue
            r = part.loc[scenario]
            level = f"{_fmt(r['mean'], kpi)} [{_fmt(r.ci_low, kpi)}, {_fmt(r.ci_high, kpi)}]"
            diff = "" if scenario == r.baseline else (
                f"{_fmt_pp(r.diff_vs_baseline, kpi)} [{_fmt_pp(r.diff_ci_low, kpi)}, {_fmt_pp(r.diff_ci_high, kpi)}]")
            lines.append(f"  {r.display_name_en:<{width}}{level:<30}{diff}".rstrip())
    need = table[table.kpi.isin(MAIN_KPIS)].groupby("kpi", sort=False).agg(
        needed=("replications_for_10pct", "max"), have=("n", "min"))
    lines.append("")
    lines.append(f"Replications needed for a 95% CI half-width within {100 * TARGET_PRECISION:.0f}% "
                 "of the mean (worst scenario):")
    for kpi, r in need.iterrows():
        needed = "-" if pd.isna(r.needed) else int(r.needed)
        flag = "" if pd.isna(r.needed) or r.needed <= r.have else "  (more needed)"
        lines.append(f"  {kpi:<40}{needed!s:>8}   (have {r.have}){flag}")
    if not failures.empty:
        lines.append("")
        lines.append(f"{len(failures)} job(s) failed and are left out (see failures.csv):")
        for _, f in failures.head(10).iterrows():
            lines.append(f"  {f.overrides}: {f.error}")
    for warning in warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.compare", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a sweep folder, e.g. multirun/policy_comparison")
    parser.add_argument("--baseline", help="scenario to compare against (default: 'baseline', else the first)")
    args = parser.parse_args(argv)
    try:
        result = compare(args.folder, args.baseline)
    except CompareError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(result.text)
    print(f"\nWritten: {args.folder / 'comparison.csv'}, comparison_by_clinic.csv, comparison.png, "
          f"comparison.txt{', failures.csv' if not result.failures.empty else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
