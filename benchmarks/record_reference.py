"""Record the engine's reference figures: every policy, many replications, mean and sd of the key
figures, so that a new engine can be shown equivalent (issue 20, step 1).

    python3 benchmarks/record_reference.py [--replications 100] [--out benchmarks/reference]

Writes `engine_reference.csv` (one row per policy, clinic and figure: mean, sd, n) and
`engine_reference.txt` (the command, commit and date) to the output folder. Each policy's rows
are kept in `partial/` as they finish, so an interrupted run resumes where it stopped (the
folder goes once the table is written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.config.command_line import SCENARIOS  # noqa: E402
from sim.config.compose import load_config  # noqa: E402
from sim.study.replicate import replicate  # noqa: E402

# The key figures of issue 20 step 1, as the summary names them (per clinic and for all).
FIGURES = ("no_show_rate", "no_show_rate_assessment", "no_show_rate_first_treatment",
           "no_show_rate_treatment", "consultations_per_fte_year", "mean_waiting_list",
           "mean_days_referral_to_first_treatment", "technical_loss_hours", "real_loss_hours",
           "policy_cost_nok_per_year", "planned", "attended")


def key_figures(results) -> list[dict]:
    """One run's key figures: FIGURES and every exit count, per clinic and for all."""
    summary = results.summary
    columns = [c for c in summary.columns if c in FIGURES or c.startswith("exits_")]
    return summary.melt(id_vars="clinic", value_vars=columns, var_name="figure").to_dict("records")


def record_policy(policy: str, replications: int) -> pd.DataFrame:
    cfg = load_config([f"policy={policy}", "charts=false"])
    runs = pd.DataFrame([row for run in replicate(cfg, replications, key_figures) for row in run])
    table = runs.groupby(["clinic", "figure"]).value.agg(["mean", "std", "count"]).reset_index()
    return table.rename(columns={"std": "sd", "count": "n"}).assign(policy=policy)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 benchmarks/record_reference.py")
    parser.add_argument("--replications", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reference")
    args = parser.parse_args()
    partial = args.out / "partial"
    partial.mkdir(parents=True, exist_ok=True)
    policies = sorted(p.stem for p in (SCENARIOS / "policy").glob("*.yaml"))
    for number, policy in enumerate(policies, 1):
        done = partial / f"{policy}.csv"
        if done.exists():
            continue
        started = dt.datetime.now()
        table = record_policy(policy, args.replications)
        table.to_csv(done.with_suffix(".tmp"), index=False)
        done.with_suffix(".tmp").replace(done)  # whole or not at all
        print(f"[{number}/{len(policies)}] {policy}: {dt.datetime.now() - started}", flush=True)
    tables = [pd.read_csv(partial / f"{p}.csv") for p in policies]
    result = pd.concat(tables)[["policy", "clinic", "figure", "mean", "sd", "n"]]
    result.to_csv(args.out / "engine_reference.csv", index=False, float_format="%.6g")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    (args.out / "engine_reference.txt").write_text(
        f"command: python3 benchmarks/record_reference.py --replications {args.replications}\n"
        f"commit: {commit}\ndate: {dt.date.today()}\n"
        "engine: patients as Mesa agents (before issue 20's array engine)\n", encoding="utf-8")
    shutil.rmtree(partial)  # the finished table holds it all
    print(f"written: {args.out / 'engine_reference.csv'} ({len(result)} rows)")


if __name__ == "__main__":
    main()
