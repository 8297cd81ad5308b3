"""The command `python3 -m sim.validate`; the work is done in `sim.calibration.validate` (see its docstring)."""

from sim.calibration.validate import main

if __name__ == "__main__":
    raise SystemExit(main())
