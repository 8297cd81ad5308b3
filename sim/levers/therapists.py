"""Therapists with caseloads, and a site's staff over time (turnover), for `sim.levers.continuity`.

A site has a fixed number of therapist posts (about one per clinical FTE). Each post is held by
one therapist at a time; when a therapist leaves (staff turnover), the post is filled at once by
a new one, who takes over the caseload. How long a therapist stays is exponential with the
annual turnover as its rate, drawn by keyed chance (seed, replication, site, therapist number),
so every scenario with the same seed sees the same therapists leave on the same days.

The staff are brought forward in time lazily, to the day a booking or an appointment asks about:
the model does work per appointment, not per day.

A therapist is a plain object, not a `mesa.Agent`: a Mesa agent takes the next number of the
model's agent counter, so creating therapists (and their replacements, during the run) would
renumber every later patient, and the keyed chance events other levers draw by patient number
(`sim.levers.chance`) would no longer pair with the scenarios that have no therapists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sim.levers.chance import CONTINUITY, keyed_uniform

DAYS_PER_YEAR = 365.25


@dataclass(eq=False)
class Therapist:
    """One therapist: where, from when and until when, and the patients in their care."""

    site_key: str
    number: int  # 0, 1, ... within the site, in the order they were hired
    start_day: float
    leave_day: float  # math.inf when no one leaves
    caseload: set = field(default_factory=set)  # the patients assigned (pruned of those who left care)
    label: str = field(init=False)  # e.g. "fredrikstad-3", noted at every treatment appointment

    def __post_init__(self):
        self.label = f"{self.site_key}-{self.number}"  # made once: site and number never change

    def active_caseload(self) -> int:
        """Patients still in care; those who have left are let go of here."""
        gone = [p for p in self.caseload if p.exit_day is not None]
        self.caseload.difference_update(gone)
        return len(self.caseload)


class SiteStaff:
    """The therapist posts of one site, each with its current holder, and who has left."""

    def __init__(self, cfg, site_key: str, site_index: int, posts: int, annual_turnover: float):
        self.cfg, self.site_key, self.site_index = cfg, site_key, site_index
        self.annual_turnover = annual_turnover
        self.hired = 0
        self.departures: list[float] = []  # days on which a therapist left
        self.holders = [self._hire(0.0) for _ in range(posts)]

    def _hire(self, day: float) -> Therapist:
        number = self.hired
        self.hired += 1
        return Therapist(self.site_key, number, day, day + self._stay_days(number))

    def _stay_days(self, number: int) -> float:
        """Days this therapist stays: exponential, at the annual turnover rate (none: for ever)."""
        if self.annual_turnover <= 0:
            return math.inf
        u = keyed_uniform(self.cfg, CONTINUITY, self.site_index, number)
        return -math.log1p(-u) / self.annual_turnover * DAYS_PER_YEAR

    def on(self, day: float) -> list[Therapist]:
        """The holders of the posts on `day`: whoever left before is replaced, caseload and all."""
        for post, holder in enumerate(self.holders):
            while holder.leave_day <= day:
                self.departures.append(holder.leave_day)
                successor = self._hire(holder.leave_day)
                successor.caseload, holder.caseload = holder.caseload, set()
                holder = self.holders[post] = successor
        return self.holders

    def least_loaded(self, day: float, other_than: Therapist | None = None) -> Therapist | None:
        """The therapist with the smallest caseload on `day` (the first post on a tie)."""
        candidates = [t for t in self.on(day) if t is not other_than]
        return min(candidates, key=Therapist.active_caseload) if candidates else None

    def left_between(self, first_day: float, end_day: float) -> int:
        """Therapists who left on days first_day .. end_day - 1."""
        self.on(end_day - 1)
        return sum(first_day <= day < end_day for day in self.departures)
