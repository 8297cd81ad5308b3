"""The recommended mixes checked on fresh replications the search never saw, with the best single
lever and the best bundle within the same budget beside them: each against the baseline on the
same fresh replications, through the sweeps' paired comparison (sim/study/compare_stats.py),
so the effect and its 95% interval are computed as every comparison in the project is."""

from __future__ import annotations

import pandas as pd

from sim.optimise.measures import COST_CHANGE, OBJECTIVES, STAFF_HOURS, WAIT
from sim.optimise.runs import BASELINE, FRESH_FROM
from sim.study.compare_stats import comparison_table

LABEL = "scenario"


def fresh_replications(count: int) -> list[int]:
    return list(range(FRESH_FROM, FRESH_FROM + count))


def confirm(runner, folder, objectives: list[str], mixes: dict[str, dict],
            policies: list[str], count: int) -> pd.DataFrame:
    """`mixes` (label -> dotted settings) and `policies` (policy files) against the baseline on
    `count` fresh replications: the comparison table's rows for the objectives and the limits."""
    fresh = fresh_replications(count)
    base = runner.baseline(folder, fresh).assign(display_name_nb="Dagens praksis",
                                                 display_name_en="Current practice")
    parts = [(BASELINE, base)]
    labels = list(mixes)
    for label, rows in zip(labels, runner.run([mixes[k] for k in labels], fresh) if labels else []):
        parts.append((label, rows.assign(display_name_nb=label, display_name_en=label)))
    unique = [p for p in dict.fromkeys(policies)]
    parts += list(zip(unique, runner.run_policies(unique, fresh) if unique else []))
    rows = pd.concat([r.reset_index().assign(**{LABEL: label}) for label, r in parts])
    rows = rows.rename(columns={"replication": "_pair"})
    keep = [LABEL, "display_name_nb", "display_name_en", "_pair", *confirmed_columns(objectives)]
    table = comparison_table(rows[keep], BASELINE, [label for label, _ in parts])
    return table


def confirmed_columns(objectives: list[str]) -> list[str]:
    return list(dict.fromkeys([OBJECTIVES[o].column for o in objectives]
                              + ["no_show_rate", COST_CHANGE, STAFF_HOURS, WAIT]))


def effect(table: pd.DataFrame, scenario: str, column: str) -> tuple[float, float, float]:
    """(change, 95% CI low, high) of `column` for `scenario` against the baseline."""
    row = table[(table.scenario == scenario) & (table.kpi == column)].iloc[0]
    return float(row.diff_vs_baseline), float(row.diff_ci_low), float(row.diff_ci_high)
