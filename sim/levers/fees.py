"""Fees: the user fee per attended visit (egenandel) and a fee for a missed appointment.

The visit fee is a cost barrier, heavier for patients without work (seed 004, 4.3). A fee for
missing has no documented deterrent effect (Cochrane in seed 004; Chariatte 2007 in seed 000),
but it shames and may drive patients away (seed 000): charged after a no-show, it adds to the
chance of quitting. Both bring revenue, reported in the summary. Effect sizes:
`behaviour.decision.visit_fee_per_100_nok`, `.no_show_fee_per_100_nok`, `behaviour.dropout.fee_shame_quit`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sim.enums import Outcome
from sim.ranges import ranged
from sim.levers.base import Lever


@dataclass
class FeeParams:
    visit_fee_nok: float = ranged(0.0, 100000.0)
    no_show_fee_nok: float = ranged(0.0, 100000.0)


class Fees(Lever):
    key = "fees"
    takes = {"visit_fee_revenue_nok": "revenue_nok", "no_show_fee_revenue_nok": "revenue_nok"}
    Params = FeeParams

    def __init__(self, params: FeeParams, cfg):
        super().__init__(params, cfg)
        self.charged_nok: dict[int, float] = defaultdict(float)  # no-show fees, by patient id
        self.log_odds = {employed: fee_log_odds(params, cfg.behaviour.decision, employed)
                         for employed in (False, True)}

    def uses(self, hook: str) -> bool:
        charges_no_shows = self.params.no_show_fee_nok > 0
        return {"decision_terms": self.params.visit_fee_nok > 0 or charges_no_shows,
                "after_outcome": charges_no_shows, "quit_chance": charges_no_shows}.get(hook, True)

    def decision_terms(self, patient, appt) -> float:
        return self.log_odds[patient.profile.employed]

    def after_outcome(self, patient, appt) -> None:
        if appt.outcome is Outcome.NO_SHOW:
            self.charged_nok[patient.unique_id] += self.params.no_show_fee_nok

    def quit_chance(self, patient, appt) -> float:
        charged = appt.outcome is Outcome.NO_SHOW and self.params.no_show_fee_nok > 0
        return self.cfg.behaviour.dropout.fee_shame_quit if charged else 0.0

    def patient_columns(self, patient) -> dict:
        return {"no_show_fees_nok": self.charged_nok.get(patient.unique_id, 0.0)}

    def summary_columns(self, appointments, patients) -> dict:
        counts = appointments.outcome.value_counts()
        attended, no_shows = (int(counts.get(o.value, 0)) for o in (Outcome.ATTENDED, Outcome.NO_SHOW))
        return {"visit_fee_revenue_nok": round(attended * self.params.visit_fee_nok),
                "no_show_fee_revenue_nok": round(no_shows * self.params.no_show_fee_nok)}


def fee_log_odds(fees: FeeParams, decision, employed: bool) -> float:
    """Log-odds added to choosing not to come, from what attending or missing would cost.

    `decision` is `behaviour.decision`.
    """
    visit = decision.visit_fee_per_100_nok * fees.visit_fee_nok / 100
    if not employed:
        visit *= 2  # a fee weighs more on a benefit income (seed 004, 4.3)
    missing = decision.no_show_fee_per_100_nok * fees.no_show_fee_nok / 100
    return visit - missing
