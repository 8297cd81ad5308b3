"""The no-show fee against the studies of fees, in their own measures (issue 19, item 3).

Chariatte et al. 2007 (Swiss Med Wkly 137:677-681; in seed 000 l.2093-2095) counted missed and
cancelled appointments over all consultations booked at an adolescent clinic, before (1999-2003)
and after (2004-2006) missed appointments not cancelled ahead were billed: missed 11.9% -> 11.6%
(adjusted odds ratio 0.96, 99% CI 0.83-1.10), cancelled 8.4% -> 14.5% (1.83, 1.63-2.05). The
model runs the baseline year with and without the fee (`policy=no_show_fee`), replication by
replication on the same patients, and compares the relative change in each share. The study's
95% intervals are its odds ratios' 99% intervals narrowed to 95% (same log-scale standard error)
and turned into relative changes at the rate before the fee. How many fees are collected is an
input (`policy.fees.no_show_fee_collected_share`, bounded by its source), so no row: it would
hold by construction. Run by `python3 -m sim.validate`.
"""

from __future__ import annotations

import math

from sim.calibration.lever_checks import check_row, paired_ratios
from sim.config.compose import load_config
from sim.enums import Outcome
from sim.simulate import Results
from sim.study.replicate import replicate

FEE_POLICY = "policy=no_show_fee"
Z95, Z99 = 1.959964, 2.575829
CHARIATTE = ("Chariatte et al. 2007, Swiss Med Wkly 137:677-681, abstract "
             "(in seed 000 l.2093-2095)")
DESIGN = ("the baseline year with and without a NOK 320 no-show fee, all clinics, patients and "
          "stages; shares of all appointments booked; paired replications (Chariatte: one "
          "adolescent clinic, 1999-2003 against 2004-2006)")


def relative_interval(before: float, odds_ratio: float, low99: float, high99: float) -> tuple:
    """A study's relative change in a share and its 95% interval, from the share `before` and an
    odds ratio with its 99% interval (the 95% interval has the same log-scale standard error)."""
    se = (math.log(high99) - math.log(low99)) / (2 * Z99)

    def change(ratio: float) -> float:
        odds = before / (1 - before) * ratio
        return odds / (1 + odds) / before - 1

    centre = math.log(odds_ratio)
    return change(math.exp(centre - Z95 * se)), change(math.exp(centre + Z95 * se))


def shares(results: Results) -> dict[str, float]:
    """A run's no-shows and late cancellations over all appointments booked, all clinics."""
    outcome = results.appointments.outcome
    booked = len(outcome)
    return {"no_show": float((outcome == Outcome.NO_SHOW.value).sum() / booked),
            "cancelled": float((outcome == Outcome.CANCELLED.value).sum() / booked)}


def checks(replications: int, base: list[str]) -> list[dict]:
    """The fee policy against Chariatte 2007 (no-shows, cancellations), over `replications`
    paired replications of `base`."""
    fee_cfg = load_config(base + [FEE_POLICY])
    without = replicate(load_config(base), replications, shares)
    with_fee = replicate(fee_cfg, replications, shares)

    def change(key: str) -> list[float]:
        return [ratio - 1 for ratio in paired_ratios(with_fee, without, key)]

    no_show_low, no_show_high = relative_interval(0.119, 0.96, 0.83, 1.10)
    cancel_low, cancel_high = relative_interval(0.084, 1.83, 1.63, 2.05)
    return [
        check_row("fee_no_show", "No-show fee: relative change in no-shows per appointment booked",
                  "set_by_hand", DESIGN, "relative change in the missed-appointment share",
                  change("no_show"), (11.6 / 11.9 - 1, no_show_low, no_show_high),
                  f"{CHARIATTE}: 11.9% -> 11.6%, AOR 0.96 (99% CI 0.83-1.10); "
                  "behaviour.fees.extra_notify_share was set to give -2.5%"),
        check_row("fee_cancelled",
                  "No-show fee: relative change in late cancellations per appointment booked",
                  "independent", DESIGN, "relative change in the cancelled share",
                  change("cancelled"), (14.5 / 8.4 - 1, cancel_low, cancel_high),
                  f"{CHARIATTE}: 8.4% -> 14.5%, AOR 1.83 (99% CI 1.63-2.05)"),
    ]

