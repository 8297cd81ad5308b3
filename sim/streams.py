"""The referrals' random streams: numpy's Philox keyed by seed, replication and site.

Two scenarios run with the same seed see the same referrals (common random numbers). Every other
draw of a run is keyed by what it is for, in compiled code (`sim.engine.rng`).
"""

from __future__ import annotations

import numpy as np

PURPOSES = {"referrals": 0, "patient": 1}
# The key's second word holds the replication (20 bits), purpose (4), site (12) and patient (28).
LIMITS = {"replication": 1 << 20, "site": 1 << 12, "patient": 1 << 28}


def stream(seed: int, replication: int, purpose: str, site: int = 0, patient: int = 0) -> np.random.Generator:
    """The generator for `purpose` (and a site and patient number) in one replication.

    Replication i of every scenario gets the same streams: that is what pairs scenarios.
    """
    return np.random.Generator(np.random.Philox(key=stream_key(seed, replication, purpose, site, patient)))


def stream_key(seed: int, replication: int, purpose: str, site: int = 0, patient: int = 0) -> tuple[int, int]:
    """The Philox key of a stream: the seed, and the replication, purpose, site and patient."""
    if not (replication < LIMITS["replication"] and site < LIMITS["site"] and patient < LIMITS["patient"]):
        raise ValueError(f"replication {replication}, site {site} or patient {patient} beyond {LIMITS}")
    return seed, ((replication << 4 | PURPOSES[purpose]) << 12 | site) << 28 | patient
