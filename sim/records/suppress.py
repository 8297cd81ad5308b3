"""Small cells suppressed: no described figure rests on fewer than 5 patients.

A figure from very few patients can point at one person (the one 18-year-old at a small site);
such a row keeps its labels and says it is suppressed, and its figures are left empty.
"""

from __future__ import annotations

import pandas as pd

MIN_PATIENTS = 5
PATIENTS = "patients"  # the column every described table counts its patients in


def suppressed(table: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """`table` with every figure (all but `labels`) emptied in rows from fewer than
    MIN_PATIENTS patients, and a column `suppressed` saying which."""
    small = table[PATIENTS] < MIN_PATIENTS
    figures = [column for column in table.columns if column not in labels]
    out = table.astype({column: "object" for column in figures})
    out.loc[small, figures] = None
    out["suppressed"] = small.to_numpy()
    return out
