"""Compare the scenarios of a sweep: means with 95% CIs, and paired differences from the baseline.

Reads every job folder under a sweep folder (`python run.py -m ...` writes one per job) and writes,
into the sweep folder:

- `comparison.csv`: one row per scenario and key figure (the clinics together): replications,
  mean, standard deviation, t-based 95% CI, the replications needed for a CI half-width within 10%
  of the mean, and the difference from the baseline paired by replication, with its 95% CI; and,
  per scenario, what it gives and what it takes: the no-show points avoided, the change in net
  cost a year with its CI, the NOK a year per point avoided and the change in each figure its
  levers take (sim/study/compare_costs.py);
- `comparison_by_clinic.csv`: the same per clinic;
- `comparison.png`: the main key figures with their CIs, and their differences from the baseline;
- `comparison.txt`: the main key figures as a table to read;
- `failures.csv`: the jobs that failed (their overrides and error), when there are any.

A sweep that is not complete (jobs failed, missing or not run yet, a job's tables damaged, or
scenarios with different numbers of replications) is refused, saying what is missing, unless
`--allow-incomplete` is given: then the comparison says what it leaves out. With `--baseline NAME`
the files are written beside the sweep's own, as comparison_vs_<NAME>.csv/.txt/.png.

Replication i of every scenario sees the same patients and chance events (common random numbers,
see sim/streams.py), so a scenario's difference from the baseline is measured on the same
replications: its CI is much narrower than the two scenarios' own CIs suggest. Judge a policy by
the difference, not by whether the two CIs overlap.

Run:  python3 -m sim.study multirun/policy_comparison [--baseline NAME] [--allow-incomplete]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable

import pandas as pd

from sim.study.compare_chart import chart
from sim.study.compare_costs import cost_columns, horizon_days
from sim.study.compare_stats import comparison_table, describe, replications_needed  # noqa: F401 - public here too
from sim.study.compare_text import comparison_text
from sim.study.completeness import Incomplete, NotASweep, check_folder, incomplete
from sim.files import one_line, write_all_or_nothing
from sim.study.jobs import BASELINE, Scenario, find_jobs, load_rows


class CompareError(ValueError):
    """Nothing to compare: no folder, not a sweep, no finished job, or an incomplete sweep."""


@dataclass
class Comparison:
    folder: Path
    baseline: str
    table: pd.DataFrame  # comparison.csv
    failures: pd.DataFrame  # failures.csv (may be empty)
    jobs_done: int
    text: str
    warnings: list[str] = field(default_factory=list)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # every finished job's summary rows
    incomplete: Incomplete | None = None  # what is missing, when compared as it is
    written: list[Path] = field(default_factory=list)
    clinic_table: Callable[[], pd.DataFrame] = field(default=pd.DataFrame, repr=False)

    @cached_property
    def by_clinic(self) -> pd.DataFrame:
        """comparison_by_clinic.csv: worked out when first asked for (the report never asks)."""
        return self.clinic_table()


def baselines_for(scenarios: list[Scenario], baseline: str | None) -> dict[str, str]:
    """The scenario each scenario is compared with.

    `baseline` if given; else the `baseline` policy with the same other settings and no lever
    setting changed (in a sweep of policies x e.g. capacities, each capacity has its own
    baseline; a sweep of lever settings gets its reference jobs: sim/config/reference_jobs.py);
    else the first such baseline; else the first `baseline` policy; else the first scenario.
    """
    labels = [s.label for s in scenarios]
    if baseline is not None:
        if baseline not in labels:
            raise CompareError(f"--baseline {baseline}: no such scenario; choose one of {', '.join(labels)}")
        return {label: baseline for label in labels}
    by_extra = {s.extra: s.label for s in scenarios if s.is_reference}
    fallback = next((s.label for s in scenarios if s.is_reference),
                    next((s.label for s in scenarios if s.policy == BASELINE), labels[0]))
    return {s.label: by_extra.get(s.extra, fallback) for s in scenarios}


# ---------------------------------------------------------------------------------- the sweep

def compare(folder: Path | str, baseline: str | None = None, write: bool = True,
            allow_incomplete: bool = False, tables: tuple[str, ...] = ("summary.csv",),
            verb: str = "compare") -> Comparison:
    """Compare the scenarios of the sweep in `folder`; write the files listed above.

    Refused (CompareError) when the sweep is incomplete, unless `allow_incomplete`. `tables` are
    the tables each job must have intact; `verb` what the refusal offers to do anyway.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CompareError(f"{folder}: no such folder")
    jobs = find_jobs(folder)
    if not jobs:
        raise CompareError(f"{folder}: no job results found (no job.json or summary.csv below it)")
    try:
        check_folder(folder)
    except NotASweep as error:
        raise CompareError(str(error)) from None
    missing, unusable = incomplete(folder, jobs, tables)
    usable = [j if j.folder not in unusable or j.status == "failed" else replace(j, status="missing")
              for j in jobs]
    rows, labels, warnings = load_rows(usable)
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
    if not missing:  # nothing missing, yet the scenarios differ in replications
        counts = all_rows.scenario.value_counts(sort=False)
        if counts.nunique() > 1:
            missing.uneven = counts.to_dict()
    if missing and not allow_incomplete:
        again = "run the sweep again to finish it" if (folder / "multirun.yaml").is_file() else "run it again"
        raise CompareError(f"{folder}: {missing.summary()}; {again}, or add --allow-incomplete to {verb} "
                           "what is there")
    order = list(dict.fromkeys(all_rows.scenario))
    scenarios = list({s.label: s for s in labels.values() if s.label in order}.values())
    baselines = baselines_for(scenarios, baseline)
    own = [s for s in order if baselines[s] == s]  # the baselines first, then the rest in order
    order = own + [s for s in order if s not in own]
    reference = own[0] if own else order[0]
    failed = failures.scenario.value_counts().to_dict()
    id_columns = [c for c in ("clinic", "clinic_name", "policy") if c in rows]
    table = comparison_table(all_rows.drop(columns=id_columns + ["_folder"]), baselines, order, failed=failed)
    table = cost_columns(table, horizon_days(all_rows))  # what each policy takes beside what it gives

    def clinic_table() -> pd.DataFrame:  # computed while the chart is drawn, when written
        if "clinic" not in rows or (rows.clinic == "all").all():
            return pd.DataFrame()
        clinics = rows[rows.clinic != "all"].drop(columns=["clinic_name", "policy", "_folder"], errors="ignore")
        return comparison_table(clinics, baselines, order, by=("clinic",), failed=failed)

    counts = table.drop_duplicates("scenario").set_index("scenario").n
    if not table.empty and counts.max() < 2:
        warnings.append("one replication per scenario: no confidence intervals; "
                        "add e.g. replication=range(30) to the sweep")
    done = all_rows._folder.nunique()
    text = comparison_text(table, done, failures, warnings, missing.lines() if missing else None)
    result = Comparison(folder, reference, table, failures, done, text, warnings, rows,
                        missing if missing else None, clinic_table=clinic_table)
    if write:
        suffix = "" if baseline is None else f"_vs_{file_safe(baseline)}"
        result.written = _write(result, suffix)
    return result


