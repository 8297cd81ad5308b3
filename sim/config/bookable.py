"""Slots a site can book: its slots a weekday, and a check, before a run, that the levers that
hold slots back (drop-in hours, slots held for assessments) leave some to book for every stage.

A clinic that can book nothing for a stage would walk its calendar for ever looking for a free
day (issue 18, item 7): such a configuration is refused before the run, with one line; the
model's walk is bounded as well (`BOOKING_HORIZON_DAYS`), for what this check cannot foresee.
"""

from __future__ import annotations

import math

from sim.config import ConfigError

WEEKDAYS_PER_YEAR = 365.25 * 5 / 7
BOOKING_HORIZON_DAYS = 100 * 365  # a booking never lies further ahead than this after the run's end


class NoDayToBook(ConfigError):
    """A clinic found no day to book within `BOOKING_HORIZON_DAYS` after the run's last day."""


def slots_a_weekday(clinic, fte: float) -> float:
    """A site's slots per weekday, on average: holidays and leave spread over all weekdays."""
    return fte * clinic.bookable_slots_per_fte_day * clinic.annual_working_days / WEEKDAYS_PER_YEAR


def clinical_fte(run, site_key: str, site, extra_fte: list) -> float:
    """A site's clinical FTEs: its own (or the clinic-wide override), plus what levers add
    (`extra_fte` hooks), times the run's scale."""
    fte = site.capacity_fte if run.clinic.capacity_fte is None else run.clinic.capacity_fte
    return (fte + sum(extra(site_key) for extra in extra_fte)) * run.scale


def no_day_to_book(site_key: str, stage, earliest: int) -> NoDayToBook:
    return NoDayToBook(f"clinic.sites.{site_key}: no day to book for stage {stage.value} "
                       f"within {BOOKING_HORIZON_DAYS // 365} years of model day {earliest}: "
                       f"the policy's levers hold back (almost) every slot")


def check_slots_left(run) -> None:
    """Raise ConfigError naming the site and the settings when the levers leave a site no slot
    to book for some stage, even on its days with the most slots, for a new patient (asked of
    the day's own rule, `sim.engine.booking.limit_for`)."""
    from sim.engine.booking import limit_for, risk_of
    from sim.engine.settings import I
    from sim.engine.state import settings_of
    from sim.enums import Stage
    from sim.levers import levers_of
    from sim.levers.base import hooks_of

    levers = levers_of(run)
    real, ints = settings_of(run, levers)
    if not ints[I["bookable_changes"]]:
        return
    new_patient = risk_of(0, 0, real)  # no appointment behind them yet: what levers favour least
    extra_fte = hooks_of(levers).extra_fte
    for site_key, site in run.clinic.sites.items():
        fte = clinical_fte(run, site_key, site, extra_fte)
        most = math.ceil(slots_a_weekday(run.clinic, fte) * (1 + site.overbooking_share))
        for code, stage in enumerate(Stage):
            if limit_for(real, ints, new_patient, code, most) < 1:
                raise ConfigError(f"clinic.sites.{site_key}: {_holding(levers)} leaves no slot to "
                                  f"book for stage {stage.value} at scale {run.scale:g} "
                                  f"({fte:.2g} FTE: at most {most} planned a day); hold fewer "
                                  f"slots back, or give the site more FTEs")


def _holding(levers) -> str:
    """The settings of the levers that hold slots back, as the user wrote them."""
    settings = [f"policy.{lever.key}.{name} = {getattr(lever.params, name):g}"
                for lever in levers for name in getattr(lever, "holds_slots_with", ())
                if getattr(lever.params, name)]
    return " and ".join(settings) or "the policy"
