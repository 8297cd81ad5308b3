"""The command `python3 -m sim.compare`; the work is done in `sim.study.compare` (see its docstring)."""

from sim.study.compare import main

if __name__ == "__main__":
    raise SystemExit(main())
