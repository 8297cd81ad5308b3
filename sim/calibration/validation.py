"""Validation of the baseline and of the levers: what is run and what is judged.

    python3 -m sim.validate [--replications 20] [--out docs]

Runs the baseline against the Østfold 2005 targets, each lever against the study it cites in
that study's design and measure (`CHECK_SOURCES`), and the steady state, with common random
numbers (replication i of every variant sees the same patients). Every row says its kind
(sim.calibration.targets.KINDS); only independent rows, where no parameter was chosen to pass
them, count as evidence in the summary line. Writes `validation.md` (every figure in it, the
notes included, filled in from this run: sim.calibration.validation_doc), `validation.csv` (one
tidy row per check, for the board report) and `validation_clinics.png` to the output folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from sim.calibration import fee_checks, lever_checks, overbooking_checks, trials
from sim.calibration.steady import run_steady
from sim.calibration.targets import load_targets, metrics
from sim.calibration.validation_doc import baseline_facts, fmt, write_validation
from sim.config.command_line import fail
from sim.config.compose import load_config
from sim.files import OutputError, check_writable_path, write_all_or_nothing
from sim.study.replicate import replicate
from sim.study.stats import mean_ci

# Each lever's rows, run in its study's design: f(replications, base overrides) -> rows.
CHECK_SOURCES = (trials.checks, fee_checks.checks, overbooking_checks.checks)


def _baseline(results) -> tuple[dict, dict, dict]:
    """A baseline run's target metrics, its lever-check figures and the notes' facts."""
    return metrics(results), lever_checks.figures(results), baseline_facts(results)


def run_targets(replications: int, base: list[str],
                runs: list[dict] | None = None) -> pd.DataFrame:
    """`runs`: the baseline's target metrics per replication, if run already."""
    runs = runs if runs is not None else replicate(load_config(base), replications, metrics)
    rows = []
    for t in load_targets().itertuples():
        mean, low, high = mean_ci([r.get((t.clinic, t.metric), np.nan) for r in runs])
        rows.append({"target": t.target, "clinic": t.clinic, "metric": t.metric, "kind": t.kind,
                     "observed": t.value, "simulated": mean, "ci_low": low, "ci_high": high,
                     "tolerance": t.tolerance, "pass": abs(mean - t.value) <= t.tolerance,
                     "source": t.source})
    return pd.DataFrame(rows)


def run_checks(replications: int, base: list[str],
               baseline: list[dict] | None = None) -> pd.DataFrame:
    """Every lever row; a row passes when the model's mean lies in the study's interval."""
    rows = lever_checks.checks(replications, base, baseline)
    for source in CHECK_SOURCES:
        rows += source(replications, base)
    checks = pd.DataFrame(rows)
    if "key" not in checks:
        checks["key"] = None
    checks["pass"] = checks.simulated.between(checks.study_low, checks.study_high)
    return checks


def summary(targets: pd.DataFrame, checks: pd.DataFrame, steady: pd.DataFrame) -> dict:
    """Rows by kind, and how many of the independent ones pass."""
    shown = pd.concat([targets[targets.kind != "solved"][["kind", "pass"]],
                       checks[["kind", "pass"]], steady[["kind", "pass"]]])
    independent = shown[shown.kind == "independent"]
    return {"rows": len(shown), "by_kind": shown.kind.value_counts().to_dict(),
            "independent": len(independent), "independent_pass": int(independent["pass"].sum())}


def summary_line(s: dict) -> str:
    kinds = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(s["by_kind"].items()))
    return (f"{s['independent_pass']} of {s['independent']} independent checks pass (the rows "
            f"no parameter was chosen to pass: the evidence); {s['rows']} rows in all ({kinds})")


def tidy_rows(targets: pd.DataFrame, checks: pd.DataFrame, steady: pd.DataFrame) -> pd.DataFrame:
    """One row per check, the three sections together: what `validation.csv` holds."""
    t = targets[targets.kind != "solved"].assign(
        section="target", name=targets.target, expected=targets.observed,
        expected_low=targets.observed - targets.tolerance,
        expected_high=targets.observed + targets.tolerance)
    c = checks.assign(section="lever", name=checks.check, expected=checks.study,
                      expected_low=checks.study_low, expected_high=checks.study_high)
    s = steady.assign(section="steady state", name=steady.check, expected=0.0,
                      expected_low=-steady.tolerance, expected_high=steady.tolerance)
    columns = ["section", "name", "kind", "simulated", "ci_low", "ci_high", "expected",
               "expected_low", "expected_high", "pass"]
    return pd.concat([t[columns], c[columns], s[columns]], ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m sim.validate", description=(
        "Validate the baseline against its targets and each lever against its study."))
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("overrides", nargs="*", help="config overrides, e.g. horizon_days=365")
    args = parser.parse_args(argv)
    if args.replications < 2:
        parser.error(f"--replications = {args.replications}: allowed 2 or more (an interval "
                     "needs two)")
    try:
        check_writable_path(args.out)  # before minutes of runs, not after
    except OutputError as error:
        fail(str(error))
    base = ["charts=false", *args.overrides]
    baseline = replicate(load_config(base), args.replications, _baseline)  # once, for all
    targets = run_targets(args.replications, base, [m for m, _, _ in baseline])
    checks = run_checks(args.replications, base, [f for _, f, _ in baseline])
    steady = run_steady(args.replications, base).assign(kind="independent")
    counts = summary(targets, checks, steady)

    def write(staging: Path) -> None:
        write_validation(targets, checks, steady, [f for _, _, f in baseline],
                         args.replications, staging, summary_line(counts))
        tidy_rows(targets, checks, steady).to_csv(staging / "validation.csv", index=False)

    try:
        write_all_or_nothing(args.out, write)
    except OutputError as error:
        fail(str(error))
    show = targets[["target", "kind", "observed", "simulated", "ci_low", "ci_high", "pass"]]
    print(show.to_string(index=False, float_format=fmt))
    print(checks[["check", "kind", "simulated", "ci_low", "ci_high", "study_low", "study_high",
                  "pass"]].to_string(index=False, float_format=fmt))
    print(steady[["check", "kind", "simulated", "pass"]].to_string(index=False, float_format=fmt))
    print(summary_line(counts))
    print(f"written: {args.out / 'validation.md'}, validation.csv, validation_clinics.png")


if __name__ == "__main__":
    print("python3 -m sim.calibration.validation: moved to python3 -m sim.validate; run that",
          file=__import__("sys").stderr)
    raise SystemExit(2)
