"""The single levers and hand-made bundles the search is measured against: each policy file run
on the search's replications (kept in the search folder), compared with the baseline pair by
pair as the candidates are, and held to the same limits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.optimise.front import FEASIBLE
from sim.optimise.measures import COST_CHANGE, candidate_measures, compared_columns, paired
from sim.optimise.request import Request
from sim.optimise.search import limits

SINGLE, BUNDLE = "single", "bundle"


def reference_table(runner, folder: Path, request: Request, base_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per reference policy: its kind, names, paired means and whether it keeps the limits."""
    names = [*request.single, *request.bundles]
    if not names:
        return pd.DataFrame(columns=["reference", "kind", COST_CHANGE, FEASIBLE])
    runs = runner.references(folder, names, list(base_rows.index))
    columns = compared_columns(request.objectives)
    rows = []
    for name, kept in runs.items():
        measures = candidate_measures(paired(kept, base_rows, columns), request.objectives)
        first = kept.iloc[0]
        rows.append({"reference": name, "kind": BUNDLE if name in request.bundles else SINGLE,
                     "display_name_nb": first.get("display_name_nb", name),
                     "display_name_en": first.get("display_name_en", name), **measures,
                     FEASIBLE: all(x <= 0 for x in limits(request, measures))})
    return pd.DataFrame(rows)
