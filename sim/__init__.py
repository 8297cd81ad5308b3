"""Agent-based simulation of attendance at outpatient substance-use clinics."""

import multiprocessing as _mp

_start_method = _mp.get_start_method(allow_none=True)
import mesa as _mesa  # noqa: E402,F401  (Mesa <= 3.3.1 forces "spawn" on import)

# Give multiprocessing back its platform default, so parallel sweeps start workers cheaply.
_mp.set_start_method(_start_method, force=True)
