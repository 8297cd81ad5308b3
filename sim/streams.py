"""Random streams: one seed per run, split by purpose with numpy's SeedSequence.

Two scenarios run with the same seed see the same referrals and the same patients, and each
patient meets the same chance events, because every purpose, and every patient, has a stream of
its own (common random numbers). A lever that changes one patient's path leaves every other
patient's draws untouched.
"""

import numpy as np

PURPOSES = {"referrals": 0, "patient": 1, "lapses": 2, "motivation": 3}


def stream(seed: int, replication: int, purpose: str, *key: int) -> np.random.Generator:
    """The generator for `purpose` (and e.g. a site and patient number) in one replication.

    Replication i of every scenario gets the same streams: that is what pairs scenarios.
    """
    seq = np.random.SeedSequence(seed, spawn_key=(replication, PURPOSES[purpose], *key))
    return np.random.Generator(np.random.PCG64(seq))
