"""Small statistics shared by validation and scenario comparison."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import stats


@lru_cache(maxsize=None)
def t_quantile(p: float, df: int) -> float:
    """Student's t quantile. Cached: a comparison asks for the same few thousands of times, and
    each of scipy's calls costs about 70 microseconds (most of a sweep's comparison, uncached)."""
    return float(stats.t.ppf(p, df))


@lru_cache(maxsize=None)
def normal_quantile(p: float) -> float:
    """The standard normal quantile (cached, as t_quantile)."""
    return float(stats.norm.ppf(p))


def mean_ci(values, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and t-based confidence interval (low, high) of independent replications."""
    mean, _, low, high = mean_sd_ci(values, confidence)
    return mean, low, high


def mean_sd_ci(values, confidence: float = 0.95) -> tuple[float, float, float, float]:
    """Mean, standard deviation and t-based confidence interval (low, high) of independent
    replications, leaving out NaN (each computed once: a comparison asks for thousands)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return float("nan"), float("nan"), float("nan"), float("nan")
    mean = float(x.mean())
    if x.size < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sd = x.std(ddof=1)
    half = t_quantile(0.5 + confidence / 2, int(x.size) - 1) * sd / np.sqrt(x.size)
    return mean, float(sd), mean - half, mean + half
