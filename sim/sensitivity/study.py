"""One sensitivity study: compose the scenario once per option (the baseline and each policy),
read the ranges, say how many runs and how long, then run each method and write its tables,
charts and summary into the study folder (sim/sensitivity/outputs.py). A study folder that holds
the same study is resumed: finished samples are read back, not run again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Callable

import pandas as pd

from sim.config import ConfigError, RunConfig
from sim.sensitivity import analysis, outputs, running, sampling, summary
from sim.sensitivity.command import Options
from sim.sensitivity.ranges import Uncertain, load_ranges, ranges_file
from sim.sensitivity.refit import Refit, free_parameters
from sim.sensitivity.running import BASELINE, clock, to_stderr

STUDY = "study.json"  # what the folder's study is: a resumed one must match it


def compose(options: Options) -> dict[str, RunConfig]:
    """The baseline and each policy, composed once each (Hydra), charts off."""
    from sim.config.command_line import unknown_choice
    from sim.config.compose import load_config
    from sim.files import one_line

    problem = unknown_choice([f"policy={name}" for name in options.policies])
    if problem:
        raise ConfigError(f"policies: {problem}")
    configs = {}
    for policy in [BASELINE, *options.policies]:
        try:
            configs[policy] = load_config([*options.overrides, f"policy={policy}", "charts=false"])
        except ConfigError:
            raise
        except Exception as error:  # noqa: BLE001 - Hydra's own errors (a misspelt key): one line
            raise ConfigError(one_line(error)) from None
    return configs


def methods_to_run(options: Options) -> list[str]:
    """The methods in order; Sobol varies the parameters Morris ranks highest, so Morris comes
    first unless the folder already has its table."""
    methods = [m for m in ("oat", "morris", "sobol") if m in options.method]
    has_morris = (options.out / "morris.csv").is_file()
    if "sobol" in methods and "morris" not in methods and not has_morris:
        methods.insert(methods.index("sobol"), "morris")
    return methods


def sample_count(method: str, params: list[Uncertain], options: Options) -> int:
    if method == "oat":
        return 1 + 2 * len(params)
    if method == "morris":
        return options.trajectories * (len(params) + 1)
    return options.samples * (min(options.top, len(params)) + 2)


def seconds_per_run(cfg: RunConfig) -> float:
    """One run's time in this process, after a first run that loads the engine."""
    from sim.simulate import simulate

    simulate(cfg)
    started = time.monotonic()
    simulate(cfg)
    return time.monotonic() - started


def cores_free(workers: int) -> float:
    """The cores the workers will get: their number, less what other programs keep busy now
    (the load average, less this process, which has just timed a run), at least half a core."""
    cores = os.cpu_count() or 1
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return max(0.5, min(workers, cores, cores - busy + 1))


def estimate(options: Options, configs: dict[str, RunConfig], samples: int,
             effort: Refit | None, say: Callable[[str], None], which: str):
    """Say how many runs and how long, before starting: (runs, refit runs at most, one run's
    time in seconds)."""
    base, own = configs[BASELINE], len(configs) * options.replications
    runs, each = samples * own, seconds_per_run(base)
    refit_runs, refit_seconds = refit_cost(effort, base, own, say) if effort else (0, 0.0)
    refit_runs, seconds = samples * refit_runs, runs * each + samples * refit_seconds
    workers = running.workers(options.n_jobs)
    if options.address:  # a cluster's cores are not known before joining it
        when = f"{clock(seconds)} of one core's time, shared by the Ray cluster's cores"
    else:
        where = f"{workers} process(es)" if options.executor == "local" else (
            f"a Ray cluster of {workers} CPU(s) started here")
        when = f"{clock(seconds / cores_free(workers))} on {where}"
    say(f"{runs} runs: {which}, each under {len(configs)} options x {options.replications} "
        f"replication(s){f', and up to {refit_runs} runs of the refits' if effort else ''}; "
        f"one run takes {each:.2f} s here, so about {when} "
        f"(finished samples in {options.out} are not run again)")
    return runs, refit_runs, each


