"""The clinic-attendance model: referrals arrive, clinics book and hold appointments, patients
decide whether to come. One step is one day.

Implements the patient flow of the 2006 Østfold report (Vold Hansen & Ramsdal, seed 004) with
the attendance mechanisms of seeds 000 to 003; see `docs/model.md`.
"""

from __future__ import annotations

import datetime as dt

import mesa
import numpy as np

from sim.appointment import Appointment
from sim.clinic import Clinic
from sim.config import RunConfig
from sim.levers.waiting import clinical_fte
from sim.patient import Patient
from sim.population import draw_profile
from sim.states import LapsePath, MotivationNoise
from sim.streams import stream


class AttendanceModel(mesa.Model):
    """Outpatient substance-use clinics under one policy scenario.

    Args:
        cfg: the validated run configuration (`sim.config.validate`).
    """

    def __init__(self, cfg: RunConfig):
        super().__init__(rng=np.random.SeedSequence(cfg.seed, spawn_key=(cfg.replication,)))
        self.cfg = cfg
        self.n_days = cfg.warmup_days + cfg.horizon_days
        self.day_zero = dt.date.fromisoformat(cfg.start_date) - dt.timedelta(days=cfg.warmup_days)
        self.day = 0
        self.appointments: list[Appointment] = []
        working = self.working_days_from(0, self.n_days)
        self.clinics: dict[str, Clinic] = {}
        self.referral_days: dict[str, np.ndarray] = {}
        for index, (key, site) in enumerate(cfg.clinic.sites.items()):
            fte = clinical_fte(cfg.clinic, site, cfg.policy.waiting, cfg.scale)
            self.clinics[key] = Clinic(self, key, site, fte, working.copy())
            self.referral_days[key] = self._draw_referral_days(index, site.referrals_per_year)
        self._site_index = {key: i for i, key in enumerate(self.clinics)}
        self._referred = dict.fromkeys(self.clinics, 0)

    def working_days_from(self, first_day: int, n: int) -> np.ndarray:
        """True for Monday to Friday, for `n` model days from `first_day`."""
        weekday0 = (self.day_zero + dt.timedelta(days=first_day)).weekday()
        return (weekday0 + np.arange(n)) % 7 < 5

    def _draw_referral_days(self, site_index: int, per_year: float) -> np.ndarray:
        rng = stream(self.cfg.seed, self.cfg.replication, "referrals", site_index)
        counts = rng.poisson(per_year * self.cfg.scale / 365, self.n_days)
        return np.repeat(np.arange(self.n_days), counts)

    def step(self) -> None:
        for key, clinic in self.clinics.items():
            for _ in range(self._referrals_today(key)):
                clinic.refer(self._new_patient(key), self.day)
            clinic.hold_sessions(self.day)
        self.day += 1

    def _referrals_today(self, key: str) -> int:
        days = self.referral_days[key]
        return int(np.searchsorted(days, self.day, "right") - np.searchsorted(days, self.day, "left"))

    def _new_patient(self, key: str) -> Patient:
        number = self._referred[key]
        self._referred[key] += 1
        cfg, who = self.cfg, (self._site_index[key], number)
        chance = stream(cfg.seed, cfg.replication, "patient", *who)
        profile = draw_profile(chance, cfg.population, cfg.clinic.sites[key], cfg.behaviour)
        lapses = LapsePath(stream(cfg.seed, cfg.replication, "lapses", *who), self.day,
                           profile.lapse_onset_per_day, cfg.behaviour.craving.lapse_duration_days)
        m = cfg.behaviour.motivation
        noise = MotivationNoise(stream(cfg.seed, cfg.replication, "motivation", *who), self.day,
                                m.reversion_per_day, m.volatility_per_sqrt_day)
        return Patient(self, key, self.day, profile, chance, lapses, noise)

    def record(self, appt: Appointment) -> None:
        self.appointments.append(appt)

    def run(self) -> AttendanceModel:
        for _ in range(self.n_days):
            self.step()
        return self

    def date_of(self, day: int) -> dt.date:
        return self.day_zero + dt.timedelta(days=day)

    def release(self) -> None:
        """Let go of Mesa's class-level agent-id counter for this model (kept alive up to Mesa 3.4.1)."""
        ids = getattr(mesa.Agent, "_ids", None)
        if isinstance(ids, dict):
            ids.pop(self, None)
