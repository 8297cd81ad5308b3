"""Incentives (contingency management): a voucher for every n-th treatment session attended.

Pedersen et al. 2021 (youthDAT; seed 000 l.536-554, cited there as 2017): young people in
outpatient drug treatment got a DKK 200 gift card for every second session attended. The voucher
is a reward for coming: the patient weighs its expected value per session (voucher / n) against
the costs of coming, buffered like them by motivation and alliance, so it pulls hardest on
patients with little of either. It is paid only in treatment (from the first treatment session),
as in the study. Its cost: vouchers paid, in NOK.
Effect size, `behaviour.incentive`, set at the one level the lever acts on, the session: the
meta-analysis of Pfund et al. 2021 found d = 0.47 on attendance, a log odds ratio of
0.47 x pi / sqrt(3) = 0.85 (Chinn 2000's conversion), taken as the pull on one choice at the
trial's voucher (NOK 125 a session). The lever adds nothing to retention: fewer quits follow
from fewer chosen misses (`sim.engine.day.after_missed`). Checked in the trial's design against
Pedersen 2021's non-completion (`sim.calibration.trials`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.ranges import ranged
from sim.levers.base import Lever
from sim.levers.idle import idle_settings

if TYPE_CHECKING:  # pandas only for the summary, imported by whoever makes the tables
    import pandas as pd


@dataclass
class IncentiveParams:
    voucher_nok: float = ranged(0.0, 100000.0, default=0.0)  # NOK per voucher; 0 = no vouchers
    every_nth_attended: int = ranged(1, 100, default=2)  # a voucher for every n-th session attended


@dataclass
class IncentiveEffect:
    """`behaviour.incentive`: log-odds of choosing not to come, per NOK 100 of voucher per session."""

    per_100_nok_per_session: float = ranged(-20.0, 20.0, default=-0.68)


class Incentive(Lever):
    key = "incentive"
    takes = {"vouchers_paid": "amount", "voucher_cost_nok": "cost_nok"}
    Params, Effect = IncentiveParams, IncentiveEffect

    @classmethod
    def no_effect_notes(cls, params: IncentiveParams) -> list[str]:
        return [] if params.voucher_nok else idle_settings(
            cls.key, params, ("every_nth_attended",), "voucher_nok")

    def __init__(self, params: IncentiveParams, cfg):
        super().__init__(params, cfg)
        per_session = params.voucher_nok / params.every_nth_attended
        self.pull = self.effect.per_100_nok_per_session * per_session / 100

    def uses(self, hook: str) -> bool:
        return self.params.voucher_nok > 0

    def array_terms(self) -> dict:
        if not self.uses("array_terms"):
            return {}
        return {"incentive_pull": self.pull, "voucher_every_nth": self.params.every_nth_attended}

    def appointment_columns(self, notes: dict) -> dict:
        return {"voucher_paid": notes["voucher_paid"].astype(bool)}

    def summary_columns(self, appointments: pd.DataFrame, patients: pd.DataFrame) -> dict:
        vouchers = int(appointments.voucher_paid.sum()) if "voucher_paid" in appointments else 0
        return {"vouchers_paid": vouchers, "voucher_cost_nok": round(vouchers * self.params.voucher_nok)}
