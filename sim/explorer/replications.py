"""A few replications of the current settings and of the baseline: the policy's effect on the main
key figures with its 95% interval, paired by replication, from the sweeps' own comparison
(`sim.study.compare_stats.comparison_table`), so the explorer and a sweep agree."""

from __future__ import annotations

import pandas as pd

from sim.config import RunConfig
from sim.study.compare_stats import MAIN_KPIS, comparison_table
from sim.study.many import measure_each, summary_row, with_settings

POLICY, BASELINE = "explorer", "baseline"  # the two scenarios compared
NOT_FIGURES = ("clinic", "clinic_name", "policy")  # the summary's labels, not key figures
N_JOBS = 2  # the explorer shares the machine: at most two worker processes


def effects(policy: RunConfig, baseline: RunConfig, replications: int,
            n_jobs: int = N_JOBS) -> pd.DataFrame:
    """One row per main key figure: the policy's mean, the baseline's, and the paired
    difference with its 95% CI over `replications` replications (0, 1, ...) of each."""
    configs = [with_settings(cfg, {"replication": r})
               for cfg in (policy, baseline) for r in range(replications)]
    rows = measure_each(configs, summary_row, n_jobs=n_jobs if replications > 1 else 1)
    table = pd.DataFrame([{
        "scenario": POLICY if i < replications else BASELINE,
        "display_name_nb": cfg.policy.display_name.get("nb", cfg.policy.name),
        "display_name_en": cfg.policy.display_name.get("en", cfg.policy.name),
        "_pair": f"{cfg.seed}/{cfg.replication}",
        **{k: v for k, v in row.items() if k not in NOT_FIGURES}}
        for i, (cfg, row) in enumerate(zip(configs, rows))])
    compared = comparison_table(table, BASELINE, [BASELINE, POLICY])
    mine = compared[compared.scenario == POLICY].set_index("kpi")
    theirs = compared[compared.scenario == BASELINE].set_index("kpi")
    kpis = [k for k in MAIN_KPIS if k in mine.index]
    return pd.DataFrame({
        "kpi": kpis, "policy": mine.loc[kpis, "mean"].to_numpy(),
        "baseline": theirs.loc[kpis, "mean"].to_numpy(),
        "difference": mine.loc[kpis, "diff_vs_baseline"].to_numpy(),
        "ci_low": mine.loc[kpis, "diff_ci_low"].to_numpy(),
        "ci_high": mine.loc[kpis, "diff_ci_high"].to_numpy(),
        "n_pairs": mine.loc[kpis, "n_pairs"].to_numpy()})
