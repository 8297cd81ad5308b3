"""Drop-in hours: the clinic keeps open hours every working day, and a patient who missed an
appointment may come in within the next days instead of waiting for the rebooked time.

Seed 004 l.1946-1952: staff find the threshold for help too high, partly because the clinics
"mostly sit in their offices and receive the patients who come"; l.2380-2383: low-threshold
services ("lavterskeltilbud") can lower it and so the no-shows. Seed 000 l.1851-1853: being able to
call or come "any time", flexibility, raises motivation to attend. After a no-show the clinic
rebooks a week or more ahead (`treatment.rebook_days`), and in that gap motivation fades and the
patient may quit (seed 004 l.1663-1677: the ways back are "few and weak").

The mechanism: the clinic holds `slots_per_day` of each working day's slots for drop-in (taken
from the bookable slots, so booked patients wait longer). After a no-show, a patient who is still
in care comes to a drop-in session within `within_days` days with a chance that grows with their
motivation (`behaviour.drop_in.uptake` x motivation), if a drop-in slot is free on one of those
days. A visit keeps the course going (the patient does not quit at this miss), adds motivation on
the day of the visit (fading like the referral boost), and the rebooked time is confirmed there,
so it is forgotten less often. The visit is not a booked consultation: it is counted apart
(`drop_in_visits`), not in the appointments or the no-show rate. Effect sizes are assumptions
(the sources give directions only). Its costs: the staff hours held for drop-in, the visits, and
the drop-in hours no one used (their NOK).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.ranges import ranged, share
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.results.costs import staff_cost_nok

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


@dataclass
class DropInParams:
    slots_per_day: int = ranged(0, 50, default=0)  # slots held for drop-in each working day at each site
    within_days: int = ranged(1, 30, default=5)  # days after a no-show in which the patient may drop in


@dataclass
class DropInEffect:
    """Effect sizes, `behaviour.drop_in` (assumptions: the sources give directions only)."""

    uptake: float = share(default=0.5)
    motivation_gain: float = share(default=0.05)
    rebooked_forgetting_cut: float = share(default=0.3)


class DropIn(Lever):
    key = "drop_in"
    Params, Effect = DropInParams, DropInEffect

    @classmethod
    def no_effect_notes(cls, params: DropInParams) -> list[str]:
        return [] if params.slots_per_day else idle_settings(cls.key, params, ("within_days",),
                                                             "slots_per_day")
    takes = {"drop_in_staff_hours": "amount", "drop_in_visits": "amount",
             "drop_in_unused_hours": "amount", "drop_in_unused_nok": "cost_nok"}
    holds_slots_with = ("slots_per_day",)  # named when it leaves no slot to book (sim/config/bookable.py)

    def uses(self, hook: str) -> bool:
        return self.params.slots_per_day > 0

    def _held_on(self, slots: int) -> int:
        """Drop-in slots on a day with `slots` slots (none on a day without)."""
        return min(self.params.slots_per_day, slots)

    def array_terms(self) -> dict:
        if not self.params.slots_per_day:
            return {}
        window = min(self.params.within_days, self.cfg.behaviour.treatment.rebook_days - 1)
        return {"drop_in_slots": self.params.slots_per_day, "drop_in_window_days": window,
                "drop_in_uptake": self.effect.uptake,
                "drop_in_motivation_gain": self.effect.motivation_gain,
                "drop_in_forgetting_cut": self.effect.rebooked_forgetting_cut}

    def appointment_columns(self, notes: dict) -> dict:
        return {"drop_in_visit": notes["drop_in_visit"].astype(bool),
                "drop_in_no_room": notes["drop_in_no_room"].astype(bool)}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        counted = self.model is not None and self.params.slots_per_day > 0
        held = self._held_slots(set(appointments.clinic)) if counted else 0
        visits = int(appointments.drop_in_visit.sum()) if "drop_in_visit" in appointments else 0
        no_room = int(appointments.drop_in_no_room.sum()) if "drop_in_no_room" in appointments else 0
        slot_hours = self.cfg.clinic.slot_minutes / 60
        unused_hours = max(held - visits, 0) * slot_hours
        return {"drop_in_staff_hours": round(held * slot_hours, 1), "drop_in_visits": visits,
                "drop_in_no_room": no_room, "drop_in_unused_hours": round(unused_hours, 1),
                "drop_in_unused_nok": staff_cost_nok(self.cfg, unused_hours)}

    def _held_slots(self, sites: set) -> int:
        """Drop-in slots held at these sites over the counted days."""
        start = self.cfg.warmup_days
        end = start + self.cfg.horizon_days
        return sum(self._held_on(slots) for site in sites
                   for slots in self.model.clinics[site].capacity[start:end])

