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
from sim.enums import Outcome
from sim.levers.base import Lever
from sim.levers.idle import idle_settings
from sim.levers.chance import DROP_IN, keyed_uniform
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

    def __init__(self, params: DropInParams, cfg):
        super().__init__(params, cfg)
        self.used: dict[tuple[str, int], int] = {}  # drop-in visits per (site, day)
        self.confirmed: set[int] = set()  # patients seen at drop-in, whose next booking is confirmed

    def uses(self, hook: str) -> bool:
        return self.params.slots_per_day > 0

    def bookable_slots_change(self, site_key: str, patient, stage, slots: int) -> float:
        return -self.params.slots_per_day

    def quit_chance(self, patient, appt) -> float:
        """After a no-show: does the patient come to a drop-in session in the next days? A visit
        means this miss does not end the course (a chance of -1 cancels any quitting)."""
        if appt.outcome is not Outcome.NO_SHOW:
            return 0.0
        if keyed_uniform(self.cfg, DROP_IN, patient.unique_id, appt.day) >= self.effect.uptake * patient.motivation:
            return 0.0
        visit = self._free_day(patient.site_key, appt.day)
        if visit is None:
            appt.lever_notes()[self.key] = {"no_room": True}
            return 0.0
        self.used[(patient.site_key, visit)] = self.used.get((patient.site_key, visit), 0) + 1
        appt.lever_notes()[self.key] = {"visit": True}
        patient.add_motivation(self.effect.motivation_gain, from_day=visit)
        self.confirmed.add(patient.unique_id)
        return -1.0

    def _free_day(self, site_key: str, missed_day: int):
        """The first working day within `within_days` after the miss, and before the rebooked time
        (never earlier than `rebook_days` after it), with a drop-in slot free."""
        capacity = self.model.clinics[site_key].capacity
        window = min(self.params.within_days, self.cfg.behaviour.treatment.rebook_days - 1)
        for day in range(missed_day + 1, min(missed_day + window + 1, len(capacity))):
            if self.used.get((site_key, day), 0) < self._held_on(capacity[day]):
                return day
        return None

    def _held_on(self, slots: int) -> int:
        """Drop-in slots on a day with `slots` slots (none on a day without)."""
        return min(self.params.slots_per_day, slots)

    def on_booked(self, appt) -> None:
        if appt.patient.unique_id in self.confirmed:
            self.confirmed.discard(appt.patient.unique_id)
            appt.lever_notes()[self.key] = {"confirmed": True}

    def forgetting_cut(self, patient, appt) -> float:
        note = appt.note(self.key, {})
        return self.effect.rebooked_forgetting_cut if note.get("confirmed") else 0.0

    def array_terms(self) -> dict:
        if not self.params.slots_per_day:
            return {}
        window = min(self.params.within_days, self.cfg.behaviour.treatment.rebook_days - 1)
        return {"drop_in_slots": self.params.slots_per_day, "drop_in_window_days": window,
                "drop_in_uptake": self.effect.uptake,
                "drop_in_motivation_gain": self.effect.motivation_gain,
                "drop_in_forgetting_cut": self.effect.rebooked_forgetting_cut}

    def array_columns(self, notes: dict) -> dict:
        return {"drop_in_visit": notes["drop_in_visit"].astype(bool),
                "drop_in_no_room": notes["drop_in_no_room"].astype(bool)}

    def appointment_columns(self, appt) -> dict:
        note = appt.note(self.key, {})
        return {"drop_in_visit": bool(note.get("visit")), "drop_in_no_room": bool(note.get("no_room"))}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        counted = self.model is not None and self.uses("bookable_slots_change")
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

