"""Run the configuration the pre-check composed, as `hydra.main` would, without composing it again.

`hydra.main` composes a command line's configuration twice (once to find the run mode, once to
run it), after run.py's pre-check (sim/config/precheck.py) has composed it already: about 0.3 s
each. Here the pre-check's Hydra and its composed configuration are used: the steps are those of
Hydra's own `Hydra.run` and `Hydra.multirun` (hydra-core 1.3), less the composition; the two
pieces of Hydra's internals they need are taken from sim/internals.py.
"""

from __future__ import annotations

from typing import Any

from hydra.core.global_hydra import GlobalHydra
from hydra.core.plugins import Plugins
from hydra.core.utils import configure_log, run_job
from hydra.types import HydraContext, RunMode, TaskFunction
from omegaconf import OmegaConf, read_write

from sim.config.command_line import Plan
from sim.internals import hydra_callbacks, run_and_report


def run_composed(plan: Plan, task: TaskFunction) -> Any:
    """Run `task` on the single run or the sweep that `plan` holds, composed and checked."""
    GlobalHydra.instance().initialize(plan.hydra)
    try:
        configure_log(plan.config.hydra.hydra_logging, plan.config.hydra.verbose)
        if plan.multirun:
            return run_and_report(lambda: _multirun(plan, task))
        return run_and_report(lambda: _run(plan, task))
    finally:
        GlobalHydra.instance().clear()


def _run(plan: Plan, task: TaskFunction) -> Any:
    cfg, context = plan.config, _context(plan)
    with read_write(cfg.hydra):
        cfg.hydra.mode = RunMode.RUN
        cfg.hydra.overrides.hydra.append("hydra.mode=RUN")  # as hydra.main records it
    context.callbacks.on_run_start(config=cfg, config_name=plan.config_name)
    result = run_job(hydra_context=context, task_function=task, config=cfg,
                     job_dir_key="hydra.run.dir", job_subdir_key=None)
    context.callbacks.on_run_end(config=cfg, config_name=plan.config_name, job_return=result)
    return result.return_value  # raises the task's exception, if any


def _multirun(plan: Plan, task: TaskFunction) -> Any:
    cfg, context = plan.config, _context(plan)
    with read_write(cfg.hydra):
        cfg.hydra.mode = RunMode.MULTIRUN
        cfg.hydra.overrides.hydra.append("hydra.mode=MULTIRUN")  # each job's config keeps it
    context.callbacks.on_multirun_start(config=cfg, config_name=plan.config_name)
    sweeper = Plugins.instance().instantiate_sweeper(config=cfg, hydra_context=context,
                                                     task_function=task)
    result = sweeper.sweep(arguments=OmegaConf.to_container(cfg.hydra.overrides.task, resolve=False))
    context.callbacks.on_multirun_end(config=cfg, config_name=plan.config_name)
    return result


def _context(plan: Plan) -> HydraContext:
    return HydraContext(config_loader=plan.hydra.config_loader,
                        callbacks=hydra_callbacks(plan.config))
