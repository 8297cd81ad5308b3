"""How much common random numbers narrow a policy's effect: paired against unpaired sd.

    python3 benchmarks/bench_pairing.py [--replications 30] [--policies sms_reminder,no_show_fee]

For each policy, replications 0..n-1 of it and of the baseline: the sd of the paired differences
in overall no-show (replication i against replication i) and the sd an unpaired comparison would
have (sqrt of the two variances summed), and their ratio. Issue 20 asks that the compiled
engine's ratio be no worse than the agents' engine's, measured with this script (30 replications)
at commit 4486116, before that engine was removed: SMS 0.353 / 0.861 = 0.410 (compiled 0.329),
no-show fee 0.128 / 0.958 = 0.133 (compiled 0.136).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sim.config.compose import load_config  # noqa: E402
from sim.simulate import simulate  # noqa: E402
from sim.study.replicate import with_replication  # noqa: E402

ENGINES = {"compiled": simulate}


def no_show(run, policy: str, replications: int) -> np.ndarray:
    cfg = load_config([f"policy={policy}", "charts=false"])
    return np.array([run(with_replication(cfg, r)).summary.set_index("clinic").loc["all", "no_show_rate"]
                     for r in range(replications)])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 benchmarks/bench_pairing.py")
    parser.add_argument("--replications", type=int, default=30)
    parser.add_argument("--policies", default="sms_reminder,no_show_fee")
    args = parser.parse_args()
    print(f"{'engine':<9} {'policy':<14} {'effect pts':>10} {'paired sd':>9} {'unpaired sd':>11} "
          f"{'ratio':>6}")
    for engine, run in ENGINES.items():
        base = no_show(run, "baseline", args.replications)
        for policy in args.policies.split(","):
            other = no_show(run, policy, args.replications)
            paired = np.std(other - base, ddof=1)
            unpaired = np.sqrt(np.var(other, ddof=1) + np.var(base, ddof=1))
            print(f"{engine:<9} {policy:<14} {100 * (other - base).mean():>10.2f} "
                  f"{100 * paired:>9.3f} {100 * unpaired:>11.3f} {paired / unpaired:>6.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
