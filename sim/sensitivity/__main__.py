"""The command `python3 -m sim.sensitivity` (sim/sensitivity/__init__.py)."""

from sim.sensitivity import main

raise SystemExit(main())
