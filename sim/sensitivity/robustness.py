"""Does the decision survive? Over the sampled parameter space: how often each option (the
baseline, doing nothing, and each policy) gives the lowest no-show rate, or one within a margin of
the lowest; and for the two options that win most, which parameters decide between them and where.

The split is a threshold scan (a one-split decision stump): for each parameter, every cut between
two sampled values is tried, predicting "first wins" on one side and "second wins" on the other;
the cut that gets most samples right is kept. A parameter whose best cut gets clearly more right
than always naming the more frequent winner is one the order turns on."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.sensitivity.running import BASELINE

DECIDING_KPI = "no_show_rate"  # lower is better


def effects(outcome: pd.DataFrame, kpi: str = DECIDING_KPI) -> pd.DataFrame:
    """One row a sample, one column an option: its effect on `kpi` against the baseline (0)."""
    rows = outcome[(outcome.kpi == kpi) & (outcome.question != BASELINE)]
    table = rows.pivot_table("value", "sample", "question").astype(float)
    table.insert(0, BASELINE, 0.0)
    return table


def win_shares(effect: pd.DataFrame, margin: float) -> pd.DataFrame:
    """Per option: the share of samples where it is best, and within `margin` of best (ties
    split evenly among the best)."""
    values = effect.to_numpy()
    best = values.min(axis=1, keepdims=True)
    ties = np.isclose(values, best, rtol=0, atol=1e-12)
    share_best = (ties / ties.sum(axis=1, keepdims=True)).mean(axis=0)
    within = (values <= best + margin).mean(axis=0)
    table = pd.DataFrame({"option": effect.columns, "share_best": share_best,
                          "share_within_margin": within, "margin": margin,
                          "mean_effect": values.mean(axis=0), "samples": len(values)})
    table = table.sort_values(["share_best", "mean_effect"], ascending=[False, True])
    return table.reset_index(drop=True)


def flips(effect: pd.DataFrame, samples: pd.DataFrame, first: str, second: str,
          parameters: list[str]) -> pd.DataFrame:
    """Per parameter: the cut that best separates the samples where `first` beats `second` from
    those where it does not, how many it gets right, and the rank correlation with the gap."""
    gap = (effect[first] - effect[second]).to_numpy()  # < 0: first is better
    first_wins = gap < 0
    majority = max(first_wins.mean(), 1 - first_wins.mean())
    rows = []
    for name in parameters:
        x = samples.loc[effect.index, name].to_numpy(dtype=float)
        cut, accuracy, below = _best_cut(x, first_wins)
        rows.append({"first": first, "second": second, "parameter": name, "threshold": cut,
                     "first_wins_below": below, "accuracy": accuracy, "majority": majority,
                     "gain": accuracy - majority, "spearman": _spearman(x, gap)})
    table = pd.DataFrame(rows)
    return table.sort_values("gain", ascending=False, kind="stable").reset_index(drop=True)


def _best_cut(x: np.ndarray, wins: np.ndarray) -> tuple[float, float, bool]:
    """(threshold, share right, first wins below it) of the best single cut on x."""
    order = np.argsort(x, kind="stable")
    xs, w = x[order], wins[order].astype(float)
    n = len(xs)
    wins_below = np.concatenate([[0.0], np.cumsum(w)])  # wins among the first i samples
    i = np.arange(n + 1)
    right_if_below = wins_below + ((n - i) - (w.sum() - wins_below))  # wins below, losses above
    right_if_above = (i - wins_below) + (w.sum() - wins_below)
    valid = np.concatenate([[True], xs[1:] != xs[:-1], [True]])  # cut only between distinct values
    scores = np.where(valid, np.maximum(right_if_below, right_if_above), -1)
    k = int(np.argmax(scores))
    cut = xs[0] if k == 0 else xs[-1] if k == n else (xs[k - 1] + xs[k]) / 2
    return float(cut), float(scores[k] / n), bool(right_if_below[k] >= right_if_above[k])


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    return float(np.corrcoef(pd.Series(x).rank(), pd.Series(y).rank())[0, 1])


def top_two(shares: pd.DataFrame) -> tuple[str, str]:
    return tuple(shares.option.iloc[:2])
