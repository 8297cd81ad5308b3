"""Launching a sweep's jobs in parallel: on this machine's cores, or on a Ray cluster.

Hydra's own launchers do work in the launching process for every job (its joblib launcher sends
Hydra's whole state with each job), so that process, not the cores, bounds a big sweep. Here what
every job needs (Hydra's state, the sweep's configuration, the task) is sent to each worker once;
a job is only its number and overrides; the worker composes the job's configuration (once per
scenario: sim/study/job_configs.py) and runs it, callbacks included (progress is counted on
disk: sim/study/sweep_progress.py). The launching process logs how much work it did per job, so
a sweep's scaling can be judged (benchmarks/bench_sweep.py reads that line).

executor=local: a pool of worker processes on this machine (n_jobs: -1 every core, -2 all but
one, or a number). executor=ray: Ray tasks, one core each; address=null starts Ray on this
machine for the sweep, address=auto (or host:port) joins a running cluster, whose machines must
have the project installed and see the sweep folder at the same path (a shared file system).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import cloudpickle  # sends the task (a function of run.py) by value
from hydra.core.hydra_config import HydraConfig
from hydra.core.singleton import Singleton
from hydra.core.utils import JobReturn, configure_log, run_job, setup_globals
from omegaconf import open_dict, read_write

from sim.study import job_configs, sweep_end
from sim.study.sweep_workers import watch_launcher

log = logging.getLogger("sim")

_state: dict[str, Any] = {}  # in a worker: the sweep it serves, set once per sweep


def launch(launcher: Any, job_overrides: Sequence[Sequence[str]], first: int) -> list[JobReturn]:
    """Run every job (numbered from `first`); their results in the order given."""
    config = launcher.config
    configure_log(config.hydra.hydra_logging, config.hydra.verbose)
    with read_write(config.hydra):  # workers may start elsewhere (Ray): one folder for all
        config.hydra.sweep.dir = str(Path(str(config.hydra.sweep.dir)).absolute())
    Path(config.hydra.sweep.dir).mkdir(parents=True, exist_ok=True)
    payload = cloudpickle.dumps({"hydra_context": launcher.hydra_context, "config": config,
                                 "task": launcher.task_function, "singletons": Singleton.get_state(),
                                 "cwd": os.getcwd()})
    jobs = [(first + i, list(overrides)) for i, overrides in enumerate(job_overrides)]
    start = time.perf_counter()
    if launcher.executor == "ray":
        results, cpu, ahead = _on_ray(payload, jobs, launcher.address, config.hydra.sweep.dir)
    elif launcher.executor == "local":
        results, cpu, ahead = _on_cores(payload, jobs, _workers(launcher.n_jobs, len(jobs)),
                                config.hydra.sweep.dir)
    else:
        raise ValueError(f"hydra.launcher.executor = {launcher.executor}: choose local or ray")
    log.info("Launcher: %d jobs in %.1f s; the launching process worked %.1f ms per job (after "
             "starting its workers; and %.1f s, while they ran, on the end of the sweep)", len(jobs),
             time.perf_counter() - start, 1000 * cpu / max(len(jobs), 1), ahead)
    return results


def _while_jobs_run(work: Callable[[], None]) -> float:
    """Do `work` for the end of the sweep (sim/study/sweep_end.py); the processor time it took."""
    cpu = time.process_time()
    with _ctrl_c_after():
        work()
    return time.process_time() - cpu


@contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """Ctrl-C during the block is taken at its end: an interrupt that lands while a C extension
    is being imported raises ImportError there, not KeyboardInterrupt, and the sweep would end as
    a failure instead of as interrupted (the running jobs get Ctrl-C meanwhile, as always)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets it
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pressed:
            raise KeyboardInterrupt


def _workers(n_jobs: int, jobs: int) -> int:
    cores = os.cpu_count() or 1
    wanted = n_jobs if n_jobs > 0 else max(cores + 1 + n_jobs, 1)
    return max(min(wanted, jobs), 1)


def worker_context() -> Any:
    """Workers forked, as Python's default on Linux has it: each inherits the launching process's
    imports (Hydra, the project) and starts at once. Named here, not left to the default, which
    Mesa (<= 3.3.1) sets to "spawn" when it is imported. Spawned where forking is not the rule
    (macOS, Windows)."""
    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return multiprocessing.get_context("fork" if fork else "spawn")


