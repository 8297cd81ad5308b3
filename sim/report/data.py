"""The board report's numbers, from a sweep or run folder's tables; the model is never re-run.

The comparison (sim/study/compare.py) gives each scenario's key figures with 95% CIs and its paired
differences from the baseline. The job folders' tables give the rest, per replication first and
then as a mean with a t-based 95% CI per scenario: the weekly no-show rate, the waiting list day
by day (all clinics), the patient pathway and the patients treated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from sim.results.kpis import ALL, weekly_no_show
from sim.results.pathway_counts import PATHWAY_IN, PATHWAY_OUT, pathway_counts, patients_treated
from sim.study.compare import Comparison, compare
from sim.study.compare_costs import CLEAR, NET_COST, NET_COST_CI, PER_PP, TAKES, horizon_of
from sim.study.completeness import Incomplete
from sim.files import file_sha256
from sim.results.costs import YEAR_DAYS
from sim.study.jobs import read_json, read_yaml
from sim.report.names import scenario_names
from sim.report.provenance import fitted_choices, reproduce_command
from sim.study.stats import mean_ci

FUNNEL_IN = list(PATHWAY_IN)  # patients referred in the period
FUNNEL_OUT = list(PATHWAY_OUT)  # courses ended in the period
TABLES = ("summary.csv", "appointments.csv", "patients.csv", "waiting_list.csv")  # each job's, checked first


@dataclass
class ReportData:
    folder: Path
    comparison: Comparison
    scenarios: list[str]  # by effect on the no-show rate: the largest fall first
    names: dict[str, dict[str, str]]  # scenario -> {"nb": ..., "en": ...}
    baseline: str
    headline: pd.DataFrame  # one row per scenario (index), per-year values
    weekly: pd.DataFrame  # scenario, week (date), mean, low, high
    waiting: pd.DataFrame  # scenario, date, mean, low, high
    funnel: pd.DataFrame  # index scenario, a column per pathway step (mean over replications)
    settings: dict = field(default_factory=dict)  # seed, horizon, clinic constants, provenance

    @property
    def replications(self) -> int:
        return int(self.headline.n.min())

    @cached_property
    def references(self) -> list[str]:
        """The scenarios others are compared with (one per value of any other swept setting), in
        the comparison's order."""
        table = self.comparison.table
        return list(dict.fromkeys(table.scenario[table.scenario == table.baseline]))

    @cached_property
    def policies(self) -> list[str]:
        """The scenarios that are not references (the policies compared with them), in order."""
        return [s for s in self.scenarios if s not in self.references]

    def marked_as_reference(self, scenario: str) -> bool:
        """Whether `scenario` is shown as the reference (not in a report of one scenario)."""
        return scenario in self.references and not self.single

    def reference_of(self, scenario: str) -> str:
        """The scenario `scenario` is compared with (its own baseline at the same other settings)."""
        return str(self.comparison.table.set_index("scenario").baseline.loc[[scenario]].iloc[0])

    @property
    def incomplete(self) -> Incomplete | None:
        """What is missing from the sweep, when the report was asked for anyway."""
        return self.comparison.incomplete

    def made_from(self) -> dict:
        """The job folders the report is made from, with their summary.csv's SHA-256."""
        return {"folder": str(self.folder), "jobs": job_fingerprints(self.folder, set(self.comparison.rows._folder))}

    @property
    def single(self) -> bool:
        """One scenario only: no differences to show."""
        return len(self.scenarios) == 1


def load(folder: Path | str, allow_incomplete: bool = False) -> ReportData:
    """Everything the report shows, for the sweep or single run in `folder`.

    CompareError if there is nothing to report, or the sweep is incomplete (a job missing or
    failed, or one of its tables missing or damaged) and not `allow_incomplete`.
    """
    folder = Path(folder)
    comparison = compare(folder, write=False, allow_incomplete=allow_incomplete, tables=TABLES,
                         verb="report on")
    rows = comparison.rows
    jobs = rows[rows.clinic == "all"][["scenario", "_folder", "_pair"]]
    configs = {f: _config(Path(f)) for f in jobs._folder}
    per_job = pd.DataFrame([_job_figures(Path(f), configs[f]) | {"scenario": s} for s, f in
                            zip(jobs.scenario, jobs._folder)])
    table = comparison.table
    firsts = jobs.drop_duplicates("scenario")
    names = scenario_names(table, {s: (configs[f].get("policy") or {}).get("display_name") or {}
                                   for s, f in zip(firsts.scenario, firsts._folder)})
    years = {s: horizon_of(configs[f]) / YEAR_DAYS for s, f in zip(jobs.scenario, jobs._folder)}
    headline = headline_table(table, per_job, years)
    order = list(headline.sort_values("no_show_change", kind="stable").index)
    return ReportData(
        folder, comparison, order, names, comparison.baseline, headline.loc[order],
        _bands(per_job, "weekly"), _bands(per_job, "waiting"),
        per_job.groupby("scenario")[FUNNEL_IN + FUNNEL_OUT].mean().loc[order],
        settings(folder, jobs, configs, comparison),
    )


