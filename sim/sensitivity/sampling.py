"""The parameter values each method runs, as a table: one row a sample, one column a parameter
(the values the model gets: int fields rounded). Made with SALib from the plausible ranges;
parameters a method does not vary stay at their value in the scenario."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.sensitivity.ranges import Uncertain

SAMPLE_SEED = 2205  # the same samples every time, so that a resumed study runs the same points


def problem(params: list[Uncertain]) -> dict:
    """SALib's description of the space: each parameter from its low to its high (uniform)."""
    return {"num_vars": len(params), "names": [p.path for p in params],
            "bounds": [[p.low, p.high] for p in params]}


def oat_samples(params: list[Uncertain]) -> pd.DataFrame:
    """The scenario as it is (sample 0), then each parameter alone at its low and at its high."""
    rows, labels = [_values(params, {})], [("", "value")]
    for p in params:
        for end in ("low", "high"):
            rows.append(_values(params, {p.path: getattr(p, end)}))
            labels.append((p.path, end))
    table = pd.DataFrame(rows, columns=[p.path for p in params])
    table.insert(0, "varied", [path for path, _ in labels])
    table.insert(1, "end", [end for _, end in labels])
    return table


def morris_samples(params: list[Uncertain], trajectories: int, levels: int = 4) -> pd.DataFrame:
    """Morris trajectories over every parameter: (parameters + 1) x trajectories samples."""
    from SALib.sample import morris

    matrix = morris.sample(problem(params), trajectories, num_levels=levels, seed=SAMPLE_SEED)
    return _table(params, matrix)


def sobol_samples(params: list[Uncertain], varied: list[Uncertain],
                  base_n: int) -> pd.DataFrame:
    """Saltelli's samples for first-order and total Sobol indices of `varied` (the others at
    their value): base_n x (len(varied) + 2) samples; base_n a power of 2."""
    from SALib.sample import sobol

    matrix = sobol.sample(problem(varied), base_n, calc_second_order=False, seed=SAMPLE_SEED)
    fixed = _values(params, {})
    table = pd.DataFrame([fixed] * len(matrix), columns=[p.path for p in params])
    for j, p in enumerate(varied):
        table[p.path] = [p.fitted(v) for v in matrix[:, j]]
    return table


def _table(params: list[Uncertain], matrix: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({p.path: [p.fitted(v) for v in matrix[:, j]] for j, p in enumerate(params)})


def _values(params: list[Uncertain], changed: dict) -> list:
    return [p.fitted(changed.get(p.path, p.value)) for p in params]


def power_of_two(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0
