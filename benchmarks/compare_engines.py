"""The compiled engine against the reference figures of the agents' engine (issue 20, step 5).

    python3 benchmarks/compare_engines.py [--replications 30] [--policies a,b] [--out DIR]

For every policy (or those named) and every key figure of `record_reference.py`, per clinic and
for all: the compiled engine's mean over the replications against the reference's mean over
100, their difference in combined standard errors (z), and whether the difference is within
3 standard errors or within the practical margin (0.5 points of no-show; 2% of other figures).
Writes `engine_equivalence.csv` to the output folder and prints the figures outside both.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.record_reference import key_figures  # noqa: E402
from sim.config.compose import load_config  # noqa: E402
from sim.simulate import simulate  # noqa: E402
from sim.study.replicate import with_replication  # noqa: E402

REFERENCE = ROOT / "benchmarks" / "reference" / "engine_reference.csv"
NO_SHOW_MARGIN = 0.005  # a no-show rate: half a point
RELATIVE_MARGIN = 0.02  # any other figure: 2% of the reference


def run_policy(policy: str, replications: int) -> pd.DataFrame:
    base = load_config([f"policy={policy}", "charts=false"])
    rows = []
    for replication in range(replications):
        rows += key_figures(simulate(with_replication(base, replication)))
    runs = pd.DataFrame(rows)
    table = runs.groupby(["clinic", "figure"]).value.agg(["mean", "std", "count"]).reset_index()
    return table.rename(columns={"std": "sd", "count": "n"}).assign(policy=policy)


def compare(new: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    both = reference.merge(new, on=["policy", "clinic", "figure"], suffixes=("_ref", "_new"))
    se = np.sqrt(both.sd_ref**2 / both.n_ref + both.sd_new**2 / both.n_new)
    difference = both.mean_new - both.mean_ref
    both["z"] = np.where(se > 0, difference / se.where(se > 0, 1), 0.0)
    no_show = both.figure.str.startswith("no_show_rate")
    margin = np.where(no_show, NO_SHOW_MARGIN, RELATIVE_MARGIN * both.mean_ref.abs())
    both["within_3_se"] = both.z.abs() <= 3
    both["within_margin"] = difference.abs() <= margin
    return both


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 benchmarks/compare_engines.py")
    parser.add_argument("--replications", type=int, default=30)
    parser.add_argument("--policies", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reference")
    args = parser.parse_args()
    reference = pd.read_csv(REFERENCE)
    policies = args.policies.split(",") if args.policies else sorted(reference.policy.unique())
    started = time.perf_counter()
    tables = []
    for policy in policies:
        tables.append(run_policy(policy, args.replications))
        print(f"{policy}: {time.perf_counter() - started:.0f} s", flush=True)
    result = compare(pd.concat(tables), reference)
    args.out.mkdir(parents=True, exist_ok=True)
    result.to_csv(args.out / "engine_equivalence.csv", index=False, float_format="%.6g")
    outside = result[~result.within_3_se & ~result.within_margin]
    print(f"{len(result)} figures, {len(outside)} outside 3 SE and the margin "
          f"({time.perf_counter() - started:.0f} s)")
    if len(outside):
        print(outside[["policy", "clinic", "figure", "mean_ref", "mean_new", "z"]].to_string())


if __name__ == "__main__":
    main()
