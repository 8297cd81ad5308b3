"""The command `python3 -m sim.calibrate`; the work is done in `sim.calibration.calibrate` (see its docstring)."""

from sim.calibration.calibrate import main

if __name__ == "__main__":
    raise SystemExit(main())
