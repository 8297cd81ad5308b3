"""Yearly no-show share and mean waiting list of one long baseline run (issue 11, point 0).

    python3 scripts/yearly_baseline.py [overrides...]   e.g. horizon_days=1825 replication=1
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sim.calibration.steady import yearly_figures  # noqa: E402
from sim.config.compose import load_config  # noqa: E402
from sim.simulate import simulate  # noqa: E402


def main(argv: list[str]) -> None:
    cfg = load_config(["charts=false", "horizon_days=1825", *argv])
    print(yearly_figures(simulate(cfg)).to_string(float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main(sys.argv[1:])
