"""Run a scenario: `python run.py` (baseline) or e.g. `python run.py policy=sms_reminder seed=7`.

Results go to the Hydra run folder under outputs/ (see README.md for every file and column).
"""

import logging
import shutil
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from sim.cli import fail, unknown_choice
from sim.config import ConfigError, validate
from sim.output import write_run
from sim.simulate import simulate

log = logging.getLogger("sim")


@hydra.main(version_base=None, config_path="scenarios", config_name="config")
def main(cfg: DictConfig) -> float:
    hydra_cfg = HydraConfig.get()
    out = Path(hydra_cfg.runtime.output_dir)
    try:
        run_cfg = validate(cfg)
    except ConfigError as error:
        if hydra_cfg.mode == RunMode.RUN:
            shutil.rmtree(out, ignore_errors=True)  # nothing was run: leave no folder behind
            fail(str(error))
        raise
    results = simulate(run_cfg)
    write_run(results, out, run_cfg.charts)
    overall = results.summary.set_index("clinic").loc["all"]
    log.info(
        "%s: no-show %.1f%% of %d planned consultations; real loss %.1f%% of clinician time; results in %s",
        run_cfg.policy.name, 100 * overall.no_show_rate, overall.planned,
        100 * overall.real_loss_share_of_work, out,
    )
    return float(overall.no_show_rate)


if __name__ == "__main__":
    problem = unknown_choice(sys.argv[1:])
    if problem:
        fail(problem)
    main()
