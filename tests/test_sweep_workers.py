"""A parallel sweep (hydra/launcher=joblib or parallel) leaves no worker process behind when it is killed."""

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


def is_worker(pid: int, sweep: int) -> bool:
    """joblib's workers run loky's start-up; the project's launcher forks the sweep's process."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        return b"popen_loky" in command or command == Path(f"/proc/{sweep}/cmdline").read_bytes()
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


# joblib starts the three workers asked for, one waiting for work that never comes; the project's
# launcher (hydra/launcher=parallel) starts no more workers than there are jobs.
@pytest.mark.parametrize("launcher, started", [("joblib", 3), ("parallel", 2)])
def test_killing_a_parallel_sweep_ends_its_workers(tmp_path, launcher, started):
    """Two jobs on three workers asked for: every worker ends when the sweep is killed."""
    sweep_dir = tmp_path / "sweep"
    sweep = subprocess.Popen(
        [sys.executable, "run.py", "-m", "policy=baseline,sms_reminder", "warmup_days=60",
         "horizon_days=730", "charts=false", f"hydra/launcher={launcher}", "hydra.launcher.n_jobs=3",
         f"hydra.sweep.dir={sweep_dir}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        def running():  # every worker started, and two of them each made its job's folder
            workers.update(children(sweep.pid))
            jobs = [p for p in sweep_dir.glob("*/.hydra") if p.is_dir()] if sweep_dir.is_dir() else []
            return sum(is_worker(w, sweep.pid) for w in workers) >= started and len(jobs) >= 2
        wait_for(running, f"{started} workers started, two jobs running")
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


def test_ctrl_c_stops_a_parallel_sweep_at_once(tmp_path):
    """Ctrl-C (SIGINT to the terminal's process group) ends the project's launcher and its
    workers, instead of the workers going on with every job still waiting."""
    sweep_dir = tmp_path / "sweep"
    sweep = subprocess.Popen(
        [sys.executable, "run.py", "-m", "policy=baseline,sms_reminder", "replication=range(20)",
         "charts=false", "hydra/launcher=parallel", "hydra.launcher.n_jobs=2",
         f"hydra.sweep.dir={sweep_dir}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(lambda: sweep_dir.is_dir() and any(p.is_dir() for p in sweep_dir.glob("*/.hydra")),
                 "a job running")
        time.sleep(1)  # the launching process is waiting for its jobs now
        os.killpg(sweep.pid, signal.SIGINT)
        _, errors = sweep.communicate(timeout=LIMIT_SECONDS)
        assert sweep.returncode == 130 and "interrupted: finished jobs are kept" in errors
        assert len(list(sweep_dir.glob("*/job.json"))) < 10  # of 40: the rest were never started
    finally:
        if sweep.poll() is None:
            os.killpg(sweep.pid, signal.SIGKILL)


def test_ctrl_c_while_the_end_of_a_sweep_is_prepared_is_taken_after_it():
    """An interrupt inside an import of a C extension raises ImportError, not KeyboardInterrupt
    (a sweep interrupted then ended as a failure): while the launching process imports and reads
    for the end, Ctrl-C waits for the block's end, and is then an interrupt as ever."""
    from sim.study.launcher import _ctrl_c_after

    finished = []
    with pytest.raises(KeyboardInterrupt):
        with _ctrl_c_after():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # Python would raise KeyboardInterrupt here if the handler let it
            finished.append(True)
    assert finished == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
