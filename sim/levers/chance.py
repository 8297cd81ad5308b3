"""A lever's own chance events, keyed by what they concern (a patient, a day), not by their order.

A lever that draws from a shared stream would shift every later draw of the run, so two scenarios
would no longer meet the same chance events (common random numbers, `sim.streams`). Keyed draws
keep each event's uniform the same in every scenario that asks for it.
"""

from __future__ import annotations

import numpy as np

_SCALE = 2.0 ** -64


def keyed_uniform(cfg, lever_tag: int, *key: int) -> float:
    """A uniform in [0, 1) for this run (seed, replication), lever and key, e.g. a patient id."""
    seq = np.random.SeedSequence(cfg.seed, spawn_key=(cfg.replication, 1000 + lever_tag, *key))
    return float(seq.generate_state(1, np.uint64)[0]) * _SCALE


# Lever tags, one per lever that draws (kept apart from `sim.streams.PURPOSES`, which are 0..99).
FOLLOW_UP, REMINDER_REACH, OUTREACH = 1, 2, 3
CONTINUITY = 12  # therapists' stays (sim/levers/therapists.py)
DROP_IN = 21  # coming to a drop-in session after a no-show (sim/levers/drop_in.py)
