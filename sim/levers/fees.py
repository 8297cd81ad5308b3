"""Fees: the user fee per attended visit (egenandel) and a fee for a missed appointment.

The visit fee is a cost barrier, heavier for patients without work (seed 004, 4.3). A fee for
missing has no documented deterrent effect (Cochrane in seed 004; Chariatte 2007 in seed 000),
but it shames and may drive patients away (seed 000): charged after a no-show, it adds to the
chance of quitting. Both bring revenue, reported in the summary.
"""

from __future__ import annotations

from sim.config import Decision, Fees


def fee_log_odds(fees: Fees, decision: Decision, employed: bool) -> float:
    """Log-odds added to choosing not to come, from what attending or missing would cost."""
    visit = decision.visit_fee_per_100_nok * fees.visit_fee_nok / 100
    if not employed:
        visit *= 2  # a fee weighs more on a benefit income (seed 004, 4.3)
    missing = decision.no_show_fee_per_100_nok * fees.no_show_fee_nok / 100
    return visit - missing

