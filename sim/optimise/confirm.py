"""The recommended mixes checked on fresh replications the search never saw, with the best single
lever and the best bundle within the same budget beside them: each against the baseline on the
same fresh replications, through the sweeps' paired comparison (sim/study/compare_stats.py),
so the effect and its 95% interval are computed as every comparison in the project is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.files import write_all_or_nothing

from sim.optimise.measures import COST_CHANGE, OBJECTIVES, STAFF_HOURS, WAIT
from sim.optimise.runs import BASELINE, FRESH_FROM
from sim.study.compare_stats import comparison_table

LABEL = "scenario"
FRESH_RUNS = "fresh_runs.csv"  # the fresh runs of the mixes and references, kept for a rerun


def fresh_replications(count: int) -> list[int]:
    return list(range(FRESH_FROM, FRESH_FROM + count))


def confirm(runner, folder, objectives: list[str], mixes: dict[str, dict],
            policies: list[str], count: int) -> pd.DataFrame:
    """`mixes` (label -> dotted settings) and `policies` (policy files) against the baseline on
    `count` fresh replications: the comparison table's rows for the objectives and the limits."""
    fresh = fresh_replications(count)
    base = runner.baseline(folder, fresh).assign(display_name_nb="Dagens praksis",
                                                 display_name_en="Current practice")
    kept = _kept(folder / FRESH_RUNS, count)
    wanted = {**{label: repr(sorted(s.items())) for label, s in mixes.items()},
              **{name: f"policy={name}" for name in policies}}
    todo = [label for label, key in wanted.items() if key not in kept]
    mixes_todo = [label for label in todo if label in mixes]
    policies_todo = [label for label in todo if label not in mixes]
    runs = runner.run([mixes[k] for k in mixes_todo], fresh) if mixes_todo else []
    runs += runner.run_policies(policies_todo, fresh) if policies_todo else []
    for label, rows in zip(mixes_todo + policies_todo, runs):
        if label in mixes:
            rows = rows.assign(display_name_nb=label, display_name_en=label)
        kept[wanted[label]] = rows.reset_index().assign(_key=wanted[label])
    if todo:
        write_all_or_nothing(folder, lambda staging: pd.concat(kept.values()).to_csv(
            staging / FRESH_RUNS, index=False))
    parts = [(BASELINE, base.reset_index())] + [(label, kept[key]) for label, key in wanted.items()]
    rows = pd.concat([r.drop(columns="_key", errors="ignore").assign(**{LABEL: label})
                      for label, r in parts])
    rows = rows.rename(columns={"replication": "_pair"})
    keep = [LABEL, "display_name_nb", "display_name_en", "_pair", *confirmed_columns(objectives)]
    table = comparison_table(rows[keep], BASELINE, [label for label, _ in parts])
    return table


def _kept(path: Path, count: int) -> dict[str, pd.DataFrame]:
    """The fresh runs kept from before, by what was run, where the count is the same."""
    if not path.is_file():
        return {}
    table = pd.read_csv(path)
    return {key: rows for key, rows in table.groupby("_key", sort=False) if len(rows) == count}


def confirmed_columns(objectives: list[str]) -> list[str]:
    return list(dict.fromkeys([OBJECTIVES[o].column for o in objectives]
                              + ["no_show_rate", COST_CHANGE, STAFF_HOURS, WAIT]))


def effect(table: pd.DataFrame, scenario: str, column: str) -> tuple[float, float, float]:
    """(change, 95% CI low, high) of `column` for `scenario` against the baseline."""
    row = table[(table.scenario == scenario) & (table.kpi == column)].iloc[0]
    return float(row.diff_vs_baseline), float(row.diff_ci_low), float(row.diff_ci_high)
