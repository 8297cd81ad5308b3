"""The search itself: an Optuna study (multi-objective: the chosen effects and the cost change,
with the limits as constraints) kept in a journal file in the search folder, so that a stopped
search resumes where it stopped. Candidates are asked for a few at a time and run together
over the local processes; each is told its paired means over the replications.

The sampler is TPE (multivariate, grouped: a setting that `needs` another is asked only when
that one is on), which finds good mixes in a few hundred trials where NSGA-II needs thousands.
The first trial is the baseline itself, so that a zero budget always has an answer.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from typing import Callable

import optuna
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend
from optuna.trial import TrialState

from sim.optimise.measures import (COST_CHANGE, OBJECTIVES, STAFF_HOURS, WAIT_CHANGE,
                                   candidate_measures, compared_columns, paired)
from sim.optimise.request import Request
from sim.optimise.space import Variable, active, settings_of

JOURNAL = "journal.log"
STUDY = "search"
BATCH = 4  # candidates run together: enough to keep the processes busy between the sampler's calls
CONSTRAINTS = "constraints"
SEEDED = "seeded"  # the study's mark that the starting points were enqueued (once)
LIMITS = ("cost", "staff_hours", "wait")  # the constraints' names, in the order of `limits`


def open_study(request: Request, folder: Path) -> optuna.Study:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    storage = JournalStorage(JournalFileBackend(str(folder / JOURNAL)))
    # constraints are set on each trial (Trial.set_constraint; constraints_func is deprecated in 5.0)
    sampler = optuna.samplers.TPESampler(seed=request.seed, multivariate=True, group=True,
                                         n_startup_trials=20)
    directions = [OBJECTIVES[o].direction for o in request.objectives] + ["minimize"]
    return optuna.create_study(study_name=STUDY, storage=storage, sampler=sampler,
                               directions=directions, load_if_exists=True)


def limits(request: Request, measures: dict) -> list[float]:
    """How far a candidate is over each limit (<= 0: within): cost, staff hours, wait."""
    wait = request.max_wait_change_days
    return [measures[COST_CHANGE] - request.search_nok, measures[STAFF_HOURS] - request.staff_hours,
            measures[WAIT_CHANGE] - wait if wait is not None else -1.0]


def completed(study: optuna.Study) -> list[optuna.trial.FrozenTrial]:
    return study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))


def fail_stopped(study: optuna.Study) -> int:
    """Trials left running by a stopped search, marked failed (they are asked again)."""
    stopped = study.get_trials(deepcopy=False, states=(TrialState.RUNNING,))
    for trial in stopped:
        study.tell(trial.number, state=TrialState.FAIL)
    return len(stopped)


def suggest(trial: optuna.Trial, variables: list[Variable], baseline: dict) -> dict:
    """The candidate's values: each variable asked of the trial, in order, when it is active."""
    values: dict = {}
    for v in variables:
        if v not in active(variables, values, baseline):
            continue
        if v.choices is not None:
            values[v.name] = trial.suggest_categorical(v.name, list(v.choices))
        elif all(float(x).is_integer() for x in (v.low, v.high, v.step)):
            values[v.name] = trial.suggest_int(v.name, int(v.low), int(v.high), step=int(v.step))
        else:
            values[v.name] = trial.suggest_float(v.name, v.low, v.high, step=v.step)
    return values


def run_search(study: optuna.Study, request: Request, variables: list[Variable], baseline: dict,
               runner, base_rows, starts: list[dict] = (),
               say: Callable[[str], None] = print) -> None:
    """Trials until `request.trials` are complete: a few candidates at a time, run together;
    `starts` (values of the variables, e.g. the reference policies') are tried first."""
    if not completed(study) and not study.get_trials(states=(TrialState.WAITING,)):
        study.enqueue_trial(baseline)  # the baseline first: a zero budget always has an answer
    if not study.user_attrs.get(SEEDED):  # then the reference policies, as starting points
        for values in starts:
            study.enqueue_trial(values, skip_if_exists=True)
        study.set_user_attr(SEEDED, True)
    replications = list(base_rows.index)
    columns = compared_columns(request.objectives)
    # a mix tried before has the same runs (the same replications): its figures are reused
    known = {_key(t.params): dict(t.user_attrs) for t in completed(study)}
    started, done_before, failures = time.monotonic(), len(completed(study)), 0
    while (done := len(completed(study))) < request.trials:
        asked = [study.ask() for _ in range(min(BATCH, request.trials - done))]
        values = [suggest(trial, variables, baseline) for trial in asked]
        new = list({_key(v): v for v in values if _key(v) not in known}.values())
        try:
            runs = runner.run([settings_of(variables, v) for v in new], replications) if new else []
        except Exception as error:  # a candidate the engine refuses: failed, the search goes on
            failures += 1
            for trial in asked:
                trial.set_user_attr("error", str(error).splitlines()[0][:200])
                study.tell(trial, state=TrialState.FAIL)
            if failures >= 3:
                raise
            continue
        for v, rows in zip(new, runs):
            known[_key(v)] = candidate_measures(paired(rows, base_rows, columns), request.objectives)
        for trial, v in zip(asked, values):
            _tell(study, trial, request, {k: x for k, x in known[_key(v)].items() if k in MEASURES
                                          or k.endswith("_ci") or k in request.objectives})
        say(progress(len(completed(study)), request.trials, done_before, started))


MEASURES = ("pairs", COST_CHANGE, STAFF_HOURS, WAIT_CHANGE)


def _key(values: dict) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in values.items()))


def _tell(study: optuna.Study, trial: optuna.Trial, request: Request, measures: dict) -> None:
    for key, value in measures.items():
        trial.set_user_attr(key, value)
    over = limits(request, measures)
    trial.set_user_attr(CONSTRAINTS, over)
    for name, value in zip(LIMITS, over):
        trial.set_constraint(name, value)
    study.tell(trial, [measures[o] for o in request.objectives] + [measures[COST_CHANGE]])


def progress(done: int, total: int, done_before: int, started: float) -> str:
    elapsed = time.monotonic() - started
    per_trial = elapsed / max(done - done_before, 1)
    left = per_trial * (total - done)
    return (f"trial {done}/{total}: {_minutes(elapsed)} so far, about {_minutes(left)} left "
            f"({per_trial:.1f} s a trial)")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"
