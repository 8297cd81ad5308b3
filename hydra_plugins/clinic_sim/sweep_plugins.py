"""The sweeper and launcher named in scenarios/config.yaml and scenarios/hydra/launcher/.

Thin classes: Hydra instantiates plugins only from this namespace; the work is in
sim/study/launcher.py. Importing this module must stay cheap (Hydra imports it at every start).
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.types import Override
from hydra.core.utils import JobReturn
from hydra.plugins.launcher import Launcher
from hydra.types import HydraContext, TaskFunction
from omegaconf import DictConfig


class PrecheckedBasicSweeper(BasicSweeper):
    """Hydra's basic sweeper, without its composing of every job's configuration in the launching
    process, one after another (about 0.3 s each), before launching them: run.py's pre-check has
    composed and checked each scenario once, and each job is composed where it runs."""

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        return None

    @staticmethod
    def split_arguments(overrides: List[Override],
                        max_batch_size: Optional[int]) -> List[List[List[str]]]:
        """Hydra's jobs, with the reference jobs of lever settings first
        (sim/config/reference_jobs.py)."""
        from sim.config.reference_jobs import with_reference_jobs

        jobs = with_reference_jobs([job for batch in BasicSweeper.split_arguments(overrides, None)
                                    for job in batch])
        if max_batch_size is None:
            return [jobs]
        return list(BasicSweeper.split_overrides_to_chunks(jobs, max_batch_size))


class ParallelLauncher(Launcher):
    """Jobs on this machine's cores (executor: local) or on a Ray cluster (executor: ray); the
    launching process sends each job only its overrides."""

    def __init__(self, executor: str = "local", n_jobs: int = -1, address: Optional[str] = None) -> None:
        self.executor, self.n_jobs, self.address = executor, n_jobs, address
        self.hydra_context: Optional[HydraContext] = None
        self.task_function: Optional[TaskFunction] = None
        self.config: Optional[DictConfig] = None

    def setup(self, *, hydra_context: HydraContext, task_function: TaskFunction,
              config: DictConfig) -> None:
        self.hydra_context, self.task_function, self.config = hydra_context, task_function, config

    def launch(self, job_overrides: Sequence[Sequence[str]], initial_job_idx: int) -> Sequence[JobReturn]:
        from sim.study.launcher import launch

        return launch(self, job_overrides, initial_job_idx)
