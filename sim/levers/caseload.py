"""The caseload a policy plans: treatment places added to (or taken from) each site's own.

A site's own places are its caseload per FTE x its FTEs (`sim.engine.day`). A policy that means each
clinician to carry more patients at once (a redesign of intake, as LaGanga 2011's centre did)
says so here, as extra places, a share of the site's own; nothing else changes the places but
FTEs. Booking above the day's slots (`sim.levers.overbooking`) no longer grows the caseload: a
clinic may overbook without taking more patients in, and take more in without overbooking. More
places raise intake only where the places bind (more referrals than the clinic can take).
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.levers.base import Lever
from sim.ranges import ranged


@dataclass
class CaseloadParams:
    # extra treatment places, as a share of the site's own (0.2: a fifth more; -0.1: a tenth fewer)
    extra_places_share: float = ranged(-0.9, 2.0, default=0.0)


class Caseload(Lever):
    key = "caseload"
    Params = CaseloadParams

    def uses(self, hook: str) -> bool:
        return self.params.extra_places_share != 0

    def treatment_places_change(self, site_key: str) -> float:
        """The planned change in places, relative to the site's own (the same at every site)."""
        return self.params.extra_places_share
