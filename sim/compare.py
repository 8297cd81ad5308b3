"""An old command, moved to `python3 -m sim.study`: says so and stops (exit 2)."""

import sys

if __name__ == "__main__":
    print("python3 -m sim.compare: moved to python3 -m sim.study; run that",
          file=sys.stderr)
    raise SystemExit(2)
