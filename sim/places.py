"""Treatment places: how many patients a clinic takes into treatment at once (its intake limit).

A clinician carries a caseload; a new course starts when a place is free. An admitted patient
takes a place when the first treatment is booked and gives it back when the course ends. When all
places are taken, admitted patients wait in turn for one; a patient who has waited longer than the
longest wait after the assessment ("up to 3 months", seed 004 lines 1662-1663) is referred on
(lines 1576-1586). So referrals above what the clinic can take show as a longer wait for the first
treatment and more patients referred on, as the seed reports for 2005, and not as lead times that
grow for every patient in treatment.
"""

from __future__ import annotations

from collections import deque

from sim.levers.base import treatment_places


class TreatmentPlaces:
    @classmethod
    def of(cls, clinic) -> TreatmentPlaces:
        """A site's places: its caseload per FTE x its FTEs, then what levers plan (their relative
        changes added, `sim.levers.base.treatment_places`)."""
        places = round(clinic.model.cfg.clinic.treatment_places_per_fte * clinic.fte)
        return cls(treatment_places(clinic.model.hooks.treatment_places_change, clinic.key, places))

    def __init__(self, places: int):
        self.places = places
        self.holders: set[int] = set()  # ids of patients holding a place
        self.queue: deque = deque()  # (patient, assessment day), first come first served

    def has_room(self) -> bool:
        return len(self.holders) < self.places and not self.queue

    def take(self, patient) -> None:
        self.holders.add(patient.unique_id)

    def wait(self, patient, assessment_day: int) -> None:
        self.queue.append((patient, assessment_day))

    def release(self, patient) -> bool:
        """The patient's course ended; True if they held a place (now free)."""
        if patient.unique_id in self.holders:
            self.holders.discard(patient.unique_id)
            return True
        return False

    def next_waiting(self):
        """The next patient waiting for a place and their assessment day, or None."""
        if len(self.holders) < self.places and self.queue:
            return self.queue.popleft()
        return None

    def waited_too_long(self, day: int, longest: int):
        """Pop and return the patients at the head of the queue who have waited beyond `longest`."""
        out = []
        while self.queue and day - self.queue[0][1] > longest:
            out.append(self.queue.popleft()[0])
        return out
