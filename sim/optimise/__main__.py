"""python3 -m sim.optimise objective=no_show_rate budget_nok=500000 staff_hours=2000 trials=300

Reads the request (scenarios/search/default.yaml and the overrides), says what it will cost,
runs the baseline and the reference policies once, searches (resuming a stopped search in the
same folder), checks the recommended mixes on fresh replications, and writes the answer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from sim.config import ConfigError
from sim.optimise.request import Request, read_request
from sim.optimise.space import read_space

SETTINGS = "search.yaml"


def main(args: list[str]) -> int:
    try:
        request = read_request(args)
        variables = read_space(request.levers, request.fees)
        check_resume(request)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        return _search(request, variables)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nstopped: run the same command again to resume ({request.folder})", file=sys.stderr)
        return 130


def check_resume(request: Request) -> None:
    """A folder that holds a search with other settings is not resumed: one line."""
    path = request.folder / SETTINGS
    if not path.is_file():
        return
    kept = yaml.safe_load(path.read_text()) or {}
    mine = yaml.safe_load(yaml.safe_dump(request.identity()))
    differ = [k for k in mine if kept.get(k) != mine[k]]
    if differ:
        raise ConfigError(f"folder: {request.folder} holds a search with other {', '.join(differ)} "
                          "(choose another folder= or the same settings)")


def _search(request: Request, variables) -> int:
    from sim.optimise import answer, chart, confirm, front, references, runs, search, space

    started = time.monotonic()
    runner = runs.Runner(request.overrides, request.fees, request.processes)
    space.check_space(variables, runner.base)
    baseline = space.baseline_values(variables, runner.base)
    folder = request.folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS).write_text(yaml.safe_dump(yaml.safe_load(yaml.safe_dump(request.identity()))))
    study = search.open_study(request, folder)
    if stopped := search.fail_stopped(study):
        print(f"resuming: {stopped} trial(s) stopped midway will be asked again")
    base_rows = runner.baseline(folder, range(request.replications))
    runner.baseline(folder, confirm.fresh_replications(2 * request.processes))  # a run's time
    print(estimate(request, len(search.completed(study)), runner.seconds / runner.count)
          if runner.count else
          "the baseline's runs were kept from before: the time left is shown after the first trials")
    refs = references.reference_table(runner, folder, request, base_rows)
    print(resolution(request, refs))
    starts = [space.start_values(variables, runner.policy_config(name), baseline)
              for name in [*request.single, *request.bundles]]
    search.run_search(study, request, variables, baseline, runner, base_rows,
                      [s for s in starts if s is not None])
    table = front.trials_table(study, request, variables, baseline)
    picks, mixes, policies = {}, {}, []
    for budget in request.budgets():
        best = front.recommend(table, request, budget)
        single = front.best_reference(refs, request, request.single, budget)
        bundle = front.best_reference(refs, request, request.bundles, budget)
        picks[budget] = {"trial": None if best is None else int(best.trial),
                         "mix": None if best is None else best.mix, "single": single, "bundle": bundle}
        if best is not None:
            mixes[answer.mix_label(budget)] = space.settings_of(
                variables, study.trials[int(best.trial)].params)
        policies += [p for p in (single, bundle) if p]
    print(f"checking {len(mixes)} mix(es) and {len(set(policies))} reference(s) on "
          f"{request.fresh_replications} fresh replications")
    checked = confirm.confirm(runner, folder, request.objectives, mixes, policies,
                              request.fresh_replications)
    minutes = (time.monotonic() - started) / 60
    text = answer.answer_text(request, picks, checked, len(search.completed(study)), minutes)
    answer.write_results(folder, table, refs, checked, text, picks, lambda staging: chart.draw_front(
        staging / chart.CHART, table, refs, request.objectives[0],
        {b: p["trial"] for b, p in picks.items()}, request.search_nok))
    print(text + f"written to {folder}")
    return 0


def estimate(request: Request, done: int, per_run: float) -> str:
    left = max(request.trials - done, 0) * request.replications
    refs = (len(request.single) + len(request.bundles)) * request.replications
    fresh = request.fresh_replications * (1 + 3 * len(request.budgets()))
    seconds = (left + refs + fresh) * per_run
    return (f"about {left + refs + fresh:,} runs ({request.trials - done} trials to go x "
            f"{request.replications} replications, references, fresh checks) at {per_run:.2f} s a "
            f"run on {request.processes} process(es): about {seconds / 60:.0f} min "
            "(Ctrl-C stops; the same command resumes)")


def resolution(request: Request, refs) -> str:
    primary = request.objectives[0]
    if refs.empty:
        return "no reference policies"
    from sim.optimise.measures import OBJECTIVES
    half = float(refs[f"{primary}_ci"].median()) * OBJECTIVES[primary].scale
    return (f"with {request.replications} replications a candidate's {primary} change is known to "
            f"+/-{half:.2f} {OBJECTIVES[primary].unit} (median 95% half-width over the "
            "references): mixes closer than that on the front are not told apart")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
