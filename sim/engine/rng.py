"""Counter-based random numbers for the compiled engine, keyed by what they are for.

Every draw is a pure function of its key: the run (seed, replication), a site and a patient's
number there, a purpose (a patient's profile, an appointment's chance events, lapse spells, daily
motivation noise, a lever's own events) and a counter within the purpose. So two scenarios with
the same seed meet the same patients and the same chance events, whatever else differs, and a
draw costs the same wherever it is made (common random numbers without streams to carry).

The generator is Philox-4x32-10 (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2,
3"; the Random123 reference constants), which passes the BigCrush battery for every key: the
key is the seed and replication, the counter the site, patient, purpose and index.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

_M0, _M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_W0, _W1 = np.uint64(0x9E3779B9), np.uint64(0xBB67AE85)
_LOW = np.uint64(0xFFFFFFFF)
_32 = np.uint64(32)

# Purposes: regions of a patient's counter (and the lever tags of `sim.levers.chance`, from 16).
PROFILE, INTAKE, CHANCE, SPELLS, NOISE = 0, 1, 2, 3, 4
LEVER_TAG0 = 16


@njit(cache=True, inline="always")
def _mulhilo(m, x):
    product = m * x
    return product >> _32, product & _LOW


@njit(cache=True)
def philox(k0, k1, c0, c1, c2, c3):
    """Four 32-bit words (as uint64) of Philox-4x32-10 for key (k0, k1) and counter (c0..c3)."""
    k0, k1 = np.uint64(k0) & _LOW, np.uint64(k1) & _LOW
    c0, c1 = np.uint64(c0) & _LOW, np.uint64(c1) & _LOW
    c2, c3 = np.uint64(c2) & _LOW, np.uint64(c3) & _LOW
    for _ in range(10):
        hi0, lo0 = _mulhilo(_M0, c0)
        hi1, lo1 = _mulhilo(_M1, c2)
        c0, c1, c2, c3 = hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
        k0 = (k0 + _W0) & _LOW
        k1 = (k1 + _W1) & _LOW
    return c0, c1, c2, c3


@njit(cache=True, inline="always")
def _to_unit(a, b):
    """A double in [0, 1) from two 32-bit words: 53 random bits."""
    return ((a >> np.uint64(5)) * 67108864.0 + (b >> np.uint64(6))) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def uniform_pair(run_key, site, patient, purpose, index):
    """Two uniforms in [0, 1) for a patient's (or any keyed thing's) `purpose` at `index`.

    `run_key` is (seed, replication); index counts pairs within the purpose."""
    a, b, c, d = philox(run_key[0], run_key[1], index, patient, (site << 8) | purpose,
                        run_key[0] >> 32)
    return _to_unit(a, b), _to_unit(c, d)


@njit(cache=True)
def uniform(run_key, site, patient, purpose, index):
    """One uniform in [0, 1): the first of the pair at `index`."""
    return uniform_pair(run_key, site, patient, purpose, index)[0]


@njit(cache=True)
def uniforms_into(out, run_key, site, patient, purpose, first_pair):
    """Fill `out` (even length) with the purpose's uniforms from pair `first_pair` on."""
    for j in range(len(out) // 2):
        out[2 * j], out[2 * j + 1] = uniform_pair(run_key, site, patient, purpose, first_pair + j)


# Acklam's rational approximation of the normal quantile (relative error below 1.2e-9, far below
# what any figure of the model could show): scipy's ndtri is not available in compiled code.
_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00)


@njit(cache=True)
def normal_quantile(u):
    """The standard normal quantile of `u` in [0, 1) (0 is moved half a step off -inf)."""
    p = u + 2.0**-54
    if p < 0.02425:
        q = math.sqrt(-2 * math.log(p))
        x = ((((((_C[0] * q + _C[1]) * q + _C[2]) * q + _C[3]) * q + _C[4]) * q + _C[5])
             / ((((_D[0] * q + _D[1]) * q + _D[2]) * q + _D[3]) * q + 1))
    elif p <= 1 - 0.02425:
        q = p - 0.5
        r = q * q
        x = ((((((_A[0] * r + _A[1]) * r + _A[2]) * r + _A[3]) * r + _A[4]) * r + _A[5]) * q
             / (((((_B[0] * r + _B[1]) * r + _B[2]) * r + _B[3]) * r + _B[4]) * r + 1))
    else:
        q = math.sqrt(-2 * math.log1p(-p))
        x = -((((((_C[0] * q + _C[1]) * q + _C[2]) * q + _C[3]) * q + _C[4]) * q + _C[5])
              / ((((_D[0] * q + _D[1]) * q + _D[2]) * q + _D[3]) * q + 1))
    return x


@njit(cache=True)
def uniform_block(run_key, site, patient, purpose, index):
    """Four uniforms in (0, 1) for `purpose` at block `index`, one from each 32-bit word of one
    Philox call (a resolution of 2**-32: far below any probability the model compares them
    with). For draws made many times per patient: half the cost of two `uniform_pair`s."""
    a, b, c, d = philox(run_key[0], run_key[1], index, patient, (site << 8) | purpose,
                        run_key[0] >> 32)
    return _word_to_unit(a), _word_to_unit(b), _word_to_unit(c), _word_to_unit(d)


@njit(cache=True)
def normal_block(run_key, site, patient, purpose, index):
    """Four standard normals for `purpose` at block `index`: the quantiles of `uniform_block`."""
    u0, u1, u2, u3 = uniform_block(run_key, site, patient, purpose, index)
    return normal_quantile(u0), normal_quantile(u1), normal_quantile(u2), normal_quantile(u3)


@njit(cache=True, inline="always")
def _word_to_unit(w):
    """A double in (0, 1) from one 32-bit word: the middle of its 2**-32 step."""
    return (w + 0.5) * (1.0 / 4294967296.0)


def run_key(seed: int, replication: int) -> np.ndarray:
    """The key of a run's draws: its seed and replication (numbers as uint64)."""
    if seed < 0 or replication < 0:
        raise ValueError(f"seed {seed} and replication {replication} must be 0 or more")
    return np.array([seed, replication], dtype=np.uint64)
