"""Random paths in calendar time: a patient's lapses and motivation noise.

Each path has its own random numbers (`sim.streams.PatientDraws`) and is indexed by calendar day,
not by appointment: a patient seen on another day in another scenario meets the same underlying
lapses and mood, so common random numbers survive a policy that moves appointments. Paths are drawn only as far as they are
read, so a patient with no appointment costs nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.streams import PatientDraws


class LapsePath:
    """Lapse episodes: sober spells and lapses alternate, with exponential lengths.

    This is the continuous-time two-state Markov chain with onset rate `onset_per_day` and mean
    lapse length `lapse_days`; the patient is using at referral with chance `using_at_referral`
    (only 6-8% had used nothing in the six months before referral, seed 004 lines 956-958).
    """

    __slots__ = ("draws", "mean_spell", "lapsing", "spell_end")

    def __init__(self, draws: PatientDraws, start_day: int, onset_per_day: float, lapse_days: float,
                 using_at_referral: float = 0.0):
        self.draws = draws
        self.mean_spell = (1 / onset_per_day if onset_per_day > 0 else math.inf, lapse_days)
        # The referral's own uniform (a fixed slot of the patient's draws): common random numbers hold.
        self.lapsing = using_at_referral > 0 and draws.intake(draws.USING_AT_REFERRAL) < using_at_referral
        self.spell_end = start_day + self._spell()

    def _spell(self) -> float:
        mean = self.mean_spell[self.lapsing]
        return math.inf if math.isinf(mean) else mean * self.draws.spell()

    def at(self, day: int) -> bool:
        """Whether the patient is in a lapse on `day` (days must not go backwards)."""
        while day >= self.spell_end:
            self.lapsing = not self.lapsing
            self.spell_end += self._spell()
        return self.lapsing


class MotivationNoise:
    """Day-to-day motivation noise: an Ornstein-Uhlenbeck path around 0, exact on a daily grid."""

    __slots__ = ("draws", "day", "value", "keep", "step_sd")

    def __init__(self, draws: PatientDraws, start_day: int, reversion_per_day: float,
                 volatility_per_sqrt_day: float):
        self.draws = draws
        self.day, self.value = start_day, 0.0
        self.keep = math.exp(-reversion_per_day)
        self.step_sd = volatility_per_sqrt_day * math.sqrt((1 - self.keep**2) / (2 * reversion_per_day))

    def at(self, day: int) -> float:
        """The noise on `day` (days must not go backwards); one normal draw per day passed."""
        if day > self.day:
            value, keep, step_sd = self.value, self.keep, self.step_sd
            for z in self.draws.daily_normals(day - self.day):
                value = keep * value + step_sd * z
            self.value, self.day = value, day
        return self.value
