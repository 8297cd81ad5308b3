"""An appointment in a clinic's book, and its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mesa

from sim.enums import Outcome, Reason, Stage


@dataclass(slots=True)
class Appointment:
    patient: mesa.Agent  # the patient (`sim.patient.Patient`), who decides the outcome
    site_key: str
    stage: Stage
    booked_day: int  # model day the booking was made
    day: int  # model day of the appointment
    outcome: Outcome | None = None
    reason: Reason = Reason.NONE
    notes: dict[str, Any] | None = None  # what levers note at booking, by lever key (None: nothing)

    def note(self, lever_key: str, default: Any = None) -> Any:
        """What the lever `lever_key` noted on this appointment, or `default`."""
        return self.notes.get(lever_key, default) if self.notes else default

    def lever_notes(self) -> dict[str, Any]:
        """The notes levers keep on this appointment, by lever key (made by the first to note)."""
        if self.notes is None:
            self.notes = {}
        return self.notes

    @property
    def lead_days(self) -> int:
        return self.day - self.booked_day
