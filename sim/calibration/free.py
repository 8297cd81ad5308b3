"""The free parameters of a calibration: what each changes in a config, where it starts, its
bounds, and whether a prior keeps it small.

Every parameter is a change from the base config of order 1 (a log-odds shift, a share shift or
a log factor), so one finite-difference step suits all. `ostfold_2005` is the set fitted to the
Østfold 2005 targets (in its order, which the optimiser's path depends on); `records` the set a
trust's own appointment records can inform (sim/records/fit.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from sim.config import RunConfig

OFFSET_PRIOR_SD = 0.5  # log-odds; how far an unexplained site term may stray before it costs


@dataclass(frozen=True)
class Free:
    """One free parameter: `apply(cfg, value)` changes a copy of the base config in place."""

    name: str  # the dotted setting it moves, as the fit report names it
    start: float
    low: float
    high: float
    apply: Callable[[RunConfig, float], None]
    prior_sd: float | None = None  # a prior pulls the value towards 0 with this spread


def _intercept(cfg: RunConfig, shift: float) -> None:
    cfg.behaviour.decision.intercept += shift


def _site_term(key: str) -> Callable[[RunConfig, float], None]:
    def apply(cfg: RunConfig, value: float) -> None:
        cfg.clinic.sites[key].unexplained_log_odds = value
    return apply


def _quit(cfg: RunConfig, shift: float) -> None:
    cfg.behaviour.dropout.quit_after_miss += shift


def _sessions(cfg: RunConfig, log_factor: float) -> None:
    treatment = cfg.behaviour.treatment
    treatment.sessions_needed_mean = round(
        treatment.sessions_needed_mean * math.exp(log_factor), 2)


def _slots(cfg: RunConfig, log_factor: float) -> None:
    cfg.clinic.bookable_slots_per_fte_day = round(
        cfg.clinic.bookable_slots_per_fte_day * math.exp(log_factor), 3)


def _referrals(cfg: RunConfig, log_factor: float) -> None:
    for site in cfg.clinic.sites.values():
        site.referrals_per_year = round(site.referrals_per_year * math.exp(log_factor))


def _shift(section: str, name: str) -> Callable[[RunConfig, float], None]:
    def apply(cfg: RunConfig, shift: float) -> None:
        node = getattr(cfg.behaviour, section)
        setattr(node, name, getattr(node, name) + shift)
    return apply


def site_terms(base: RunConfig) -> list[Free]:
    """One unexplained log-odds term per site of the base config, kept small by a prior, so
    documented causes (waits, travel, capacity, population) explain what they can first."""
    return [Free(f"clinic.sites.{key}.unexplained_log_odds", site.unexplained_log_odds, -2.0,
                 2.0, _site_term(key), OFFSET_PRIOR_SD)
            for key, site in base.clinic.sites.items()]


def _course(base: RunConfig) -> list[Free]:
    quit = base.behaviour.dropout.quit_after_miss
    return [Free("behaviour.dropout.quit_after_miss", 0.0, -quit, 1.0 - quit, _quit),
            Free("behaviour.treatment.sessions_needed_mean", 0.0, -1.0, 1.0, _sessions)]


def ostfold_2005(base: RunConfig) -> list[Free]:
    """Intercept, site terms, quitting and course length, bookable slots, one referral factor."""
    return [Free("behaviour.decision.intercept", 0.0, -4.0, 4.0, _intercept),
            *site_terms(base), *_course(base),
            Free("clinic.bookable_slots_per_fte_day", 0.0, -1.0, 1.0, _slots),
            Free("clinic.sites.*.referrals_per_year", 0.0, -1.0, 1.0, _referrals)]


def records(base: RunConfig) -> list[Free]:
    """What a trust's records can inform: the no-show level and each site's term (no-show by
    clinic), the alliance and lead-time effects (no-show by stage: treatment sessions build an
    alliance, first treatments wait longest), quitting and course length (planned volume).
    Referrals and capacity come from the records directly (sim/records/derive.py)."""
    decision = base.behaviour.decision
    return [Free("behaviour.decision.intercept", 0.0, -4.0, 4.0, _intercept),
            *site_terms(base),
            Free("behaviour.decision.alliance", 0.0, -2.0, min(2.0, -decision.alliance),
                 _shift("decision", "alliance")),
            Free("behaviour.decision.lead_time_per_week", 0.0, -decision.lead_time_per_week, 1.0,
                 _shift("decision", "lead_time_per_week")),
            *_course(base)]
