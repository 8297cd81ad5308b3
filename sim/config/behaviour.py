"""The schema of the `behaviour:` block: how patients act, and the effect sizes of the levers.

Values live in `scenarios/behaviour/*.yaml`, each sourced in `docs/evidence.md`; `sim.config`
checks them against the ranges given here. Each lever declares its own effect sizes (`Lever.Effect`,
at `Lever.effect_key`): `behaviour_schema` adds them to the blocks here, as the `policy:` block
holds one block per lever, so this module needs no lever.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, make_dataclass
from typing import Iterable, Optional

from omegaconf import MISSING

from sim.ranges import ranged as _p
from sim.ranges import share as _share


@dataclass
class Motivation:
    baseline_mean: float = _share()
    baseline_sd: float = _p(0.0, 1.0)
    referral_boost: float = _p(0.0, 1.0)
    reversion_per_day: float = _p(1e-6, 1.0)
    volatility_per_sqrt_day: float = _p(0.0, 1.0)
    attended_boost: float = _p(0.0, 1.0)


@dataclass
class Craving:
    lapse_onset_per_day: float = _share()
    lapse_onset_sd_log: float = _p(0.0, 5.0)
    lapse_duration_days: float = _p(1.0, 365.0)
    using_at_referral_share: float = _share()
    inpatient_onset_multiplier: float = _p(0.0, 100.0)


@dataclass
class Alliance:
    start: float = _share()
    growth_per_session: float = _share()
    offence_probability: float = _share()
    offence_drop: float = _share()


@dataclass
class Forgetting:
    base_probability: float = _share()
    forgetfulness_sd_log: float = _p(0.0, 5.0)
    lapse_multiplier: float = _p(0.0, 100.0)
    per_week_of_lead: float = _p(0.0, 10.0)


@dataclass
class Decision:
    intercept: float = _p(-20.0, 20.0)
    motivation: float = _p(-20.0, 20.0)
    alliance: float = _p(-20.0, 20.0)
    adversity_buffer: float = _share()
    lapse: float = _p(-20.0, 20.0)
    travel_per_hour: float = _p(-20.0, 20.0)
    public_transport_multiplier: float = _p(0.0, 100.0)
    lead_time_per_week: float = _p(-20.0, 20.0)
    assessment_lead_time_per_week: float = _p(-20.0, 20.0)
    age_16_25: float = _p(-20.0, 20.0)  # log-odds for age group age_16_25 only
    low_trust: float = _p(-20.0, 20.0)
    visit_fee_per_100_nok: float = _p(-20.0, 20.0)
    lost_pay_per_1000_nok: float = _p(-20.0, 20.0)
    no_show_fee_per_100_nok: float = _p(-20.0, 20.0)
    extra_reminder: float = _p(-20.0, 20.0)


@dataclass
class Cancellation:
    notify_share: float = _share()


@dataclass
class Dropout:
    quit_after_miss: float = _share()
    lost_after_missed_assessment: float = _share()
    lost_after_missed_first_treatment: float = _share()
    fee_shame_quit: float = _share()


@dataclass
class Treatment:
    turned_down_share: float = _share()
    not_admitted_share: float = _share()
    sessions_needed_mean: float = _p(1.0, 1000.0)
    # Sessions of a fixed, manualised course (a trial's design); None: drawn around the mean.
    course_sessions: Optional[int] = _p(1, 1000, default=None)
    interval_days: int = _p(1, 365)
    rebook_days: int = _p(1, 365)


@dataclass
class PatientBehaviour:
    """The blocks of `behaviour:` that are not a lever's."""

    name: str = MISSING
    motivation: Motivation = field(default_factory=Motivation)
    craving: Craving = field(default_factory=Craving)
    alliance: Alliance = field(default_factory=Alliance)
    forgetting: Forgetting = field(default_factory=Forgetting)
    decision: Decision = field(default_factory=Decision)
    cancellation: Cancellation = field(default_factory=Cancellation)
    dropout: Dropout = field(default_factory=Dropout)
    treatment: Treatment = field(default_factory=Treatment)


def behaviour_schema(levers: Iterable, module: str) -> type:
    """The `behaviour:` block: the patients' blocks and each lever's effect sizes at its
    `effect_key`, a class of `module` (so that a config pickles)."""
    taken = {f.name for f in fields(PatientBehaviour)}
    blocks = []
    for lever in levers:
        if lever.Effect is None:
            continue
        if lever.effect_key in taken:
            raise ValueError(f"lever {lever.key}: its effect sizes' block "
                             f"behaviour.{lever.effect_key} is taken; give it another effect_key")
        taken.add(lever.effect_key)
        blocks.append((lever.effect_key, lever.Effect, field(default_factory=lever.Effect)))
    schema = make_dataclass("Behaviour", blocks, bases=(PatientBehaviour,))
    schema.__module__ = module
    return schema
