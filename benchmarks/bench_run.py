"""Speed of one run next to a plain Mesa peer, at 1x, 10x and 50x the baseline population.

Per scale, in a fresh process (so scales don't share memory): the project's `simulate(cfg)` (model,
tables and key figures; 365 warm-up + 365 counted days), then the plain Mesa peer
(benchmarks/plain_mesa_peer.py) with the same patients in care on an average day and the same
appointment volume. Prints appointments per second for both and their ratio (by wall clock and by
CPU time), the ratio of the model alone (built and run, no tables or key figures: timed as the peer
is), the wall time of `simulate(cfg)` and the process's peak memory. With --run-py, also times the whole command
`python3 run.py scale=S` (results and charts written to a temporary folder) and its peak memory.
The compiled code is loaded from the disk cache (or compiled) by a small run before the clock
starts, so no compiling is timed.
Run:  python benchmarks/bench_run.py [--scales 1,10,50] [--repeats 1] [--run-py 50]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER_STEPS = 4_000_000  # the peer's patient-days at most; beyond, it runs fewer days (rate per day is flat)


def measure_one_scale(scale: float, repeats: int) -> dict:
    """The project, then the peer, in this process: appointments, seconds, peak memory."""
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    from plain_mesa_peer import appointments_per_second
    from sim.config.compose import load_config

    from sim.simulate import simulate

    cfg = load_config([f"scale={scale}", "charts=false"])
    # the compiled code loaded (from the disk cache, or compiled) before the clock starts
    simulate(load_config(["scale=0.1", "warmup_days=20", "horizon_days=20", "charts=false"]))
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        results = simulate(cfg)
        best, best_cpu = min(best, time.perf_counter() - start), min(best_cpu, time.process_time() - start_cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # simulate's, before the peer runs
    del results
    appointments, in_care, model_s, model_cpu_s = _volume(cfg)
    patients, interval, peer_days = peer_like(cfg, appointments, in_care)
    peer_seconds, peer_cpu = float("inf"), float("inf")
    for _ in range(repeats):  # the best of as many runs as the project's: neither side gets more tries
        start_cpu = time.process_time()
        peer_appointments, seconds = appointments_per_second(patients, interval, peer_days)
        peer_seconds, peer_cpu = min(peer_seconds, seconds), min(peer_cpu, time.process_time() - start_cpu)
    return {"scale": scale, "appointments": appointments, "simulate_s": best, "simulate_cpu_s": best_cpu,
            "model_s": model_s, "model_cpu_s": model_cpu_s, "peer_patients": patients,
            "peer_interval": interval, "peer_days": peer_days,
            "peer_rate": peer_appointments / peer_seconds, "peer_cpu_rate": peer_appointments / peer_cpu,
            "peak_mb": peak_mb}


def peer_like(cfg, appointments: int, in_care: float) -> tuple[int, int, int]:
    """The peer's patients, days between appointments and days run, for the project's patients in
    care on an average day and its appointments."""
    n_days = cfg.warmup_days + cfg.horizon_days
    patients = max(round(in_care), 1)
    interval = max(round(patients * n_days / appointments), 1)
    return patients, interval, min(n_days, max(PEER_STEPS // patients, interval))


def _volume(cfg) -> tuple[int, float, float, float]:
    """Appointments simulated (warm-up included), patients in care on an average day, and the wall
    and CPU seconds of building and running the model alone (no tables: like for like with the peer)."""
    from sim.engine import layout as L
    from sim.model import AttendanceModel

    start, start_cpu = time.perf_counter(), time.process_time()
    model = AttendanceModel(cfg).run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    in_care = model.state.series[:, :, 1].sum(axis=1).mean()
    booked = model.state.appointment_int[:model.state.counts[0]]
    appointments = int((booked[:, L.A_OUTCOME] != L.NONE).sum())  # held, warm-up included
    return appointments, float(in_care), seconds, cpu_seconds


def in_a_fresh_process(scale: float, repeats: int, script: str = __file__) -> dict:
    """`script --one-scale S` (this one's, or another benchmark's) in a fresh process: its figures."""
    out = subprocess.run([sys.executable, script, "--one-scale", str(scale), "--repeats", str(repeats)],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def time_run_py(scale: float) -> tuple[float, float]:
    """Wall seconds and peak MB of `python3 run.py scale=S` (charts on), written to a temporary folder.

    The command runs under a small fresh process whose only child it is, so the peak is its own."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "run.py", f"scale={scale}", f"hydra.run.dir={folder}/run"]
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", RUN_AND_REPORT_PEAK, *command],
                             check=True, capture_output=True, text=True, cwd=ROOT).stdout
        seconds = time.perf_counter() - start
    return seconds, float(out.strip().splitlines()[-1]) / 1024


RUN_AND_REPORT_PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,50", help="comma-separated scales")
    parser.add_argument("--repeats", type=int, default=1,
                        help="runs of simulate() and of the peer per scale; the best of each is shown")
    parser.add_argument("--run-py", type=float, default=None, metavar="SCALE",
                        help="also time `python3 run.py scale=SCALE` end to end")
    parser.add_argument("--one-scale", type=float, help=argparse.SUPPRESS)  # the worker mode
    args = parser.parse_args()
    if args.one_scale is not None:
        print(json.dumps(measure_one_scale(args.one_scale, args.repeats)))
        return
    print("Baseline policy, 365 warm-up + 365 counted days. appts: all simulated appointments "
          "(warm-up included).\nRates are appointments per second of simulate(cfg) (model, tables, key "
          "figures) and of the peer's run,\nby the wall clock and by the process's CPU time (steadier "
          "when other work shares the machine).\n'model cpu ratio' times the model alone (built and run, no tables), "
          "as the peer is timed.")
    print(f"{'scale':>5} {'appts':>9} {'project/s':>10} {'peer/s':>9} {'ratio':>6} {'cpu ratio':>9} "
          f"{'model cpu ratio':>15} {'simulate s':>10} {'peak MB':>8}  peer")
    for scale in (float(s) for s in args.scales.split(",")):
        r = in_a_fresh_process(scale, args.repeats)
        rate = r["appointments"] / r["simulate_s"]
        cpu_ratio = r["appointments"] / r["simulate_cpu_s"] / r["peer_cpu_rate"]
        model_ratio = r["appointments"] / r["model_cpu_s"] / r["peer_cpu_rate"]
        print(f"{r['scale']:>5g} {r['appointments']:>9,} {rate:>10,.0f} {r['peer_rate']:>9,.0f} "
              f"{rate / r['peer_rate']:>5.2f}x {cpu_ratio:>8.2f}x {model_ratio:>14.2f}x {r['simulate_s']:>10.2f} "
              f"{r['peak_mb']:>8.0f}  {r['peer_patients']:,} patients, every {r['peer_interval']} days, "
              f"{r['peer_days']} days")
    if args.run_py is not None:
        seconds, peak = time_run_py(args.run_py)
        print(f"python3 run.py scale={args.run_py:g}: {seconds:.1f} s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
