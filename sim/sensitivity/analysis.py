"""From the runs to the indices. Two questions, each key figure: the baseline itself
(`question` "baseline"), and each policy's effect against it (`question` the policy's name: the
policy's figure minus the baseline's at the same sample and replication, paired). Every run's
figure is first averaged over the replications of its sample."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.sensitivity.ranges import Uncertain
from sim.sensitivity.running import BASELINE, KPIS
from sim.sensitivity.sampling import SAMPLE_SEED, problem


def outcomes(runs: pd.DataFrame) -> pd.DataFrame:
    """Tidy: sample, question, kpi, value (the mean over replications)."""
    long = runs.melt(["sample", "policy", "replication"], KPIS, "kpi", "value")
    wide = long.pivot_table("value", ["sample", "replication", "kpi"], "policy").reset_index()
    frames = [wide.assign(question=BASELINE, value=wide[BASELINE])]
    for policy in [c for c in wide.columns if c not in {"sample", "replication", "kpi", BASELINE}]:
        frames.append(wide.assign(question=policy, value=wide[policy] - wide[BASELINE]))
    paired = pd.concat(frames, ignore_index=True)
    mean = paired.groupby(["sample", "question", "kpi"], sort=False)["value"].mean()
    return mean.reset_index()[["sample", "question", "kpi", "value"]]


def by_question(outcome: pd.DataFrame):
    """(question, kpi, values in sample order) for each question and key figure."""
    for (question, kpi), group in outcome.groupby(["question", "kpi"], sort=False):
        yield question, kpi, group.sort_values("sample")["value"].to_numpy()


def oat_table(samples: pd.DataFrame, outcome: pd.DataFrame,
              params: list[Uncertain]) -> pd.DataFrame:
    """Each parameter alone at its low and high: the figure at each end and the swing."""
    rows = []
    for question, kpi, y in by_question(outcome):
        for p in params:
            at = {end: y[samples.index[(samples.varied == p.path) & (samples.end == end)][0]]
                  for end in ("low", "high")}
            rows.append({"parameter": p.path, "question": question, "kpi": kpi, "low": p.low,
                         "value": p.value, "high": p.high, "at_value": y[0], "at_low": at["low"],
                         "at_high": at["high"], "swing": abs(at["high"] - at["low"])})
    return _ranked(pd.DataFrame(rows), "swing")


def morris_table(samples: pd.DataFrame, outcome: pd.DataFrame,
                 params: list[Uncertain], levels: int = 4) -> pd.DataFrame:
    """Morris screening: mu, mu* (mean absolute elementary effect, with its CI) and sigma."""
    from SALib.analyze import morris

    space, x = problem(params), samples[[p.path for p in params]].to_numpy(dtype=float)
    rows = []
    for question, kpi, y in by_question(outcome):
        found = morris.analyze(space, x, y, num_levels=levels, seed=SAMPLE_SEED)
        for j, name in enumerate(space["names"]):
            rows.append({"parameter": name, "question": question, "kpi": kpi,
                         "mu": found["mu"][j], "mu_star": found["mu_star"][j],
                         "mu_star_conf": found["mu_star_conf"][j], "sigma": found["sigma"][j]})
    return _ranked(pd.DataFrame(rows), "mu_star")


def sobol_table(outcome: pd.DataFrame, varied: list[Uncertain]) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices with their 95% intervals."""
    from SALib.analyze import sobol

    space, rows = problem(varied), []
    for question, kpi, y in by_question(outcome):
        if np.allclose(y, y[0]):  # no spread at all (e.g. a cost a policy does not change)
            continue
        found = sobol.analyze(space, y, calc_second_order=False, seed=SAMPLE_SEED)
        for j, name in enumerate(space["names"]):
            rows.append({"parameter": name, "question": question, "kpi": kpi,
                         "S1": found["S1"][j], "S1_conf": found["S1_conf"][j],
                         "ST": found["ST"][j], "ST_conf": found["ST_conf"][j]})
    return _ranked(pd.DataFrame(rows), "ST")


def top_parameters(morris: pd.DataFrame, kpi: str, count: int) -> list[str]:
    """The `count` parameters Morris ranks highest on `kpi`, over both questions: each
    parameter's mu* as a share of the largest mu* of that question, its best share across them."""
    rows = morris[morris.kpi == kpi].copy()
    rows["share"] = rows.mu_star / rows.groupby("question").mu_star.transform("max").replace(0, 1)
    best = rows.groupby("parameter").share.max().sort_values(ascending=False, kind="stable")
    return list(best.index[:count])


def _ranked(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rank within each question and key figure, largest first (rank 1 = most influential)."""
    if table.empty:
        return table
    table["rank"] = table.groupby(["question", "kpi"])[by].rank(ascending=False, method="first")
    table["rank"] = table["rank"].astype(int)
    return table.sort_values(["kpi", "question", "rank"], kind="stable").reset_index(drop=True)
