"""A plain Mesa model of clinic attendance, written the way Mesa's examples are: the yardstick for
benchmarks/bench_run.py.

Every patient agent steps every day (`model.agents.shuffle_do("step")`): motivation and craving
drift (two mean-reverting random walks), and on the patient's appointment days (every
`interval_days`, from a random first day) one logistic draw decides whether the patient comes.
Random numbers come from the model's numpy generator (`model.rng`), as in Mesa 3. The bench gives it
the project's population (patients in care on an average day) and appointment volume.
Run alone:  python benchmarks/plain_mesa_peer.py [--patients 444] [--days 730] [--interval 16]
"""

from __future__ import annotations

import argparse
import math
import time

import mesa


class PeerPatient(mesa.Agent):
    """A patient in care with a motivation and a craving that drift from day to day."""

    def __init__(self, model: PlainMesaPeer):
        super().__init__(model)
        self.motivation = float(model.rng.uniform(0.2, 0.8))
        self.craving = float(model.rng.uniform(0.0, 0.5))
        self.first_day = int(model.rng.integers(model.interval_days))
        self.attended = 0

    def step(self) -> None:
        model = self.model
        drift = model.rng.standard_normal(2)
        self.motivation += 0.05 * (0.5 - self.motivation) + 0.03 * drift[0]
        self.craving += 0.10 * (0.2 - self.craving) + 0.05 * drift[1]
        if (model.day - self.first_day) % model.interval_days == 0:
            log_odds = -1.0 - 2.0 * (self.motivation - 0.5) + 1.5 * self.craving
            stays_away = model.rng.random() < 1 / (1 + math.exp(-log_odds))
            self.attended += not stays_away
            model.appointments += 1


class PlainMesaPeer(mesa.Model):
    """`patients` patients in care, each with an appointment every `interval_days` days."""

    def __init__(self, patients: int = 444, interval_days: int = 16, seed: int = 2005):
        super().__init__(rng=seed)
        self.interval_days = interval_days
        self.day = 0
        self.appointments = 0
        PeerPatient.create_agents(self, patients)

    def step(self) -> None:
        self.agents.shuffle_do("step")
        self.day += 1


def appointments_per_second(patients: int, interval_days: int, days: int) -> tuple[int, float]:
    """Run the peer for `days` days; its appointments and wall seconds (model built and run)."""
    start = time.perf_counter()
    model = PlainMesaPeer(patients, interval_days)
    for _ in range(days):
        model.step()
    return model.appointments, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=444)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--interval", type=int, default=16, help="days between appointments")
    args = parser.parse_args()
    appointments, seconds = appointments_per_second(args.patients, args.interval, args.days)
    print(f"{appointments:,} appointments in {seconds:.2f} s: {appointments / seconds:,.0f} per second")


if __name__ == "__main__":
    main()
