"""The comparison chart of a sweep: main key figures per scenario and their paired differences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.results.charts import PALETTE
from sim.study.jobs import BASELINE

CHART_KPIS = {
    "no_show_rate": "No-show rate",
    "real_loss_hours": "Clinician hours lost (idle)",
    "mean_days_referral_to_first_treatment": "Days, referral to first treatment",
}


def chart(table: pd.DataFrame, path: Path) -> None:
    """Main key figures per scenario (mean, 95% CI) and their paired differences from baseline."""

    def points(value, _):
        value = round(100 * value, 2)
        return "0" if value == 0 else f"{value:+g} pp"

    kpis = [k for k in CHART_KPIS if k in set(table.kpi)]
    if not kpis:
        return
    scenarios = list(dict.fromkeys(table.scenario))
    names = table.drop_duplicates("scenario").set_index("scenario").display_name_en
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(scenarios)}
    y = np.arange(len(scenarios))[::-1]
    fig = Figure(figsize=(5.2 * len(kpis), 2.2 + 1.1 * len(scenarios)))
    FigureCanvasAgg(fig)  # drawn without pyplot: no backend chosen, no global state
    axes = fig.subplots(2, len(kpis), sharey=True, squeeze=False)
    for col, kpi in enumerate(kpis):
        part = table[table.kpi == kpi].set_index("scenario").reindex(scenarios)
        percent = kpi.endswith("_rate")
        for row, (centre, low, high) in enumerate([("mean", "ci_low", "ci_high"),
                                                   ("diff_vs_baseline", "diff_ci_low", "diff_ci_high")]):
            ax = axes[row][col]
            mid = part[centre].to_numpy(float)
            err = np.nan_to_num(np.vstack([mid - part[low].to_numpy(float),
                                           part[high].to_numpy(float) - mid]))
            for i, scenario in enumerate(scenarios):
                if row == 1 and scenario == part.baseline.iloc[i]:
                    continue
                ax.errorbar(mid[i], y[i], xerr=err[:, [i]], fmt="o", color=colours[scenario],
                            ms=9, capsize=6, elinewidth=2.2)
            if row == 1:
                ax.axvline(0, color="#555555", lw=1.2)
            ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
            if percent:
                ax.xaxis.set_major_formatter(FuncFormatter(
                    (lambda v, _: f"{round(100 * v, 1):g}%") if row == 0 else points))
            title = CHART_KPIS[kpi] if row == 0 else "difference from baseline"
            ax.set_title(title, fontsize=14 if row == 0 else 12, loc="left")
            ax.tick_params(labelsize=11)
            ax.tick_params(axis="y", labelsize=13, length=0)
            ax.spines[["top", "right", "left"]].set_visible(False)
            ax.grid(axis="x", color="#e5e5e5", lw=0.8)
            ax.set_axisbelow(True)
    axes[0][0].set_yticks(y, [names[s] for s in scenarios])
    axes[0][0].set_ylim(-0.6, len(scenarios) - 0.4)
    n = int(table.n.min())
    bases = table.baseline.unique()
    against = names[bases[0]] if len(bases) == 1 else f"the {BASELINE} policy with the same settings"
    fig.suptitle(f"Mean and 95% CI over {n} replications (top); difference from "
                 f"{against}, paired by replication, with its 95% CI (bottom)",
                 fontsize=12, x=0.01, ha="left", color="#333333")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
