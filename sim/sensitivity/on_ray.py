"""`executor=ray`: a study's chunks of samples as Ray tasks, each many samples (about 64 runs'
work), joining the cluster at `address=` or starting one on this machine (as the sweep launcher
does, sim/study/launcher.py). What every task shares (the composed configs, the replications, the
refit) goes to the cluster once. Results come back as tasks finish, so the study writes each
chunk at once and a stopped study keeps what finished. Ray is the `ray` extra."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from sim.config import ConfigError


def on_ray(work: Callable, shared: Any, jobs: list, address: str | None,
           num_cpus: int | None) -> Iterator[tuple[int, Any]]:
    """(index in `jobs`, `work(shared, job)`) of each job, run as a Ray task, as they finish.
    A cluster started here (no `address`) gets `num_cpus` and is stopped at the end."""
    try:
        import ray
    except ImportError:
        raise ConfigError("executor=ray needs Ray: python3 -m pip install -e '.[ray]'") from None
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address or None, num_cpus=None if address else num_cpus,
                 include_dashboard=False, log_to_driver=True)
    waiting: dict = {}
    try:
        task = ray.remote(num_cpus=1)(_task)
        state = ray.put(shared)
        waiting = {task.remote(work, state, job): index for index, job in enumerate(jobs)}
        while waiting:
            ready, _ = ray.wait(list(waiting), num_returns=1)
            yield waiting.pop(ready[0]), ray.get(ready[0])
    finally:
        for ref in waiting:  # stopped early (Ctrl-C): the rest are not wanted
            ray.cancel(ref, force=True)
        if started_here:
            ray.shutdown()


def _task(work: Callable, shared: Any, job: Any) -> Any:
    """One Ray task: `shared` arrives resolved (Ray fetches the stored object once a node)."""
    return work(shared, job)
