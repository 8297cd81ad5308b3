"""The arrays of one run, made from its config: patients, appointments, calendars, settings.

`State(cfg, levers)` draws the referrals, the patients and their profiles, lays out each
clinic's calendar (slots, planned load) and fills the settings with the model's numbers and the
levers' terms. `State.arrays()` is what the compiled day reads (`sim.engine.day`).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from sim.config.bookable import BOOKING_HORIZON_DAYS, clinical_fte, slots_a_weekday
from sim.engine import layout as L
from sim.engine import rng, therapists
from sim.engine.rows import held_rows
from sim.engine.population import draw_patients, population_numbers, site_numbers
from sim.engine.settings import I, R, fill, model_settings
from sim.levers.base import hooks_of, planned_days, treatment_places
from sim.streams import stream


class State:
    """Everything a run holds, as arrays (columns named in `sim.engine.layout`)."""

    def __init__(self, cfg, levers):
        self.cfg = cfg
        self.hooks = hooks_of(levers)
        self.site_keys = list(cfg.clinic.sites)
        self.n_days = cfg.warmup_days + cfg.horizon_days
        self.day_zero = dt.date.fromisoformat(cfg.start_date) - dt.timedelta(days=cfg.warmup_days)
        self.calendar_days = self.n_days + BOOKING_HORIZON_DAYS + 1
        self.key = rng.run_key(cfg.seed, cfg.replication)
        self.real, self.ints = settings_of(cfg, levers)
        self.working = self._working_days()
        self.fte = {key: clinical_fte(cfg, key, site, self.hooks.extra_fte)
                    for key, site in cfg.clinic.sites.items()}
        self._referrals()
        self._patients(self.real[R["reminder_reach"]])
        # About 8 appointments a patient are booked in a run: room for 10, grown if need be.
        self.appointment_int = np.zeros((1024 + 10 * self.n_patients, len(L.APPOINTMENT_INT)),
                                        np.int64)
        self.appointment_real = np.zeros((len(self.appointment_int), len(L.APPOINTMENT_REAL)))
        self.staff = np.zeros((2, len(self.site_keys), 3))  # minutes pending, slots, counted
        self.series = np.zeros((self.n_days, len(self.site_keys), 3), np.int64)
        self.counts = np.zeros(5, np.int64)
        self._arrays = None
        self._sites()

    def _working_days(self) -> np.ndarray:
        weekday0 = self.day_zero.weekday()
        return (weekday0 + np.arange(self.calendar_days)) % 7 < 5

    def _referrals(self) -> None:
        """Referrals per site and day (Poisson, each site its own stream, as before), and the
        patients they bring, numbered in the order they arrive."""
        cfg = self.cfg
        counts = np.array([
            stream(cfg.seed, cfg.replication, "referrals", index).poisson(
                site.referrals_per_year * cfg.scale / 365, self.n_days)
            for index, site in enumerate(cfg.clinic.sites.values())]).T  # [day, site]
        self.n_patients = int(counts.sum())
        order = counts.ravel()  # day by day, site by site
        first = np.concatenate([[0], np.cumsum(order)[:-1]]).reshape(counts.shape)
        self.arrivals = np.stack([first, counts], axis=2).astype(np.int64)
        site = np.repeat(np.tile(np.arange(len(self.site_keys)), self.n_days), order)
        day = np.repeat(np.repeat(np.arange(self.n_days), len(self.site_keys)), order)
        number = np.zeros(self.n_patients, np.int64)
        for s in range(len(self.site_keys)):  # each site numbers its own patients
            mine = site == s
            number[mine] = np.arange(mine.sum())
        self.patient_site, self.patient_day, self.patient_number = site, day, number

    def _patients(self, reminder_reach: float) -> None:
        self.patient_real = np.zeros((self.n_patients, len(L.PATIENT_REAL)))
        self.patient_int = np.zeros((self.n_patients, len(L.PATIENT_INT)), np.int64)
        self.patient_int[:, L.P_SITE] = self.patient_site
        self.patient_int[:, L.P_NUMBER] = self.patient_number
        self.patient_int[:, L.P_REFERRAL_DAY] = self.patient_day
        pop, age_cumulative, self.age_groups = population_numbers(self.cfg, reminder_reach)
        draw_patients(self.patient_real, self.patient_int, self.key, pop, age_cumulative,
                      site_numbers(self.cfg), self.real)

    def _sites(self) -> None:
        cfg, n = self.cfg, len(self.site_keys)
        self.sites = np.zeros((n, len(L.SITE_INT)), np.int64)
        self.calendar = np.zeros((n, len(L.SITE_DAY), self.calendar_days), np.int64)
        per_site = np.bincount(self.patient_site, minlength=n)
        offsets = np.concatenate([[0], np.cumsum(per_site)[:-1]])
        for s, (key, site) in enumerate(cfg.clinic.sites.items()):
            day = self.calendar[s]
            day[L.D_CAPACITY] = self._slots(self.fte[key], 1.0)
            day[L.D_PLANNED] = self._slots(self.fte[key], 1 + site.overbooking_share)
            day[L.D_ONWARD] = np.arange(1, self.calendar_days + 1)
            day[L.D_FIRST] = day[L.D_LAST] = L.NONE
            places = round(cfg.clinic.treatment_places_per_fte * self.fte[key])
            self.sites[s, L.S_PLACES] = treatment_places(self.hooks.treatment_places_change,
                                                         key, places)
            self.sites[s, L.S_QUEUE_FIRST] = self.sites[s, L.S_QUEUE_END] = offsets[s]
            self.sites[s, L.S_FIRST_TREATMENT_WAIT] = planned_days(
                self.hooks.first_treatment_wait_cap, key, site.first_treatment_wait_days)
        self.queue = np.zeros((max(self.n_patients, 1), 2), np.int64)
        self._therapists()

    def _therapists(self) -> None:
        """Continuity's posts: about one a clinical FTE (at least one), each with its holder."""
        per_fte = self.real[R["therapists_per_fte"]]
        posts = [max(1, round(self.fte[key] * per_fte)) if per_fte > 0 else 0
                 for key in self.site_keys]
        self.posts = np.zeros((len(posts), max(max(posts), 1), len(L.POST_INT)), np.int64)
        self.post_leave_day = np.full((len(posts), max(max(posts), 1)), np.inf)
        self.sites[:, L.S_POSTS] = self.sites[:, L.S_THERAPISTS_HIRED] = posts
        for s, n in enumerate(posts):
            for post in range(n):
                self.posts[s, post, L.T_HOLDER] = post
                self.post_leave_day[s, post] = therapists.stay_days(self.arrays(), s, post)

    def _slots(self, fte: float, planned_per_slot: float) -> np.ndarray:
        """Slots per weekday (times `planned_per_slot`), a fractional daily rate spread so the
        yearly total is right; holidays and leave spread over all weekdays."""
        rate = slots_a_weekday(self.cfg.clinic, fte) * planned_per_slot
        cumulative = np.floor(rate * np.cumsum(self.working))
        return np.diff(cumulative, prepend=0).astype(np.int64)

    def grow_appointments(self) -> None:
        """Twice the room for appointments (the day reported it might run out)."""
        self.appointment_int = _grown(self.appointment_int)
        self.appointment_real = _grown(self.appointment_real)
        self._arrays = None

    def arrays(self) -> L.EngineState:
        """All the run's arrays in one reference, for the compiled day (made again after the
        appointments' arrays grow)."""
        if self._arrays is None:
            self._arrays = L.engine_state(
                self.patient_real, self.patient_int, self.appointment_int, self.appointment_real,
                self.sites, self.calendar, self.working, self.queue, self.staff, self.series,
                self.real, self.ints, self.key, self.counts, self.arrivals, self.posts,
                self.post_leave_day)
        return self._arrays

    def held(self) -> np.ndarray:
        """Row numbers of the appointments held in the counted window, in the order held (day by
        day, site by site, each site's day in the order booked)."""
        return held_rows(self.appointment_int, self.counts[0], self.cfg.warmup_days,
                         len(self.site_keys))


