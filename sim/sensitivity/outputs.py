"""The study folder's files, each written all or nothing (sim/files.py): per method the samples
(`samples_<method>.csv`, one row a sample), its runs (`runs_<method>.csv`), the outcomes of both
questions (`outcomes_<method>.csv`, tidy), the indices (`oat.csv`, `morris.csv`, `sobol.csv`), the
robustness tables (`robustness_<method>.csv`, `flips_<method>.csv`), the charts (PNG and SVG),
with `refit=true` the fitted values each sample's refit gave (`refit_<method>.csv`), and at the
end `summary.txt` and `sensitivity.json` (what the board report reads)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from sim.config import ConfigError
from sim.files import write_all_or_nothing
from sim.sensitivity import analysis, charts, robustness
from sim.sensitivity.ranges import Uncertain


def write_json(folder: Path, name: str, data: dict) -> None:
    text = json.dumps(data, indent=2, default=str)
    write_all_or_nothing(folder, lambda staging: (staging / name).write_text(text))


def keep_samples(folder: Path, method: str, samples: pd.DataFrame) -> pd.DataFrame:
    """`samples`, written to the folder; if the folder has this method's samples already (a
    resumed study), they must be the same points."""
    path = folder / f"samples_{method}.csv"
    if path.is_file():
        saved = pd.read_csv(path, keep_default_na=False, index_col="sample")
        numeric = samples.select_dtypes("number").columns
        same = saved.shape == samples.shape and np.allclose(
            saved[numeric].to_numpy(float), samples[numeric].to_numpy(float))
        if not same:
            raise ConfigError(f"{path}: other samples than this study's; give a new out= folder")
        return samples
    write_all_or_nothing(folder, lambda staging: samples.to_csv(staging / path.name,
                                                                index_label="sample"))
    return samples


def write_method(folder: Path, method: str, samples: pd.DataFrame, runs: pd.DataFrame,
                 params: list[Uncertain], options) -> None:
    """The method's tables, robustness and charts."""
    outcome = analysis.outcomes(runs)
    if method == "oat":
        table = analysis.oat_table(samples, outcome, params)
    elif method == "morris":
        table = analysis.morris_table(samples, outcome, params)
    else:
        varied = [p for p in params if samples[p.path].nunique() > 1]
        table = analysis.sobol_table(outcome, varied)
    effect = robustness.effects(outcome)
    shares = robustness.win_shares(effect, options.margin).assign(method=method)
    names = [p.path for p in params if samples[p.path].nunique() > 1]
    first, second = robustness.top_two(shares)
    flips = robustness.flips(effect, samples, first, second, names).assign(method=method)

    def write(staging: Path) -> None:
        runs.to_csv(staging / f"runs_{method}.csv", index=False)
        outcome.to_csv(staging / f"outcomes_{method}.csv", index=False)
        table.to_csv(staging / f"{method}.csv", index=False)
        shares.to_csv(staging / f"robustness_{method}.csv", index=False)
        flips.to_csv(staging / f"flips_{method}.csv", index=False)
        charts.method_charts(method, table, staging)
        charts.wins_chart(shares, method, staging)

    write_all_or_nothing(folder, write)


def write_refits(folder: Path, method: str, refits: pd.DataFrame) -> None:
    """Tidy: sample, fitted setting, its held and refitted value (nothing without a refit)."""
    if "parameter" not in refits or refits.empty:
        return
    table = refits.sort_values(["sample", "parameter"], kind="stable").reset_index(drop=True)
    write_all_or_nothing(folder, lambda staging: table.to_csv(staging / f"refit_{method}.csv",
                                                              index=False))


def headline(folder: Path) -> dict:
    """What the board reads: the method whose samples span the space most, the option best most
    often and its share, and the parameters its effect turns on."""
    method = next(m for m in ("morris", "sobol", "oat")
                  if (folder / f"robustness_{m}.csv").is_file())
    shares = pd.read_csv(folder / f"robustness_{method}.csv")
    best = shares.iloc[0]
    drivers = _drivers(folder, best.option)
    flips = pd.read_csv(folder / f"flips_{method}.csv")
    return {"method": method, "best": best.option, "share_best": float(best.share_best),
            "share_within_margin": float(best.share_within_margin), "margin": float(best.margin),
            "samples": int(best.samples), "drivers": drivers,
            "shares": shares[["option", "share_best", "share_within_margin"]].to_dict("records"),
            "flip": flips.head(1).to_dict("records")}


def _drivers(folder: Path, option: str) -> list[str]:
    """The parameters the option's effect on the no-show rate turns on, most first (Sobol's ST,
    else Morris' mu*, else the one-at-a-time swing)."""
    for name, column in (("sobol", "ST"), ("morris", "mu_star"), ("oat", "swing")):
        path = folder / f"{name}.csv"
        if path.is_file():
            table = pd.read_csv(path)
            rows = table[(table.kpi == "no_show_rate") & (table.question == option)]
            return list(rows.sort_values(column, ascending=False).parameter.head(5))
    return []
