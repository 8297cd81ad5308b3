"""The clinic agent: one site, with its settings, clinical FTEs, slots per day and today's counts.

Its appointment book, waiting list and treatment places are rows of the run's arrays
(`sim.engine.layout`); the day's rules, booking included, are compiled (`sim.engine.day`,
`sim.engine.booking`). The agent reads them by the domain's names.
"""

from __future__ import annotations

import mesa

from sim.engine import layout as L


class Clinic(mesa.Agent):
    """An outpatient substance-use clinic (one site)."""

    def __init__(self, model, index: int, key: str, settings, fte: float):
        super().__init__(model)
        self.index, self.key = index, key
        self.settings = settings  # this site's settings (`sim.config.SiteSettings`)
        self.fte = fte  # clinical FTEs, levers' included, times the scale

    def _per_day(self, row: int):
        """One row of the clinic's calendar: an array over the model's days (read through the
        model, so a finished run's arrays can go)."""
        return self.model.state.calendar[self.index, row]

    @property
    def capacity(self):
        """Slots per model day."""
        return self._per_day(L.D_CAPACITY)

    @property
    def planned(self):
        """The load it plans per model day."""
        return self._per_day(L.D_PLANNED)

    @property
    def booked(self):
        """Bookings (and slots held for calls) per model day."""
        return self._per_day(L.D_BOOKED)

    def _count(self, column: int) -> int:
        return int(self.model.state.sites[self.index, column])

    @property
    def waiting_list(self) -> int:
        """Referred, not yet started treatment, not exited."""
        return self._count(L.S_WAITING_LIST)

    @property
    def in_care(self) -> int:
        """Referred and not exited."""
        return self._count(L.S_IN_CARE)

    @property
    def overtime_today(self) -> int:
        """Consultations held today beyond the day's slots."""
        return self._count(L.S_OVERTIME_TODAY)

    @property
    def treatment_places(self) -> int:
        return self._count(L.S_PLACES)

    @property
    def held_in_warmup(self) -> int:
        """Appointments held in the warm-up (not in the tables)."""
        return self._count(L.S_HELD_IN_WARMUP)
