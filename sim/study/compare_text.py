"""The comparison of a sweep as text to read (comparison.txt): the main key figures, mean [95% CI]
and paired difference from the baseline [95% CI], the replications needed, and what is missing."""

from __future__ import annotations

import math

import pandas as pd

from sim.study.compare_costs import AVOIDED, CLEAR, NET_COST, NET_COST_CI, PER_PP, TAKES
from sim.study.compare_stats import MAIN_KPIS, TARGET_PRECISION
from sim.study.jobs import BASELINE


def _fmt(value: float, kpi: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if kpi.endswith("_rate") or kpi.endswith("_share_of_work"):
        return f"{100 * value:.1f}%"
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"


def _fmt_pp(value: float, kpi: str) -> str:
    """A difference: percentage points for rates."""
    if isinstance(value, float) and math.isnan(value):
        return "-"
    if kpi.endswith("_rate") or kpi.endswith("_share_of_work"):
        return f"{100 * value:+.1f} pp"
    return f"{value:+,.1f}" if abs(value) < 1000 else f"{value:+,.0f}"


def _against(table: pd.DataFrame) -> str:
    bases = table.baseline.unique()
    return f"'{bases[0]}'" if len(bases) == 1 else f"the {BASELINE} policy with the same settings"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def comparison_text(table: pd.DataFrame, done: int, failures: pd.DataFrame, warnings: list[str],
                    incomplete: list[str] | None = None) -> str:
    """The main key figures as text: mean [95% CI] and difference from baseline [95% CI].

    `incomplete`: what is missing from the sweep, when it is compared as it is (first line, then
    one line per problem at the end).
    """
    scenarios = list(dict.fromkeys(table.scenario))
    n = table.drop_duplicates("scenario").set_index("scenario").n
    reps = f"{n.min()}{'' if n.min() == n.max() else f' to {n.max()}'}"
    lines = [f"Comparison of {_plural(len(scenarios), 'scenario')}, {_plural(done, 'run')} "
             f"({reps} replication{'' if n.max() == 1 else 's'}{' each' if len(scenarios) > 1 else ''}); "
             f"95% CIs; differences from {_against(table)}, paired by replication."]
    if incomplete:
        lines.append(f"INCOMPLETE: {incomplete[0]}; the figures cover only what is there.")
    width = max(len(s) for s in table.display_name_en.unique()) + 2
    lines.append("")
    lines.append(f"  {'':<{width}}{'mean [95% CI]':<30}difference [95% CI]")
    for kpi in [k for k in MAIN_KPIS if k in set(table.kpi)]:
        part = table[table.kpi == kpi].set_index("scenario")
        lines.append(kpi)
        for scenario in scenarios:
            if scenario not in part.index:
                continue
            r = part.loc[scenario]
            level = f"{_fmt(r['mean'], kpi)} [{_fmt(r.ci_low, kpi)}, {_fmt(r.ci_high, kpi)}]"
            diff = "" if scenario == r.baseline else (
                f"{_fmt_pp(r.diff_vs_baseline, kpi)} [{_fmt_pp(r.diff_ci_low, kpi)}, {_fmt_pp(r.diff_ci_high, kpi)}]")
            lines.append(f"  {r.display_name_en:<{width}}{level:<30}{diff}".rstrip())
    lines.extend(cost_lines(table, scenarios))
    need = table[table.kpi.isin(MAIN_KPIS)].groupby("kpi", sort=False).agg(
        needed=("replications_for_10pct", "max"), have=("n", "min"))
    lines.append("")
    lines.append(f"Replications needed for a 95% CI half-width within {100 * TARGET_PRECISION:.0f}% "
                 "of the mean (worst scenario):")
    for kpi, r in need.iterrows():
        needed = "-" if pd.isna(r.needed) else int(r.needed)
        flag = "" if pd.isna(r.needed) or r.needed <= r.have else "  (more needed)"
        lines.append(f"  {kpi:<40}{needed!s:>8}   (have {r.have}){flag}")
    if not failures.empty:
        lines.append("")
        lines.append(f"{len(failures)} job(s) failed and are left out (see failures.csv):")
        for _, f in failures.head(10).iterrows():
            lines.append(f"  {f.overrides}: {f.error}")
    if incomplete and len(incomplete) > 1:
        lines.append("")
        lines.append("Missing from this comparison:")
        lines.extend(f"  {problem}" for problem in incomplete[1:])
    for warning in warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


def cost_lines(table: pd.DataFrame, scenarios: list[str]) -> list[str]:
    """What each scenario gives and takes against its reference, per year (sim/study/compare_costs.py)."""
    if NET_COST not in table:
        return []
    lines = ["", "What each policy gives and takes, a year, against its reference: no-show points avoided, "
             "change in net cost (NOK) [95% CI], NOK per point avoided, and what changes:"]
    firsts = table.drop_duplicates("scenario").set_index("scenario")
    width = max(len(s) for s in firsts.display_name_en) + 2
    takes = [c for c in firsts.columns if c.startswith(TAKES)]
    for scenario in scenarios:
        r = firsts.loc[scenario]
        if scenario == r.baseline:
            continue
        per_pp = per_pp_text(r)
        low, high = (_fmt_pp(r[c], "nok") for c in NET_COST_CI)
        cost = f"{_fmt_pp(r[NET_COST], 'nok')} [{low}, {high}]"
        lines.append(f"  {r.display_name_en:<{width}}{r[AVOIDED]:+.1f} pp  {cost}  {per_pp}")
        changed = [f"{c[len(TAKES):]} {r[c]:+,.1f}" for c in takes if not pd.isna(r[c]) and round(r[c], 1) != 0]
        if changed:
            lines.append(f"  {'':<{width}}" + "; ".join(changed))
    return lines


def per_pp_text(r: pd.Series) -> str:
    """NOK a year per point avoided, as the report's table gives it: "no gain" when no-shows do
    not fall, "effect not clear" when the fall's 95% CI reaches zero (or there is no CI): a cost
    divided by a fall that may be nothing is no figure to go by."""
    if pd.isna(r[PER_PP]):
        return "no gain"
    return f"{r[PER_PP]:,.0f}/pp" if r[CLEAR] else "effect not clear"
