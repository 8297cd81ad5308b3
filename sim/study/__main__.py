"""The command `python3 -m sim.study FOLDER`: compare the scenarios of a finished sweep
(sim/study/compare.py)."""

from sim.study.compare import main

raise SystemExit(main())
