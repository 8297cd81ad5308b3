"""How fast a run could be if deciding the appointments cost nothing: a bound for any faster decision.

Deciding an appointment (`Patient.respond`: the patient's motivation and lapses brought to the day,
the chance of forgetting, the logistic choice) is about half of the model's time. A faster way to
decide (a day's appointments in one vectorised step, say) can at best remove that half. This script
measures what is left: it runs the baseline once and records every decision, then runs it again
with each decision replayed from the record (same outcomes, same bookings, same patients), so the
second run does everything except deciding. Beside it, the plain Mesa peer as in bench_run.py.

Prints per scale, in appointments per CPU second: the project (model, tables and key figures), the
same with every decision replayed (the bound), the peer, and both ratios to the peer.
Run:  python benchmarks/bench_decision_bound.py [--scales 1,10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(repeats: int, work) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def measure_one_scale(scale: float, repeats: int) -> dict:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    from bench_run import PEER_STEPS, _volume
    from plain_mesa_peer import appointments_per_second
    from sim.config.compose import load_config
    from sim.enums import Outcome
    from sim.model import AttendanceModel
    from sim.patient import Patient
    from sim.simulate import simulate

    cfg = load_config([f"scale={scale}", "charts=false"])
    decide = Patient.respond
    record = []

    def recorded(patient, appt):
        decide(patient, appt)
        record.append((appt.outcome, appt.reason, patient.draws, patient.motivation, patient.lapsing))

    def replayed(patient, appt):
        """What `respond` leaves behind, from the record: the outcome and what later steps read."""
        appt.outcome, appt.reason, patient.draws, patient.motivation, patient.lapsing = next(decisions)
        if appt.outcome is Outcome.NO_SHOW:
            patient.no_shows += 1
            patient.no_shows_in_a_row += 1
        elif appt.outcome is Outcome.ATTENDED:
            patient.no_shows_in_a_row = 0

    appointments, in_care, _, _ = _volume(cfg)
    full = cpu_seconds(repeats, lambda: simulate(cfg))
    model = cpu_seconds(repeats, lambda: AttendanceModel(cfg).run().release())
    Patient.respond = recorded
    AttendanceModel(cfg).run().release()
    Patient.respond = replayed
    bound_model = float("inf")
    for _ in range(repeats):
        decisions = iter(record)
        bound_model = min(bound_model, cpu_seconds(1, lambda: AttendanceModel(cfg).run().release()))
        if next(decisions, None) is not None:
            sys.exit("error: the replayed run held fewer appointments than the recorded one")
    Patient.respond = decide
    n_days = cfg.warmup_days + cfg.horizon_days
    patients = max(round(in_care), 1)
    interval = max(round(patients * n_days / appointments), 1)
    peer_days = min(n_days, max(PEER_STEPS // patients, interval))
    peer_appointments = appointments_per_second(patients, interval, peer_days)[0]
    peer = cpu_seconds(repeats, lambda: appointments_per_second(patients, interval, peer_days))
    return {"scale": scale, "appointments": appointments, "project": appointments / full,
            "bound": appointments / (full - model + bound_model), "peer": peer_appointments / peer}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated scales")
    parser.add_argument("--repeats", type=int, default=3, help="the best of this many runs of each")
    parser.add_argument("--one-scale", type=float, help=argparse.SUPPRESS)  # the worker mode
    args = parser.parse_args()
    if args.one_scale is not None:
        print(json.dumps(measure_one_scale(args.one_scale, args.repeats)))
        return
    print("Appointments per CPU second, baseline policy, 365 warm-up + 365 counted days; 'bound': "
          "the same run with every decision replayed (deciding costs nothing)")
    print(f"{'scale':>5} {'project/s':>10} {'bound/s':>9} {'peer/s':>9} {'ratio':>6} {'bound ratio':>11}")
    for scale in args.scales.split(","):
        out = subprocess.run([sys.executable, __file__, "--one-scale", scale, "--repeats", str(args.repeats)],
                             check=True, capture_output=True, text=True, cwd=ROOT).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{r['scale']:>5g} {r['project']:>10,.0f} {r['bound']:>9,.0f} {r['peer']:>9,.0f} "
              f"{r['project'] / r['peer']:>5.2f}x {r['bound'] / r['peer']:>10.2f}x")


if __name__ == "__main__":
    main()