def file_safe(name: str) -> str:
    """A scenario name as part of a file name: letters, digits, '.', '-', '_' and '=' only."""
    return re.sub(r"[^A-Za-z0-9._=-]+", "_", name).strip("._") or "baseline"


def _write(result: Comparison, suffix: str) -> list[Path]:
    """The comparison's files, all or nothing (OutputError, an OSError, when they cannot be)."""
    def write(staging: Path) -> None:
        result.table.to_csv(staging / f"comparison{suffix}.csv", index=False, float_format="%.6g")
        if not result.by_clinic.empty:
            result.by_clinic.to_csv(staging / f"comparison_by_clinic{suffix}.csv", index=False,
                                    float_format="%.6g")
        (staging / f"comparison{suffix}.txt").write_text(result.text + "\n")
        if not result.failures.empty:
            result.failures.to_csv(staging / "failures.csv", index=False)
        chart(result.table, staging / f"comparison{suffix}.png")

    written = write_all_or_nothing(result.folder, write)
    if result.failures.empty:
        (result.folder / "failures.csv").unlink(missing_ok=True)  # a rerun fixed them
    return written


def _write_failures(folder: Path, failures: pd.DataFrame) -> None:
    path = folder / "failures.csv"
    if failures.empty:
        path.unlink(missing_ok=True)  # a rerun fixed them
    else:
        failures.to_csv(path, index=False)


# ---------------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m sim.study", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a sweep folder, e.g. multirun/policy_comparison")
    parser.add_argument("--baseline", help="scenario to compare against (default: 'baseline', else the first); "
                        "written to comparison_vs_<NAME>.*")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="compare what is there when jobs are missing or failed (and say what is missing)")
    args = parser.parse_args(argv)
    try:
        result = compare(args.folder, args.baseline, allow_incomplete=args.allow_incomplete)
    except CompareError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the sweep folder cannot be written
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    print(result.text)
    print(f"\nWritten: {', '.join(str(p) for p in result.written)}")
    return 0

