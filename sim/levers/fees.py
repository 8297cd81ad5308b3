"""Fees: the user fee per attended visit (egenandel) and a fee for a missed appointment.

The visit fee is a cost barrier, heavier for patients without work (seed 004, 4.3). It is paid at
the visit, or by the state above the yearly ceiling (frikort), so the clinic is taken to collect
it in full. A fee for missing has no documented deterrent effect on coming (Cochrane in seed 004
l.306-307; Chariatte 2007 in seed 000 l.2093-2095; Blæhr 2018's trial): what it does is make some
patients who have chosen not to come call to cancel ahead (`behaviour.fees.extra_notify_share`,
from Chariatte 2007); a patient who forgets cannot. Charged after a no-show, it shames and may
drive patients away (seed 000 l.1448-1468; `behaviour.dropout.fee_shame_quit`, size assumed).
Not every no-show fee is collected (`policy.fees.no_show_fee_collected_share`): the revenue
counted in the net cost is what is collected. Checked against Chariatte 2007 in
`sim.calibration.fee_checks`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.enums import Outcome
from sim.ranges import ranged, share
from sim.levers.base import Lever


@dataclass
class FeeParams:
    visit_fee_nok: float = ranged(0.0, 100000.0)
    no_show_fee_nok: float = ranged(0.0, 100000.0)
    no_show_fee_collected_share: float = share()  # of the no-show fees charged, the share collected


@dataclass
class FeeEffect:
    """`behaviour.fees`: how patients answer a fee for missing."""

    # Of the patients who chose not to come and would not have called, the share who call to
    # cancel ahead when a no-show fee is charged (any amount above zero).
    extra_notify_share: float = share(0.04)


class Fees(Lever):
    key = "fees"
    takes = {"visit_fee_revenue_nok": "revenue_nok", "no_show_fees_charged": "amount",
             "no_show_fees_collected_nok": "revenue_nok"}
    Params = FeeParams
    Effect = FeeEffect

    def __init__(self, params: FeeParams, cfg):
        super().__init__(params, cfg)
        self.log_odds = {employed: fee_log_odds(params, cfg.behaviour.decision, employed)
                         for employed in (False, True)}

    def array_terms(self) -> dict:
        charges = self.params.no_show_fee_nok > 0
        return {"fee_term_unemployed": self.log_odds[False], "fee_term_employed": self.log_odds[True],
                "fee_extra_notify_share": self.effect.extra_notify_share if charges else 0.0,
                "fee_shame_quit": self.cfg.behaviour.dropout.fee_shame_quit if charges else 0.0,
                "no_show_fee_nok": self.params.no_show_fee_nok}

    def patient_columns(self, patients: dict) -> dict:
        return {"no_show_fees_nok": patients["no_show_fees_nok"]}

    def summary_columns(self, appointments, patients) -> dict:
        counts = appointments.outcome.value_counts()
        attended, no_shows = (int(counts.get(o.value, 0)) for o in (Outcome.ATTENDED, Outcome.NO_SHOW))
        charged = no_shows if self.params.no_show_fee_nok > 0 else 0
        return {"visit_fee_revenue_nok": round(attended * self.params.visit_fee_nok),
                "no_show_fees_charged": charged,
                "no_show_fees_collected_nok": collected_nok(charged, self.params)}


def collected_nok(charged: int, fees: FeeParams) -> int:
    """NOK collected of `charged` no-show fees: each fee times the share collected."""
    return round(charged * fees.no_show_fee_nok * fees.no_show_fee_collected_share)


def fee_log_odds(fees: FeeParams, decision, employed: bool) -> float:
    """Log-odds added to choosing not to come, from what attending or missing would cost.

    `decision` is `behaviour.decision`.
    """
    visit = decision.visit_fee_per_100_nok * fees.visit_fee_nok / 100
    if not employed:
        visit *= 2  # a fee weighs more on a benefit income (seed 004, 4.3)
    missing = decision.no_show_fee_per_100_nok * fees.no_show_fee_nok / 100
    return visit - missing
