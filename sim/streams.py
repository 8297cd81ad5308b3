"""Random streams: counter-based, keyed by seed, replication, purpose, site and patient.

Two scenarios run with the same seed see the same referrals and the same patients, and each
patient meets the same chance events, because every purpose, and every patient, has a stream of
its own (common random numbers). A lever that changes one patient's path leaves every other
patient's draws untouched.

A stream is numpy's Philox, a counter-based generator whose key is those numbers themselves (no
SeedSequence hashing). A patient's numbers are drawn in blocks at known places of the counter
under the patient's key, by one generator re-keyed for each block: no generator per patient,
which matters because a large run refers a hundred thousand patients.
"""

from __future__ import annotations

import math
from array import array

import numpy as np
from scipy.special import ndtri

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


class KeyedUniforms:
    """Uniforms at any key and counter of numpy's Philox: what `np.random.Philox(key=key,
    counter=counter)` would draw, from one generator whose key and counter are set for each block
    through its public `state` (a quarter of the cost of a new generator per block)."""

    def __init__(self):
        self.bits = np.random.Philox(key=[2005, 1])
        self.rng = np.random.Generator(self.bits)
        self.state = self.bits.state

    def block(self, key: tuple[int, int], counter: tuple[int, int, int, int], n: int) -> np.ndarray:
        state = self.state
        state["state"]["key"][:] = key
        state["state"]["counter"][:] = counter
        state["buffer_pos"] = 4  # nothing left over from the block before
        self.bits.state = state
        return self.rng.random(n)


class PatientDraws:
    """One patient's random numbers: the profile, the chance events of each appointment, the lengths
    of sober and lapse spells, and daily motivation noise.

    All come from the patient's own Philox key, each purpose from its own region of the counter,
    in blocks drawn only when needed: a purpose's numbers are the same whatever the others used,
    so a policy that changes one patient's appointments leaves their lapses and noise alone
    (common random numbers). Every draw is a uniform (normals and exponentials by inversion), so
    each block's place on the counter is known exactly. They are handed out as Python floats
    (arithmetic on them beats numpy scalars) and kept in arrays of doubles.
    """

    PROFILE, CHANCE, SPELLS, NOISE, INTAKE = range(5)  # purposes: regions of the counter
    BLOCK = {CHANCE: 96, SPELLS: 8, NOISE: 128}  # numbers drawn at a time (multiples of 4)
    # Chance events at referral, each at a fixed place of the INTAKE region, so adding or leaving
    # one out moves no other draw: is the referral turned down, is the patient using at referral.
    TURNED_DOWN, USING_AT_REFERRAL = range(2)
    __slots__ = ("source", "key", "per_appointment", "next_block", "intake_uniforms", "chances", "chances_used",
                 "spells", "normals", "normals_used")

    def __init__(self, source: KeyedUniforms, key: tuple[int, int], uniforms_per_appointment: int):
        self.source, self.key = source, key
        self.per_appointment = uniforms_per_appointment
        self.next_block = [0, 0, 0, 0, 0]  # per purpose, where its next block starts on the counter
        self.intake_uniforms: list[float] | None = None  # the INTAKE region's four, when first needed
        self.chances = array("d")  # uniforms drawn for appointments, used up to `chances_used`
        self.chances_used = 0
        self.spells: list[float] = []  # uniforms drawn for spell lengths and not yet used
        self.normals = array("d")  # standard normals drawn for daily noise, used up to `normals_used`
        self.normals_used = 0

    def _uniforms(self, purpose: int, n: int) -> np.ndarray:
        """The purpose's next `n` uniforms, `n` a multiple of 4 (Philox makes 4 per counter step)."""
        start = self.next_block[purpose]
        self.next_block[purpose] = start + n // 4
        return self.source.block(self.key, (start, 0, purpose, 0), n)

    def profile(self, n_uniforms: int, n_normals: int) -> tuple[list[float], list[float]]:
        """Uniforms and standard normals for the profile drawn at referral."""
        u = self._uniforms(self.PROFILE, -(-(n_uniforms + n_normals) // 4) * 4)
        return u[:n_uniforms].tolist(), standard_normals(u[n_uniforms:n_uniforms + n_normals]).tolist()

    def intake(self, slot: int) -> float:
        """The uniform at `slot` (TURNED_DOWN, USING_AT_REFERRAL) of the referral's chance events."""
        if self.intake_uniforms is None:
            self.intake_uniforms = self.source.block(self.key, (0, 0, self.INTAKE, 0), 4).tolist()
        return self.intake_uniforms[slot]

    def appointment(self) -> array:
        """The uniforms for one appointment's chance events."""
        start = self.chances_used
        end = start + self.per_appointment
        if end > len(self.chances):
            self.chances = self.chances[start:]
            self.chances.frombytes(self._uniforms(self.CHANCE, self.BLOCK[self.CHANCE]).tobytes())
            start, end = 0, self.per_appointment
        self.chances_used = end
        return self.chances[start:end]

    def spell(self) -> float:
        """A standard exponential draw (a spell's length in units of its mean), by inversion."""
        if not self.spells:
            self.spells = self._uniforms(self.SPELLS, self.BLOCK[self.SPELLS]).tolist()[::-1]
        return -math.log1p(-self.spells.pop())

    def daily_normals(self, days: int) -> array:
        """One standard normal per day, for `days` days of motivation noise."""
        start = self.normals_used
        end = start + days
        if end > len(self.normals):
            self.normals = self.normals[start:]
            while len(self.normals) < days:
                block = standard_normals(self._uniforms(self.NOISE, self.BLOCK[self.NOISE]))
                self.normals.frombytes(block.tobytes())
            start, end = 0, days
        self.normals_used = end
        return self.normals[start:end]


def standard_normals(uniforms: np.ndarray) -> np.ndarray:
    """Standard normals by inversion of the normal distribution function, one per uniform.

    The half step keeps a uniform of exactly 0 (from 0 to 1 - 2**-53, in steps of 2**-53) off -inf."""
    return ndtri(uniforms + 2.0**-54)
