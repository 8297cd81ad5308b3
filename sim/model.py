"""The clinic-attendance model: referrals arrive, clinics book and hold appointments, patients
decide whether to come. One step is one day.

Implements the patient flow of the 2006 Østfold report (Vold Hansen & Ramsdal, seed 004) with
the attendance mechanisms of seeds 000 to 003; see `docs/model.md` and `docs/architecture.md`.
The clinics are Mesa agents; the patients are rows of arrays behind `model.patients`, a Mesa-style
collection (`sim.engine.patients`); the day's logic is compiled with numba (`sim.engine.day`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging

import mesa
import numpy as np

from sim.clinic import Clinic
from sim.config import RunConfig, check_config
from sim.config.bookable import no_day_to_book
from sim.engine import booking, layout as L, needs_compiling, therapists
from sim.engine.day import run_day
from sim.engine.patients import Patients
from sim.engine.state import State
from sim.levers import Lever, levers_of

SERIES = ("waiting_list", "in_care", "overtime")  # the daily series, per site
log = logging.getLogger("sim")


class AttendanceModel(mesa.Model):
    """Outpatient substance-use clinics under one policy scenario.

    Build it from a checked config, or from keyword settings on top of the YAML defaults:
    `AttendanceModel(cfg)`, or `AttendanceModel(policy="sms_reminder", seed=7, horizon_days=180)`
    (a nested value with `__`: `clinic__capacity_fte=5`). The daily waiting list, patients in
    care and overtime consultations are in `self.datacollector` (each day an array over the
    sites, in the order of `self.clinics`).
    """

    def __init__(self, cfg: RunConfig | None = None, *, policy: str = "baseline", seed: int = 2005,
                 **kwargs):
        cfg = _config(cfg, policy, seed, kwargs)
        super().__init__(rng=np.random.SeedSequence(cfg.seed, spawn_key=(cfg.replication,)))
        self.cfg = cfg
        self.levers: list[Lever] = levers_of(cfg)
        for lever in self.levers:
            lever.model = self
        if needs_compiling():  # once per install or change of the engine: say why this run waits
            log.info("compiling the simulation engine for this machine (about 20 s, once)")
        self.state = State(cfg, self.levers)
        self.hooks = self.state.hooks
        self.n_days, self.day_zero = self.state.n_days, self.state.day_zero
        self.dates = [self.day_zero + dt.timedelta(days=d) for d in range(self.n_days)]
        self.clinics = {key: Clinic(self, s, key, settings, self.state.fte[key])
                        for s, (key, settings) in enumerate(cfg.clinic.sites.items())}
        self.site_index = {key: s for s, key in enumerate(self.clinics)}
        self.patients = Patients(self.state)
        self.day = 0
        # Mesa copies what a reporter gives: an array at once, a dict by site entry by entry.
        self.datacollector = mesa.DataCollector(model_reporters={
            name: (lambda column: lambda m: m.state.series[m.day - 1, :, column])(column)
            for column, name in enumerate(SERIES)})

    def step(self) -> None:
        """One day at every clinic; after the last day, nothing (and `running` is False)."""
        if self.day >= self.n_days:
            self.running = False
            return
        state = self.state
        while (status := run_day(state.arrays(), self.day)) == booking.NEEDS_ROOM:
            state.grow_appointments()
        if status == booking.NO_DAY_TO_BOOK:
            _, _, site, stage, earliest = state.counts
            raise no_day_to_book(list(self.clinics)[site], L.STAGES[stage], int(earliest))
        self.day += 1
        self.datacollector.collect(self)
        self.running = self.day < self.n_days

    def run(self) -> AttendanceModel:
        while self.day < self.n_days:
            self.step()
        return self

    def let_go_of_arrays(self) -> None:
        """Let go of the run's arrays and daily series once its tables are made (the model is of
        no further use). Mesa 3.3 keeps every model made in a process alive to its end (Mesa
        issue #3179, fixed in a later release), so a process that runs many models (a sweep's
        worker, many runs in one call) would keep every run's arrays: 15 MB a baseline run."""
        self.state = self.patients = self.datacollector = None

    def therapists_of(self, key: str) -> tuple[int, int]:
        """Continuity: a site's therapist posts, and the therapists who left in the counted window
        (posts brought to the window's last day first)."""
        s = self.site_index[key]
        if self.state.sites[s, L.S_POSTS]:
            therapists.bring_to(self.state.arrays(), s, self.n_days - 1)
        return int(self.state.sites[s, L.S_POSTS]), int(self.state.sites[s, L.S_THERAPISTS_LEFT])

    def date_of(self, day: int) -> dt.date:
        if 0 <= day < len(self.dates):
            return self.dates[day]
        return self.day_zero + dt.timedelta(days=day)


def _config(cfg, policy: str, seed: int, settings: dict) -> RunConfig:
    """The run config: `cfg` as given (checked if it is plain), or composed from the YAML."""
    if cfg is not None and settings:
        raise TypeError("give either a config or keyword settings, not both")
    if isinstance(cfg, RunConfig):
        return cfg
    if cfg is not None:
        return check_config(cfg)
    from sim.config.compose import load_config  # Hydra only when the model composes its own config

    overrides = [f"policy={policy}", f"seed={seed}"]
    overrides += [f"{name.replace('__', '.')}={_yaml(value)}" for name, value in settings.items()]
    return load_config(overrides)


def _yaml(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)  # None -> null, True -> true