def headline_table(table: pd.DataFrame, per_job: pd.DataFrame, years: dict[str, float]) -> pd.DataFrame:
    """Per scenario: no-show rate and its change, hours and NOK freed a year, days, patients treated,
    and what it takes: net cost a year, NOK per point avoided, `takes_` columns."""
    kpis = table.set_index(["scenario", "kpi"])
    out = {}
    for scenario in dict.fromkeys(table.scenario):
        k = kpis.loc[scenario]
        per_year = 1 / years[scenario]
        row = {"n": int(k.loc["no_show_rate", "n"]),
               "no_show": k.loc["no_show_rate", "mean"], "no_show_low": k.loc["no_show_rate", "ci_low"],
               "no_show_high": k.loc["no_show_rate", "ci_high"],
               "no_show_change": k.loc["no_show_rate", "diff_vs_baseline"],
               "no_show_change_low": k.loc["no_show_rate", "diff_ci_low"],
               "no_show_change_high": k.loc["no_show_rate", "diff_ci_high"],
               "days": k.loc["mean_days_referral_to_first_treatment", "mean"],
               "days_low": k.loc["mean_days_referral_to_first_treatment", "ci_low"],
               "days_high": k.loc["mean_days_referral_to_first_treatment", "ci_high"]}
        for loss in ("technical", "real"):
            for unit in ("hours", "nok"):
                r = k.loc[f"{loss}_loss_{unit}"]
                row[f"{loss}_{unit}_lost"] = r["mean"] * per_year  # a year's loss, with its CI
                row[f"{loss}_{unit}_lost_low"] = r.ci_low * per_year
                row[f"{loss}_{unit}_lost_high"] = r.ci_high * per_year
                row[f"{loss}_{unit}_freed"] = -r.diff_vs_baseline * per_year  # baseline minus scenario
                row[f"{loss}_{unit}_freed_low"] = -r.diff_ci_high * per_year
                row[f"{loss}_{unit}_freed_high"] = -r.diff_ci_low * per_year
        row["treated"], row["treated_low"], row["treated_high"] = mean_ci(
            per_job.loc[per_job.scenario == scenario, "treated"])
        row |= _costs(table[table.scenario == scenario].iloc[0])
        out[scenario] = row
    return pd.DataFrame.from_dict(out, orient="index")


def _costs(first: pd.Series) -> dict:
    """What the scenario takes against its reference, per year (sim/study/compare_costs.py): the
    change in net cost with its CI, the NOK per point avoided, and each `takes_` column."""
    out = {"net_cost": first.get(NET_COST, np.nan), "net_cost_low": first.get(NET_COST_CI[0], np.nan),
           "net_cost_high": first.get(NET_COST_CI[1], np.nan), "per_pp": first.get(PER_PP, np.nan),
           "gain_clear": bool(first.get(CLEAR, False))}
    return out | {c: first[c] for c in first.index if c.startswith(TAKES)}


def _job_figures(folder: Path, cfg: dict) -> dict:
    """One replication's pathway counts, patients treated, weekly no-show and daily waiting list
    (each key figure as sim/results/ defines it)."""
    start = pd.Timestamp(cfg.get("start_date", "2005-01-01"))
    appointments = pd.read_csv(folder / "appointments.csv",
                               usecols=["patient_id", "clinic", "stage", "scheduled_for", "outcome"])
    patients = pd.read_csv(folder / "patients.csv")
    waiting = pd.read_csv(folder / "waiting_list.csv", parse_dates=["date"]).groupby("date").waiting_list.sum()
    return {
        **pathway_counts(patients, start), "treated": patients_treated(appointments),
        "weekly": weekly_no_show(appointments, start, horizon_of(cfg))[ALL], "waiting": waiting,
    }


def _bands(per_job: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per scenario and time point: the mean over replications and its t-based 95% CI."""
    parts = []
    for scenario, group in per_job.groupby("scenario", sort=False):
        series = pd.concat(list(group[column]), axis=1)
        stats = np.array([mean_ci(values) for values in series.to_numpy(float)])
        parts.append(pd.DataFrame({"scenario": scenario, "when": series.index,
                                   "mean": stats[:, 0], "low": stats[:, 1], "high": stats[:, 2]}))
    return pd.concat(parts, ignore_index=True)


def job_fingerprints(folder: Path, job_folders) -> dict[str, str]:
    """Job folder (relative to `folder`) -> SHA-256 of its summary.csv: what a report is made from."""
    out = {}
    for job in sorted(map(Path, job_folders)):
        try:
            out[str(job.relative_to(folder))] = file_sha256(job / "summary.csv")
        except OSError:
            out[str(job.relative_to(folder))] = ""
    return out


def _config(folder: Path) -> dict:
    return read_yaml(folder / "config.yaml") or {}


def settings(folder: Path, jobs: pd.DataFrame, configs: dict[str, dict], comparison: Comparison) -> dict:
    """The run settings and provenance for the footnote page (from the first job)."""
    first = jobs._folder.iloc[0]
    cfg, info = configs[first], read_json(Path(first) / "run_info.json")
    clinic = cfg.get("clinic", {})
    replications = sorted({int(p.split("/")[1]) for p in jobs._pair})
    commits = sorted({read_json(Path(f) / "run_info.json").get("git_commit", "unknown") for f in jobs._folder})
    return {
        "seed": cfg.get("seed"), "replications": replications, "horizon_days": horizon_of(cfg),
        "warmup_days": cfg.get("warmup_days"), "scale": cfg.get("scale", 1.0),
        "start": pd.Timestamp(cfg.get("start_date", "2005-01-01")).date(),
        "sites": [s.get("display_name", k) for k, s in clinic.get("sites", {}).items()],
        "slot_minutes": clinic.get("slot_minutes"), "wait_minutes": clinic.get("wait_before_giving_up_minutes"),
        "refilled_share": clinic.get("missed_time_refilled_share"),
        "cost_per_hour": clinic.get("clinician_cost_nok_per_hour"),
        "commits": commits, "packages": info.get("packages", {}), "python": info.get("python", "?"),
        "jobs_failed": len(comparison.failures), "command": reproduce_command(folder, Path(first)),
        "fitted": fitted_choices(jobs.drop_duplicates("scenario")._folder),
    }
