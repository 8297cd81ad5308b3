"""The sweeper and launcher named in scenarios/config.yaml and scenarios/hydra/launcher/.

Thin classes on Hydra's public plugin bases: Hydra instantiates plugins only from this
namespace; the work is in sim/study/launcher.py. Importing this module must stay cheap (Hydra
imports it at every start).
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Sequence

from hydra.core.utils import JobReturn
from hydra.plugins.launcher import Launcher
from hydra.plugins.sweeper import Sweeper
from hydra.types import HydraContext, TaskFunction
from omegaconf import DictConfig, OmegaConf


class PrecheckedBasicSweeper(Sweeper):
    """Hydra's basic sweeper (the same jobs in the same order; `max_batch_size` as its, and its
    `params` read from the sweep's config, hydra.sweeper.params, as the pre-check reads them,
    sim/config/sweep_jobs.py), without its composing of every job's configuration in the
    launching process, one after another (about 0.3 s each), before launching them: run.py's
    pre-check has composed and checked each scenario once, and each job is composed where it
    runs. A sweep of lever settings gets its reference jobs first
    (sim/config/reference_jobs.py)."""

    def __init__(self, max_batch_size: Optional[int] = None,
                 params: Optional[Dict[str, str]] = None) -> None:
        super().__init__()
        self.max_batch_size = max_batch_size
        self.hydra_context: Optional[HydraContext] = None
        self.config: Optional[DictConfig] = None
        self.launcher: Optional[Launcher] = None

    def setup(self, *, hydra_context: HydraContext, task_function: TaskFunction,
              config: DictConfig) -> None:
        from hydra.core.plugins import Plugins

        self.hydra_context, self.config = hydra_context, config
        self.launcher = Plugins.instance().instantiate_launcher(
            hydra_context=hydra_context, task_function=task_function, config=config)

    def sweep(self, arguments: List[str]) -> List[Sequence[JobReturn]]:
        from sim.config.sweep_jobs import batches, sweep_jobs

        assert self.hydra_context and self.config and self.launcher
        jobs, _ = sweep_jobs(self.config, list(arguments), self.hydra_context.config_loader)
        sweep_dir = Path(self.config.hydra.sweep.dir)  # the sweep's configuration, as Hydra's
        sweep_dir.mkdir(parents=True, exist_ok=True)
        OmegaConf.save(self.config, sweep_dir / "multirun.yaml")
        returns: List[Sequence[JobReturn]] = []
        first = 0
        for batch in batches(jobs, self.max_batch_size):
            results = self.launcher.launch(batch, initial_job_idx=first)
            for result in results:
                _ = result.return_value  # raises a job's exception, as Hydra's sweeper does
            first += len(batch)
            returns.append(results)
        return returns


class ParallelLauncher(Launcher):
    """Jobs on this machine's cores (executor: local) or on a Ray cluster (executor: ray); the
    launching process sends each job only its overrides."""

    def __init__(self, executor: str = "local", n_jobs: int = -1,
                 address: Optional[str] = None) -> None:
        self.executor, self.n_jobs, self.address = executor, n_jobs, address
        self.hydra_context: Optional[HydraContext] = None
        self.task_function: Optional[TaskFunction] = None
        self.config: Optional[DictConfig] = None

    def setup(self, *, hydra_context: HydraContext, task_function: TaskFunction,
              config: DictConfig) -> None:
        self.hydra_context, self.task_function, self.config = hydra_context, task_function, config

    def launch(self, job_overrides: Sequence[Sequence[str]],
               initial_job_idx: int) -> Sequence[JobReturn]:
        from sim.study.launcher import launch

        return launch(self, job_overrides, initial_job_idx)
