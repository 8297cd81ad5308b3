"""Which assumptions the answer turns on: sensitivity analysis and decision robustness (SALib).

    python3 -m sim.sensitivity method=oat|morris|sobol|all policies=[sms_reminder,voucher] \
        trajectories=10 samples=64 replications=1 n_jobs=2 top=8 margin=0.005 out=FOLDER scale=0.5
        [refit=true refit_iterations=2 refit_replications=2] [executor=ray address=HOST:PORT]

Every parameter with a plausible range (scenarios/ranges/<clinic>.yaml, sim/sensitivity/ranges.py)
is varied; fitted ones stay at their fitted values, or with refit=true are refitted to the
calibration targets at each sample (sim/sensitivity/refit.py). Two questions, for the no-show rate
and other key figures: (a) each policy's effect against the baseline, paired (same values, same
seeds), and (b) the baseline itself. Methods: one at a time (tornado), Morris screening, Sobol
indices for the `top` parameters Morris ranks highest. Robustness: where each option is best, and
which parameters flip the order of the two best. Any other name=value is a scenario override, as on
run.py's command line. Samples run on local processes or as Ray tasks (executor=ray). Running the
same command with the same out= resumes a stopped study.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from sim.config import ConfigError
    from sim.files import OutputError, one_line
    from sim.sensitivity.command import parse

    args = sys.argv[1:] if argv is None else argv
    options = None
    try:
        options = parse(args)
        from sim.sensitivity.study import run_study

        folder = run_study(options)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OutputError as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if options is None:
            return 130
        print(f"interrupted: finished samples are kept in {options.out}; to resume, run the same "
              f"command with out={options.out}", file=sys.stderr)
        return 130
    print((folder / "summary.txt").read_text(), end="")
    print(f"Sensitivity study written to {folder}")
    return 0
