"""The clinic-attendance model: referrals arrive, clinics book and hold appointments, patients
decide whether to come. One step is one day.

Implements the patient flow of the 2006 Østfold report (Vold Hansen & Ramsdal, seed 004) with
the attendance mechanisms of seeds 000 to 003; see `docs/model.md` and `docs/architecture.md`.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from contextlib import contextmanager

import mesa
import numpy as np

from sim.appointment import Appointment
from sim.clinic import Clinic
from sim.config import RunConfig, check_config
from sim.levers import LEVERS, Lever
from sim.levers.base import hooks_of
from sim.paths import LapsePath, MotivationNoise
from sim.patient import N_UNIFORMS, Patient
from sim.population import draw_profile
from sim.streams import KeyedUniforms, PatientDraws, stream, stream_key


class AttendanceModel(mesa.Model):
    """Outpatient substance-use clinics under one policy scenario.

    Build it from a checked config, or from keyword settings on top of the YAML defaults:
    `AttendanceModel(cfg)`, or `AttendanceModel(policy="sms_reminder", seed=7, horizon_days=180)`
    (a nested value with `__`: `clinic__capacity_fte=5`). The daily waiting list and patients in
    care per site are in `self.datacollector` (`waiting_list` and `in_care`: per day, by site key).
    """

    def __init__(self, cfg: RunConfig | None = None, *, policy: str = "baseline", seed: int = 2005,
                 **settings):
        cfg = _config(cfg, policy, seed, settings)
        super().__init__(rng=np.random.SeedSequence(cfg.seed, spawn_key=(cfg.replication,)))
        self.cfg = cfg
        self.n_days = cfg.warmup_days + cfg.horizon_days
        self.day_zero = dt.date.fromisoformat(cfg.start_date) - dt.timedelta(days=cfg.warmup_days)
        self.day = 0
        self.dates = [self.day_zero + dt.timedelta(days=day) for day in range(self.n_days)]  # per model day
        self.appointments: list[Appointment] = []
        self.levers: list[Lever] = [lever(getattr(cfg.policy, key), cfg)
                                    for key, lever in LEVERS.items() if hasattr(cfg.policy, key)]
        for lever in self.levers:
            lever.model = self
        self.hooks = hooks_of(self.levers)  # per hook, the levers' methods the core calls
        working = self.working_days_from(0, self.n_days)
        self.clinics: dict[str, Clinic] = {}
        self.referrals: dict[str, list[int]] = {}  # per site, referrals on each day
        for index, (key, settings_of_site) in enumerate(cfg.clinic.sites.items()):
            self.clinics[key] = Clinic(self, key, settings_of_site, working.copy())
            self.referrals[key] = self._draw_referrals(index, settings_of_site.referrals_per_year)
        self.site_index = {key: i for i, key in enumerate(self.clinics)}  # a site's number in keyed draws
        self._referred = dict.fromkeys(self.clinics, 0)
        self.uniforms = KeyedUniforms()  # every patient's random numbers, by the patient's key
        self.datacollector = mesa.DataCollector(model_reporters=self._daily_series())

    def _daily_series(self) -> dict:
        """Per day, the waiting list, the patients in care and the overtime consultations at each
        site (by site key)."""
        return {
            "waiting_list": lambda model: {key: c.waiting_list for key, c in model.clinics.items()},
            "in_care": lambda model: {key: c.in_care for key, c in model.clinics.items()},
            "overtime": lambda model: {key: c.overtime_today for key, c in model.clinics.items()},
        }

    def working_days_from(self, first_day: int, n: int) -> np.ndarray:
        """True for Monday to Friday, for `n` model days from `first_day`."""
        weekday0 = (self.day_zero + dt.timedelta(days=first_day)).weekday()
        return (weekday0 + np.arange(n)) % 7 < 5

    def _draw_referrals(self, site_index: int, per_year: float) -> list[int]:
        rng = stream(self.cfg.seed, self.cfg.replication, "referrals", site_index)
        return rng.poisson(per_year * self.cfg.scale / 365, self.n_days).tolist()

    def step(self) -> None:
        for key, clinic in self.clinics.items():
            for _ in range(self.referrals[key][self.day]):
                clinic.refer(self._new_patient(key), self.day)
            clinic.hold_sessions(self.day)
        self.datacollector.collect(self)
        self.day += 1

    def _new_patient(self, key: str) -> Patient:
        number = self._referred[key]
        self._referred[key] += 1
        cfg, who = self.cfg, (self.site_index[key], number)
        draws = PatientDraws(self.uniforms, stream_key(cfg.seed, cfg.replication, "patient", *who), N_UNIFORMS)
        profile = draw_profile(draws, cfg.population, cfg.clinic.sites[key], cfg.behaviour)
        lapses = LapsePath(draws, self.day, profile.lapse_onset_per_day, cfg.behaviour.craving.lapse_duration_days,
                           cfg.behaviour.craving.using_at_referral_share)
        m = cfg.behaviour.motivation
        noise = MotivationNoise(draws, self.day, m.reversion_per_day, m.volatility_per_sqrt_day)
        return Patient(self, key, self.day, profile, draws, lapses, noise)

    def run(self) -> AttendanceModel:
        with cycle_collection_paused():
            for _ in range(self.n_days):
                self.step()
        return self

    def date_of(self, day: int) -> dt.date:
        if 0 <= day < len(self.dates):
            return self.dates[day]  # one shared date object per day, not one per table cell
        return self.day_zero + dt.timedelta(days=day)

    def release(self) -> None:
        """Let go of Mesa's class-level agent-id counter for this model (kept alive up to Mesa 3.4.1)."""
        ids = getattr(mesa.Agent, "_ids", None)
        if isinstance(ids, dict):
            ids.pop(self, None)


@contextmanager
def cycle_collection_paused():
    """A run creates hundreds of thousands of objects that live to its end and no garbage cycles,
    so Python's cycle collector would only scan them again and again (a third of the run time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
