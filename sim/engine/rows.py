"""The held appointments' rows and columns (compiled), and columns of labels: what the tables
are made from.

A million appointments at scale 50: sorting their row numbers by day and site (numpy's lexsort)
took 0.13 s, and taking columns by numpy's fancy indexing 0.17 s; compiled loops take a fraction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit

from sim.engine import layout as L


@njit(cache=True)
def held_rows(ai, n, first_day, n_sites):
    """Row numbers of the appointments held from `first_day` on (of the first `n` rows), in the
    order held: day by day, site by site, each site's day in the order booked (rows are numbered
    as booked). A counting sort, the rows read once and in order."""
    keys = np.full(n, -1, np.int64)
    last_key = -1
    for a in range(n):
        if ai[a, L.A_OUTCOME] != L.NONE and ai[a, L.A_DAY] >= first_day:
            keys[a] = (ai[a, L.A_DAY] - first_day) * n_sites + ai[a, L.A_SITE]
            last_key = max(last_key, keys[a])
    starts = np.zeros(last_key + 2, np.int64)
    for a in range(n):
        starts[keys[a] + 1] += keys[a] >= 0
    for key in range(1, len(starts)):
        starts[key] += starts[key - 1]
    rows = np.empty(starts[-1], np.int64)
    for a in range(n):
        if keys[a] >= 0:
            rows[starts[keys[a]]] = a
            starts[keys[a]] += 1
    return rows


@njit(cache=True)
def columns_of(array, rows, columns):
    """`array[rows][:, columns].T`, as a new contiguous array, each row read once."""
    out = np.empty((len(columns), len(rows)), array.dtype)
    for k in range(len(rows)):
        for c in range(len(columns)):
            out[c, k] = array[rows[k], columns[c]]
    return out


def labelled(codes: np.ndarray, labels) -> pd.Categorical:
    """A column of `labels` by their codes (-1: the last label), as pandas' categorical type:
    the text is stored once per label, not once per row, so a million appointments' table is
    made, split and counted in a fraction of the time; it reads, compares and writes as text."""
    labels = list(labels)
    if len(codes) and codes.min() < 0:
        codes = np.where(codes < 0, len(labels) - 1, codes)
    return pd.Categorical.from_codes(codes, labels, validate=False)
