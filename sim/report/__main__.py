"""The command `python3 -m sim.report FOLDER` (see sim/report/__init__.py)."""

from sim.report import main

raise SystemExit(main())
