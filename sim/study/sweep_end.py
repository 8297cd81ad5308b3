"""Work for the end of a sweep done by its launching process while the workers run the jobs.

The launching process of a parallel sweep (sim/study/launcher.py) has nothing to do while the
jobs run; after them, the comparison and chart (sim/study/compare.py) are work no core shares.
So while it waits it does what the end needs that does not depend on the results: it imports the
comparison and the board report (scipy.stats alone takes most of a second), reads the sweep's
plan, and, as each job ends while others still run, reads that job's files
(sim/study/file_cache.py). The end then finds them read and only computes; files changed since
are read again.
"""

from __future__ import annotations

import importlib
from pathlib import Path

END_OF_SWEEP = ("sim.study.compare", "sim.report")


def prepare(sweep_dir: Path) -> None:
    """At the start of the wait, once the workers are started."""
    for module in END_OF_SWEEP:
        importlib.import_module(module)
    from sim.study.completeness import remember_plan

    remember_plan(sweep_dir)


def job_ended(job_folder: str) -> None:
    """A job has ended (others still run): read its files now."""
    from sim.study.jobs import remember_job

    remember_job(Path(job_folder))
