"""Speed of one run at 1x, 2x and 10x the baseline population (referrals and FTEs scaled together).

Prints seconds, appointments and appointments per second. If the cost of a run grows with
appointments (not with patients x days), appointments per second stays roughly flat as the
population grows. Run:  python benchmarks/bench_run.py [--repeats 3]
"""

import argparse
import time

from sim.config.compose import load_config
from sim.model import AttendanceModel
from sim.simulate import simulate


def measure(scale: float, repeats: int) -> dict:
    cfg = load_config([f"scale={scale}", "charts=false"])
    best_model, best_total = float("inf"), float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        model = AttendanceModel(cfg).run()
        model_seconds = time.perf_counter() - start
        appointments = len(model.appointments)
        patient_days = sum(
            (p.exit_day if p.exit_day is not None else model.n_days) - p.referral_day
            for p in model.agents if hasattr(p, "profile")
        )
        model.release()
        start = time.perf_counter()
        simulate(cfg)
        total_seconds = time.perf_counter() - start
        best_model, best_total = min(best_model, model_seconds), min(best_total, total_seconds)
    return {"scale": scale, "appointments": appointments, "patient_days": patient_days,
            "model_s": best_model, "with_tables_s": best_total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per scale; the best is shown")
    args = parser.parse_args()
    print("Baseline: 365 warm-up days + 365 counted days; timings are the best of "
          f"{args.repeats} runs; appointments include the warm-up.")
    print(f"{'scale':>5} {'appointments':>12} {'patient-days':>12} {'model s':>8} "
          f"{'+tables s':>9} {'appts/s':>9} {'us/appt':>8}")
    for scale in (1, 2, 10):
        r = measure(scale, args.repeats)
        rate = r["appointments"] / r["model_s"]
        print(f"{r['scale']:>5} {r['appointments']:>12,} {r['patient_days']:>12,} "
              f"{r['model_s']:>8.2f} {r['with_tables_s']:>9.2f} {rate:>9,.0f} {1e6 / rate:>8.1f}")


if __name__ == "__main__":
    main()
