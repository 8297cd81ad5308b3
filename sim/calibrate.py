"""An old command, moved to `python3 -m sim.calibration`: says so and stops (exit 2)."""

import sys

if __name__ == "__main__":
    print("python3 -m sim.calibrate: moved to python3 -m sim.calibration; run that",
          file=sys.stderr)
    raise SystemExit(2)