def _on_cores(payload: bytes, jobs: list[tuple[int, list[str]]], workers: int,
              sweep_dir: str) -> tuple[list[JobReturn], float, float]:
    """The jobs' results; the launching process's processor seconds for the jobs, and those it
    spent on the end of the sweep while they ran (not work per job: the workers ran meanwhile)."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(), initializer=_serve,
                               initargs=(payload,))
    futures = []
    try:
        cpu = time.process_time()
        futures = [pool.submit(_run_here, num, overrides) for num, overrides in jobs]
        ahead = _while_jobs_run(lambda: sweep_end.prepare(Path(sweep_dir)))  # workers started
        pending = set(futures)
        while pending:
            # A job interrupted (Ctrl-C reaches the workers too) or unable to start stops the
            # sweep at once, not when its turn comes in the list of results.
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                if future.exception() is not None:
                    raise future.exception()
            if pending:  # read ahead only while jobs still run, never after the last one
                ahead += _while_jobs_run(lambda: [sweep_end.job_ended(f.result()[1]) for f in done])
        results = [future.result()[0] for future in futures], time.process_time() - cpu - ahead, ahead
    except BaseException:  # e.g. Ctrl-C: start no further job (the running ones got it too)
        for future in futures:  # here, not only by shutdown(): its worker thread may find the
            future.cancel()     # pool collected already as this process ends, and cancel nothing
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _on_ray(payload: bytes, jobs: list[tuple[int, list[str]]], address: str | None,
            sweep_dir: str) -> tuple[list[JobReturn], float, float]:
    """As `_on_cores`, on a Ray cluster."""
    try:
        import ray
    except ImportError:
        raise ImportError("hydra/launcher=ray_cluster needs Ray: python3 -m pip install -e '.[ray]'") from None
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address or None, include_dashboard=False, log_to_driver=True)
    try:
        cpu = time.process_time()
        state = ray.put(payload)
        task = ray.remote(num_cpus=1)(_run_on_ray)
        waiting = [task.remote([state], num, overrides) for num, overrides in jobs]
        ahead = _while_jobs_run(lambda: sweep_end.prepare(Path(sweep_dir)))
        return ray.get(waiting), time.process_time() - cpu - ahead, ahead
    finally:
        if started_here:
            ray.shutdown()


def _run_on_ray(state: list, num: int, overrides: list[str]) -> JobReturn:
    """A Ray task; `state` is wrapped in a list so Ray hands over the reference, and a worker
    that serves several jobs of the sweep fetches it once."""
    import ray

    if _state.get("ref") != state[0].hex():
        _serve(ray.get(state[0]))
        _state["ref"] = state[0].hex()
    return run_one(num, overrides)


def _serve(payload: bytes) -> None:
    """In a worker, once per sweep: take on the launching process's Hydra state."""
    state = cloudpickle.loads(payload)
    setup_globals()
    Singleton.set_state(state["singletons"])
    if Path(state["cwd"]).is_dir():
        os.chdir(state["cwd"])  # relative paths in the configuration mean what they did there
    _state.clear()
    _state.update(state)
    job_configs.start()
    watch_launcher()


def run_one(num: int, overrides: list[str]) -> JobReturn:
    """Compose one job's configuration and run it, as Hydra's basic launcher does."""
    return _run_here(num, overrides)[0]


def _run_here(num: int, overrides: list[str]) -> tuple[JobReturn, str]:
    """run_one, and the job's folder (which the launching process reads while the other jobs
    run: sim/study/sweep_end.py)."""
    context, config = _state["hydra_context"], _state["config"]
    job_config = job_configs.compose(context.config_loader, config, list(overrides))
    with open_dict(job_config):
        job_config.hydra.job.id = f"{job_config.hydra.job.name}_{num}"
        job_config.hydra.job.num = num
    HydraConfig.instance().set_config(job_config)
    result = run_job(hydra_context=context, task_function=_state["task"], config=job_config,
                     job_dir_key="hydra.sweep.dir", job_subdir_key="hydra.sweep.subdir")
    result.cfg = result.hydra_cfg = None  # not needed by the sweeper: less to send back
    return result, str(job_config.hydra.runtime.output_dir)
