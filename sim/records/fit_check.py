"""The fit report: the written scenario run a few years (replications), its figures against the
records', each with its interval, and what the records could not pin down.

The records' interval is a Wilson 95% interval of the share (appointments of one patient are not
independent, so it is too narrow); the scenario's is the range of 95% of its simulated years (the
records are one such year, so this is the interval to hold them against).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.records.derive import Derived
from sim.records.targets import by_stage

RATE_POINTS = 0.02  # a no-show rate within 2 percentage points counts as matched
NEVER_FITTED = ("clinic.bookable_slots_per_fte_day",
                "clinic.missed_time_refilled_share (the real loss)",
                "clinic.sites.*.public_transport_share and overbooking_share",
                "the other behavioural values (scenarios/behaviour/default.yaml)")
FITTED = ("behaviour.decision.intercept (the no-show level)", "the sites' unexplained_log_odds",
          "behaviour.decision.alliance and lead_time_per_week (no-show by stage)",
          "behaviour.dropout.quit_after_miss and behaviour.treatment.sessions_needed_mean "
          "(planned volume)")


def simulated_summaries(config_dir: Path, name: str, replications: int) -> list[pd.DataFrame]:
    """The summary table of each of `replications` years of the scenario in `config_dir`."""
    from sim.records.fit_behaviour import scenario_config
    from sim.study.many import measure_each, with_settings

    base = scenario_config(config_dir, name)
    configs = [with_settings(base, {"replication": r}) for r in range(replications)]
    return measure_each(configs, _summary)


def _summary(results) -> pd.DataFrame:
    return results.summary


def fit_report(appointments: pd.DataFrame, derived: Derived,
               summaries: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per target and clinic: observed and simulated, each with its interval."""
    simulated = pd.concat([s.set_index("clinic") for s in summaries], keys=range(len(summaries)))
    rows = []
    for column, observed in by_stage(appointments, derived):
        for clinic, seen in observed.iterrows():
            runs = simulated.xs(clinic, level="clinic")[column]
            rows.append({"target": column, "clinic": clinic, **seen.to_dict(), **_spread(runs)})
    table = pd.DataFrame(rows)
    table["difference_points"] = ((table.simulated - table.observed) * 100).round(1)
    table["within_2_points"] = (table.simulated - table.observed).abs() <= RATE_POINTS
    table["in_simulated_range"] = table.observed.between(table.simulated_low,
                                                         table.simulated_high)
    return table


def _spread(runs: pd.Series) -> dict:
    values = runs.dropna().to_numpy(dtype=float)
    if not len(values):
        return {"simulated": np.nan, "simulated_low": np.nan, "simulated_high": np.nan}
    low, high = np.percentile(values, [2.5, 97.5])
    return {"simulated": round(float(values.mean()), 4), "simulated_low": round(float(low), 4),
            "simulated_high": round(float(high), 4)}


def report_lines(table: pd.DataFrame, replications: int) -> list[str]:
    """What fit prints about its report: the overall no-show, and how many targets matched."""
    compared = table[table.observed.notna()]
    overall = compared[(compared.target == "no_show_rate") & (compared.clinic == "all")]
    lines = []
    for row in overall.itertuples():
        lines.append(f"no-show, all clinics: records {row.observed:.1%} [{row.observed_low:.1%}, "
                     f"{row.observed_high:.1%}], scenario {row.simulated:.1%} "
                     f"[{row.simulated_low:.1%}, {row.simulated_high:.1%}] over {replications} "
                     "simulated years")
    lines.append(f"{int(compared.within_2_points.sum())} of {len(compared)} no-show figures "
                 "(by clinic and stage) within 2 points of the records; "
                 f"{int(compared.in_simulated_range.sum())} within the range of 95% of the "
                 "scenario's simulated years")
    return lines


# Why the level and the sites' terms are listed together: by construction, not a failed fit.
LEVEL_AND_SITES = ("    (by construction: raising the no-show level and lowering every site's own "
                   "term by as much gives the same no-show, so the records fit each site's sum; "
                   "a prior keeps the sites' terms small; each site's no-show is compared above)")


def parameter_lines(behaviour) -> list[str]:
    """What was fitted, from where to where, and what the records could not pin down."""
    if behaviour is None:
        return ["not fitted to the records (Østfold 2005's values, --iterations 0): "
                + "; ".join(FITTED + NEVER_FITTED)]
    lines = ["fitted to the records (start -> fitted: verdict):"]
    for row in behaviour.parameters.itertuples():
        lines.append(f"  {row.parameter}: {row.start:g} -> {row.fitted:g}: {row.verdict}")
    loose = behaviour.parameters[~behaviour.parameters.pinned_down]
    lines.append("the records could not pin down: " + (", ".join(loose.parameter) or "none")
                 + " (a parameter is pinned down when one finite-difference step of it, the "
                 "others refitted, worsens the fit by more than one tolerance)")
    for combination in behaviour.unresolved:
        lines.append(f"  the records cannot tell apart: {combination}")
        if "decision.intercept" in combination and "unexplained_log_odds" in combination:
            lines.append(LEVEL_AND_SITES)
    lines.append("not fitted (derived from the records or Østfold 2005's values): "
                 + "; ".join(NEVER_FITTED))
    return lines
