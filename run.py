"""Run a scenario: `python run.py` (baseline) or e.g. `python run.py policy=sms_reminder seed=7`.

Results go to the Hydra run folder under outputs/ (see README.md for every file and column).

Sweeps: `python run.py -m policy=baseline,sms_reminder replication=range(30)` runs every
combination, one folder per job under multirun/, and ends with comparison.csv and comparison.png
in the sweep folder (README.md, "Sweeps"). A job that fails is recorded and the others go on;
running the same sweep again (same hydra.sweep.dir) skips the jobs already done.

The command line is checked, and its configuration composed, before anything is created
(sim/config/precheck.py); that configuration is then run (sim/config/composed_run.py). Modules
are imported when needed, so a command that stops early does not wait for Mesa or pandas.
"""

import gc
import logging
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from sim.config.command_line import Plan, check_command_line, fail, interrupted, remove_what_this_run_made

log = logging.getLogger("sim")
plan: Plan | None = None  # what the check of the command line found, before Hydra made any folder


def run_scenario(run_cfg, out: Path) -> float:
    """Simulate one checked configuration (a RunConfig) and write its results into `out`."""
    from sim.results.output import write_run
    from sim.simulate import simulate

    results = simulate(run_cfg)
    write_run(results, out, run_cfg.charts)
    overall = results.summary.set_index("clinic").loc["all"]
    if overall.planned == 0:  # e.g. no referrals (referrals_per_year = 0, or a tiny scale)
        log.warning("%s: no consultation was planned in the counted days (%d patients referred): "
                    "the tables are empty; results in %s", run_cfg.policy.name,
                    overall.patients_referred, out)
        return float("nan")
    log.info(
        "%s: no-show %.1f%% of %d planned consultations; real loss %.1f%% of clinician time; results in %s",
        run_cfg.policy.name, 100 * overall.no_show_rate, overall.planned,
        100 * overall.real_loss_share_of_work, out,
    )
    return float(overall.no_show_rate)


def sweep_job(cfg: DictConfig) -> float:
    """One job of a sweep: skipped if already done; a failure is recorded, not raised."""
    from sim.study.sweep import sweep_job as run_job

    hydra_cfg = HydraConfig.get()
    return run_job(cfg, Path(hydra_cfg.runtime.output_dir), list(hydra_cfg.overrides.task),
                   hydra_cfg.job.num, run_scenario, Path(hydra_cfg.sweep.dir))


def single_run(cfg: DictConfig) -> float:
    from sim.config import ConfigError, check_config
    from sim.files import OutputError, one_line

    hydra_cfg = HydraConfig.get()
    if hydra_cfg.mode == RunMode.MULTIRUN:
        return sweep_job(cfg)
    out = Path(hydra_cfg.runtime.output_dir)
    try:
        checked = plan.run_config if plan is not None else None  # checked by the pre-check
        return run_scenario(checked or check_config(cfg, hydra_cfg), out)
    except ConfigError as error:  # caught before the run as a rule; here only Hydra's files go
        remove_what_this_run_made(out, plan)
        fail(str(error))
    except OutputError as error:  # e.g. the disk filled up: the results were written all or nothing
        remove_what_this_run_made(out, plan)
        fail(one_line(error))
    except BaseException:  # Ctrl-C, or a fault in the model: it wrote nothing, so it leaves nothing
        remove_what_this_run_made(out, plan)
        raise


# Hydra's own entry, for what the check leaves to Hydra (--help, --cfg, flags Hydra refuses).
main = hydra.main(version_base=None, config_path="scenarios", config_name="config")(single_run)


if __name__ == "__main__":
    plan = check_command_line(sys.argv[1:])
    if plan.problem:
        fail(plan.problem)
    if plan.note:
        print(plan.note, file=sys.stderr)
    sys.argv[1:] = plan.args
    try:
        if plan.config is None:
            main()
        else:
            from sim.config.composed_run import run_composed

            run_composed(plan, sweep_job if plan.multirun else single_run)
    except KeyboardInterrupt:
        print(interrupted(plan), file=sys.stderr)
        sys.exit(130)
    from sim.study.sweep import sweep_problem

    if plan.multirun and plan.sweep_dir is not None:
        problem = sweep_problem(plan.sweep_dir)  # failed jobs, or no comparison: the rest is written
        if problem:
            fail(problem, code=1)
    # Everything is written: Python's last collections at exit pass over what is left (pandas,
    # scipy, matplotlib; 0.6 of the 0.7 s a sweep's process takes to end). Exit handlers run.
    gc.freeze()
