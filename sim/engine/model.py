"""The clinic-attendance model on the compiled engine: a `mesa.Model`, one step a day.

The clinics are Mesa agents; the patients are rows of arrays behind `model.patients`, a
Mesa-style collection (`sim.engine.patients`); the day's logic is compiled (`sim.engine.day`).
The daily waiting list, patients in care and overtime per site are in `self.datacollector`
(each day an array over the sites, in the order of `self.clinics`).
"""

from __future__ import annotations

import datetime as dt

import mesa
import numpy as np

from sim.config.bookable import no_day_to_book
from sim.engine import booking, day as compiled
from sim.engine import layout as L
from sim.engine import therapists
from sim.engine.patients import Patients
from sim.engine.state import State
from sim.levers import LEVERS, Lever


class Site(mesa.Agent):
    """One clinic (site): its settings, FTEs, slots per day and today's counts."""

    def __init__(self, model: ArrayModel, index: int, key: str, settings, fte: float):
        super().__init__(model)
        self.index, self.key, self.settings, self.fte = index, key, settings, fte
        self.capacity = model.state.calendar[index, L.D_CAPACITY]  # slots per model day

    @property
    def waiting_list(self) -> int:
        return int(self.model.state.sites[self.index, L.S_WAITING_LIST])

    @property
    def in_care(self) -> int:
        return int(self.model.state.sites[self.index, L.S_IN_CARE])

    @property
    def overtime_today(self) -> int:
        return int(self.model.state.sites[self.index, L.S_OVERTIME_TODAY])


class ArrayModel(mesa.Model):
    """Outpatient substance-use clinics under one policy scenario, on the compiled engine."""

    def __init__(self, cfg):
        super().__init__(rng=np.random.SeedSequence(cfg.seed, spawn_key=(cfg.replication,)))
        self.cfg = cfg
        self.levers: list[Lever] = [lever(getattr(cfg.policy, key), cfg)
                                    for key, lever in LEVERS.items() if hasattr(cfg.policy, key)]
        for lever in self.levers:
            lever.model = self
        self.state = State(cfg, self.levers)
        self.hooks = self.state.hooks
        self.n_days, self.day_zero = self.state.n_days, self.state.day_zero
        self.dates = [self.day_zero + dt.timedelta(days=d) for d in range(self.n_days)]
        self.clinics = {key: Site(self, s, key, settings, self.state.fte[key])
                        for s, (key, settings) in enumerate(cfg.clinic.sites.items())}
        self.site_index = {key: s for s, key in enumerate(self.clinics)}
        self.patients = Patients(self.state)
        self.day = 0
        # Per day, an array in the order of `self.clinics` (Mesa copies what a reporter gives:
        # an array is copied at once, a dict by site key entry by entry, half the run's time).
        self.datacollector = mesa.DataCollector(model_reporters={
            name: (lambda column: lambda m: m.state.series[m.day - 1, :, column])(column)
            for column, name in enumerate(("waiting_list", "in_care", "overtime"))})

    def step(self) -> None:
        if self.day >= self.n_days:
            self.running = False
            return
        state = self.state
        while (status := compiled.run_day(state.arrays(), self.day)) == booking.NEEDS_ROOM:
            state.grow_appointments()
        if status == booking.NO_DAY_TO_BOOK:
            _, _, site, stage, earliest = state.counts
            raise no_day_to_book(list(self.clinics)[site], L.STAGES[stage], int(earliest))
        self.day += 1
        self.datacollector.collect(self)
        self.running = self.day < self.n_days

    def therapists_of(self, key: str) -> tuple[int, int]:
        """Continuity: a site's therapist posts, and the therapists who left in the counted window
        (posts brought to the window's last day first)."""
        s = self.site_index[key]
        if self.state.sites[s, L.S_POSTS]:
            therapists.bring_to(self.state.arrays(), s, self.n_days - 1)
        return int(self.state.sites[s, L.S_POSTS]), int(self.state.sites[s, L.S_THERAPISTS_LEFT])

    def run(self) -> ArrayModel:
        while self.day < self.n_days:
            self.step()
        return self

    def date_of(self, day: int) -> dt.date:
        if 0 <= day < len(self.dates):
            return self.dates[day]
        return self.day_zero + dt.timedelta(days=day)
