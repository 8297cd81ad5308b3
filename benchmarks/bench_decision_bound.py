"""How fast a run could be with a faster decision: two bounds, measured by replaying decisions.

Deciding an appointment (`Patient.respond`) is about half of the model's time. It has two parts:
bringing the patient's state to the day (the appointment's uniforms, the referral boost's fade, one
step of the motivation noise per day passed, the lapse spells: each patient's own, read one by one)
and the arithmetic (the chance of forgetting, the logistic choice). A day's appointments decided in
one vectorised step could speed up the arithmetic, not the state, which is each patient's own path.

The script runs the baseline once and records every decision, then runs it again (tables and key
figures included) with each decision replayed from the record, so outcomes, bookings and patients
are the same:
- "state only": each patient's state is still brought to the day, the arithmetic costs nothing:
  what a vectorised decision could reach at most;
- "nothing": deciding costs nothing at all: what any faster decision could reach at most.
Beside them, the plain Mesa peer as in bench_run.py. Prints appointments per CPU second and the
ratio of each to the peer.
Run:  python benchmarks/bench_decision_bound.py [--scales 1,10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
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
    from bench_run import _volume, peer_like
    from plain_mesa_peer import appointments_per_second
    from sim.config.compose import load_config
    from sim.enums import Outcome
    from sim.patient import Patient
    from sim.simulate import simulate

    cfg = load_config([f"scale={scale}", "charts=false"])
    decide, record = Patient.respond, []

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

    def state_then_replayed(patient, appt):
        patient.draws = patient.stream.appointment()
        patient.advance_to(appt.day)
        replayed(patient, appt)

    def replaying(respond) -> float:
        nonlocal decisions
        Patient.respond, best = respond, float("inf")
        for _ in range(repeats):
            decisions = iter(record)
            best = min(best, cpu_seconds(1, lambda: simulate(cfg)))
            if next(decisions, None) is not None:
                sys.exit("error: the replayed run held fewer appointments than the recorded one")
        Patient.respond = decide
        return best

    Patient.respond = recorded  # the run that counts the volume also records the decisions
    appointments, in_care, _, _ = _volume(cfg)
    Patient.respond = decide
    full = cpu_seconds(repeats, lambda: simulate(cfg))
    decisions = iter(record)  # (replaying sets it afresh for each run)
    state_only, nothing = replaying(state_then_replayed), replaying(replayed)
    patients, interval, peer_days = peer_like(cfg, appointments, in_care)
    peer_appointments = []
    peer = cpu_seconds(repeats, lambda: peer_appointments.append(
        appointments_per_second(patients, interval, peer_days)[0]))
    return {"scale": scale, "project": appointments / full, "state_only": appointments / state_only,
            "nothing": appointments / nothing, "peer": peer_appointments[0] / peer}


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_run import in_a_fresh_process

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated scales")
    parser.add_argument("--repeats", type=int, default=3, help="the best of this many runs of each")
    parser.add_argument("--one-scale", type=float, help=argparse.SUPPRESS)  # the worker mode
    args = parser.parse_args()
    if args.one_scale is not None:
        print(json.dumps(measure_one_scale(args.one_scale, args.repeats)))
        return
    print("Appointments per CPU second (baseline policy, 365 warm-up + 365 counted days, tables and key "
          "figures included),\nand the ratio to the peer. Decisions replayed: 'state only' still brings "
          "each patient's state to the day,\n'nothing' costs nothing to decide.")
    print(f"{'scale':>5} {'run/s':>9} {'state only/s':>12} {'nothing/s':>10} {'peer/s':>8} "
          f"{'run':>6} {'state only':>10} {'nothing':>8}")
    for scale in args.scales.split(","):
        r = in_a_fresh_process(float(scale), args.repeats, __file__)
        ratios = [r[key] / r["peer"] for key in ("project", "state_only", "nothing")]
        print(f"{r['scale']:>5g} {r['project']:>9,.0f} {r['state_only']:>12,.0f} {r['nothing']:>10,.0f} "
              f"{r['peer']:>8,.0f} " + " ".join(f"{x:>{w}.2f}x" for x, w in zip(ratios, (5, 9, 7))))


if __name__ == "__main__":
    main()
