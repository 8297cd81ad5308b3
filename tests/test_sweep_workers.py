"""A parallel sweep (hydra/launcher=joblib) leaves no worker process behind when it is killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 30  # generous: a worker checks every half second whether the sweep is still there

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:  # the task ended just now
            pass
    return found


def is_worker(pid: int) -> bool:
    try:
        return b"popen_loky" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; it only waits for its parent to collect it


def wait_for(condition, what: str):
    deadline = time.monotonic() + LIMIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"not within {LIMIT_SECONDS} s: {what}")


def test_killing_a_joblib_sweep_ends_its_workers(tmp_path):
    """Three workers for two jobs: two busy with a job, one waiting for work that never comes."""
    sweep_dir = tmp_path / "sweep"
    sweep = subprocess.Popen(
        [sys.executable, "run.py", "-m", "policy=baseline,sms_reminder", "warmup_days=60",
         "horizon_days=730", "charts=false", "hydra/launcher=joblib", "hydra.launcher.n_jobs=3",
         f"hydra.sweep.dir={sweep_dir}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        def running():  # every worker started, and two of them each made its job's folder
            workers.update(children(sweep.pid))
            jobs = [p for p in sweep_dir.glob("*/.hydra") if p.is_dir()] if sweep_dir.is_dir() else []
            return sum(map(is_worker, workers)) >= 3 and len(jobs) >= 2
        wait_for(running, "three workers started, two jobs running")
        assert sweep.poll() is None, "the sweep ended before it could be killed"
        workers = children(sweep.pid)
        os.kill(sweep.pid, signal.SIGKILL)  # SIGTERM, a closed terminal: the same
        sweep.wait(timeout=LIMIT_SECONDS)
        wait_for(lambda: not any(alive(pid) for pid in workers),
                 f"every worker ended ({sorted(p for p in workers if alive(p))} still running)")
    finally:
        for pid in [sweep.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
