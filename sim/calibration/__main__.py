"""The command `python3 -m sim.calibration`: fit the free parameters to the targets
(sim/calibration/calibrate.py). Validation is `python3 -m sim.validate`."""

from sim.calibration.calibrate import main

raise SystemExit(main())
