"""Bar charts of the described no-show tables: one PNG per table, suppressed rows left blank."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, on any machine
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

TITLES = {
    "clinic": "No-show by clinic", "stage": "No-show by stage",
    "clinic_and_stage": "No-show by clinic and stage", "lead_time": "No-show by lead time",
    "month": "No-show by month", "weekday": "No-show by weekday",
    "age_group": "No-show by age group", "travel_time": "No-show by travel time (one way)",
    "reminder": "No-show with and without a reminder",
    "after_previous": "No-show after a no-show and after an attendance",
}


def no_show_chart(table: pd.DataFrame, name: str, path: Path) -> None:
    """The no-show rate of each row of `table` (labelled by its first columns) as bars."""
    labels = table.columns[:list(table.columns).index("patients")]
    names = [" / ".join(str(row[c]) for c in labels) for _, row in table.iterrows()]
    rates = pd.to_numeric(table.no_show_rate, errors="coerce").fillna(0) * 100
    figure, axes = plt.subplots(figsize=(max(5.0, 0.6 * len(names) + 2), 4))
    bars = axes.bar(range(len(names)), rates, color="#4C72B0")
    for bar, hidden in zip(bars, table.suppressed):
        if hidden:
            axes.annotate("fewer than 5 patients", (bar.get_x() + bar.get_width() / 2, 0),
                          rotation=90, ha="center", va="bottom", fontsize=7, color="grey")
    axes.set_xticks(range(len(names)), names, rotation=45 if len(names) > 4 else 0, ha="right"
                    if len(names) > 4 else "center", fontsize=8)
    axes.set_ylabel("no-show, % of planned consultations")
    axes.set_title(TITLES.get(name, name))
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