def _grown(array: np.ndarray) -> np.ndarray:
    out = np.zeros((2 * len(array), array.shape[1]), array.dtype)
    out[:len(array)] = array
    return out


def settings_of(cfg, levers) -> tuple[np.ndarray, np.ndarray]:
    """The numbers the day reads (sim/engine/settings.py): the model's and the levers' terms."""
    real, ints = model_settings(cfg)
    terms = _terms(levers)
    fill(real, R, {k: v for k, v in terms.items() if k in R})
    fill(ints, I, {k: v for k, v in terms.items() if k not in R})
    ints[I["assessment_lead_days"]] = planned_days(
        hooks_of(levers).assessment_lead_cap, None, cfg.clinic.assessment_lead_days)
    ints[I["bookable_changes"]] = (real[R["overbooking_share"]] > 0 or ints[I["drop_in_slots"]] > 0
                                   or real[R["assessment_held_share"]] > 0)
    return real, ints


def _terms(levers) -> dict:
    """The levers' terms by name. Each term belongs to one lever: two setting the same one would
    leave the answer to their order, so that is refused (a programming error, said at once)."""
    terms, owner = {}, {}
    for lever in levers:
        for name, value in lever.array_terms().items():
            if name in owner:
                raise ValueError(f"levers {owner[name]!r} and {lever.key!r} both set the engine "
                                 f"term {name!r}: a term belongs to one lever (sim/engine/settings.py)")
            terms[name], owner[name] = value, lever.key
    return terms