def refit_cost(effort: Refit, base: RunConfig, own: int,
               say: Callable[[str], None]) -> tuple[int, float]:
    """The refit's runs per sample, at most, and their seconds (`own`: the sample's own runs);
    says what they cost, plainly."""
    from sim.calibration.targets import metrics
    from sim.simulate import simulate

    started = time.monotonic()
    metrics(simulate(base))  # a refit's run also gives the calibration's metrics
    each = time.monotonic() - started
    free = free_parameters(base)
    evaluations, runs = effort.evaluations(len(free)), effort.runs(len(free))
    say(f"refit=true: each sample first refits the {len(free)} fitted parameters "
        f"({free[0].name}, the sites' terms, ...) to the calibration targets: up to "
        f"({len(free)} + 1) x ({effort.iterations} step(s) + 1) = {evaluations} evaluations a "
        f"sample, each {effort.replications} run(s) of {each:.2f} s (with the targets' "
        f"figures): {clock(runs * each)} a sample on one core, {runs / own:.0f} times the "
        f"sample's own {own} runs")
    return runs, runs * each


def check_same_study(folder: Path, key: dict) -> None:
    path = folder / STUDY
    if path.is_file() and json.loads(path.read_text()).get("key") != key:
        raise ConfigError(f"out={folder}: holds a study with other settings; give a new out= "
                          f"folder, or the same settings to resume it (see {path})")


def run_study(options: Options, say: Callable[[str], None] = to_stderr) -> Path:
    """Run the study `options` describes; return its folder."""
    configs = compose(options)
    base = configs[BASELINE]
    params = load_ranges(ranges_file(options.ranges or base.clinic.name), base)
    options.ranges = options.ranges or base.clinic.name
    folder, key = options.out, options.study_key()
    check_same_study(folder, key)
    methods = methods_to_run(options)
    counts = {m: sample_count(m, params, options) for m in methods}
    effort = Refit(options.refit_iterations, options.refit_replications) if options.refit else None
    runs, refit_runs, each = estimate(options, configs, sum(counts.values()), effort, say,
                                      ", ".join(f"{m} {n} samples" for m, n in counts.items()))
    outputs.write_json(folder, STUDY, {"key": key, "methods": methods, "runs": runs,
                                       "refit_runs_at_most": refit_runs,
                                       "seconds_per_run": each, "n_jobs": options.n_jobs,
                                       "executor": options.executor})
    started = time.monotonic()
    for method in methods:
        samples = method_samples(method, params, options)
        if method == "sobol":
            varied = [p.path for p in params if samples[p.path].nunique() > 1]
            say(f"sobol varies the {len(varied)} parameters Morris ranks highest: "
                f"{', '.join(varied)}")
        samples = outputs.keep_samples(folder, method, samples)
        batch = running.Batch(folder / f"runs_{method}", samples, params, configs,
                              options.replications, options.n_jobs, effort, options.executor,
                              options.address)
        done = running.run_batch(batch, say)
        outputs.write_method(folder, method, samples, done, params, options)
        outputs.write_refits(folder, method, running.finished(batch.folder, "refit"))
    names = {p: dict(cfg.policy.display_name) for p, cfg in configs.items()}
    summary.write_summary(folder, options, params, runs, time.monotonic() - started, names)
    return folder


def method_samples(method: str, params: list[Uncertain], options: Options) -> pd.DataFrame:
    if method == "oat":
        return sampling.oat_samples(params)
    if method == "morris":
        return sampling.morris_samples(params, options.trajectories)
    morris = pd.read_csv(options.out / "morris.csv")
    names = analysis.top_parameters(morris, "no_show_rate", options.top)
    varied = [p for p in params if p.path in names]
    return sampling.sobol_samples(params, varied, options.samples)
