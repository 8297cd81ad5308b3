"""The schema of a run's configuration, and its checks.

Values live in YAML under `scenarios/`; this module only says what shape and range each value
must have, so that a wrong value stops the run with one line naming the field before any work is
done. Ranges are `(low, high)`, both inclusive; `None` means unbounded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, fields, is_dataclass, make_dataclass
from typing import Any, Optional

from omegaconf import MISSING, DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from sim.config.behaviour import behaviour_schema
from sim.enums import Channel, Stage, values
from sim.ranges import ranged as _p
from sim.ranges import share as _share
from sim.levers import LEVERS
from sim.levers.base import on_change

STAGES = values(Stage)
REMINDER_CHANNELS = values(Channel)
REPORT_LANGUAGES = ("nb", "en")  # Norwegian bokmål, English


class ConfigError(ValueError):
    """A configuration value is missing, of the wrong type or out of range."""


@dataclass
class SiteSettings:
    """One site's own settings (`clinic.sites.<key>`)."""

    display_name: str = MISSING
    capacity_fte: float = _p(0.1, 1000.0)
    referrals_per_year: float = _p(0.0, 1e6)
    first_treatment_wait_days: int = _p(0, 730)
    travel_minutes_mean: float = _p(0.0, 600.0)
    public_transport_share: float = _share()
    unexplained_log_odds: float = _p(-5.0, 5.0)
    overbooking_share: float = _p(0.0, 2.0)


@dataclass
class ClinicSettings:
    """Settings shared by every site of the clinic (`clinic:`), and the sites."""

    name: str = MISSING
    capacity_fte: Optional[float] = _p(0.1, 1000.0, default=None)
    slot_minutes: float = _p(5.0, 480.0)
    workday_hours: float = _p(1.0, 24.0)
    bookable_slots_per_fte_day: float = _p(0.1, 24.0)
    annual_working_days: float = _p(1.0, 366.0)
    clinician_cost_nok_per_hour: float = _p(0.0, None)
    overtime_pay_factor: float = _p(1.0, 5.0)
    wait_before_giving_up_minutes: float = _p(0.0, 480.0)
    missed_time_refilled_share: float = _share()
    assessment_lead_days: int = _p(0, 365)
    assessment_within_days: int = _p(0, 365)
    max_first_treatment_wait_days: int = _p(1, 3650)
    treatment_places_per_fte: float = _p(0.1, 1000.0)
    sites: dict[str, SiteSettings] = field(default_factory=dict)

    def idle_minutes_per_no_show(self) -> float:
        """Minutes a clinician sits idle per no-show: the wait before giving up, plus the part of
        the rest of the slot not filled with records, letters and calls (seed 004, 5.2)."""
        wait = self.wait_before_giving_up_minutes
        return wait + (self.slot_minutes - wait) * (1 - self.missed_time_refilled_share)


@dataclass
class Population:
    name: str = MISSING
    male_share: float = _share()
    age_group_shares: dict[str, float] = field(default_factory=dict)
    employed_share: float = _share()
    from_inpatient_share: float = _share()
    treated_before_share: float = _share()
    trust_mean: float = _share()
    trust_sd: float = _p(0.0, 1.0)
    travel_sd_log: float = _p(0.0, 5.0)
    hourly_wage_nok: float = _p(0.0, None)


def _policy_schema() -> type:
    """The policy block: its name and display names, and one block per registered lever."""
    blocks = [(key, lever.Params, field(default_factory=lever.Params)) for key, lever in LEVERS.items()]
    names = [("name", str, field(default=MISSING)),
             ("display_name", dict[str, str], field(default_factory=dict))]
    schema = make_dataclass("Policy", [*names, *blocks])
    schema.__module__ = __name__  # so that a config pickles (parallel replications)
    return schema


def _rebuild_lever_schemas() -> None:
    global Policy, Behaviour
    Policy = _policy_schema()
    Behaviour = behaviour_schema(LEVERS.values(), __name__)


Policy = _policy_schema()
Behaviour = behaviour_schema(LEVERS.values(), __name__)  # with the levers' effect sizes
on_change(_rebuild_lever_schemas)  # a lever defined later (a plug-in, a test) gets its blocks too


@dataclass
class Report:
    """The board report (sim/report/__init__.py): its language, and whether a sweep ends by writing it."""
    language: str = "nb"
    after_sweep: bool = False


@dataclass
class RunConfig:
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    population: Population = field(default_factory=Population)
    behaviour: Behaviour = field(default_factory=lambda: Behaviour())  # the schema of the day
    policy: Policy = field(default_factory=lambda: Policy())  # the schema of the day
    seed: int = _p(0, 2**63 - 1)
    replication: int = _p(0, 1_000_000)
    horizon_days: int = _p(7, 36500)
    warmup_days: int = _p(0, 36500)
    scale: float = _p(0.001, 1000.0)
    start_date: str = "2005-01-01"
    charts: bool = True
    report: Report = field(default_factory=Report)


def check_config(cfg: DictConfig | dict, hydra: Any = None) -> RunConfig:
    """Check a composed config against the schema and ranges; return it as typed objects.

    `hydra` is the run's Hydra config (by default `cfg`'s own, left out of the result, or the
    running job's): it says which policy file was chosen, named as the policy (sim/config/policy_names.py).
    Raises ConfigError with one line naming the field and its allowed values.
    """
    from sim.config.policy_names import PolicyNameError, name_policy_after_its_file
    from sim.config.overrides import without_hydra
    from sim.config.schema import schema_config, wrong_type

    if hydra is None and isinstance(cfg, DictConfig):
        hydra = cfg.get("hydra") or _running_hydra_config()
    cfg = without_hydra(cfg)
    plain = OmegaConf.to_container(cfg, resolve=True) if isinstance(cfg, DictConfig) else cfg
    try:
        name_policy_after_its_file(plain, hydra)
    except PolicyNameError as error:
        raise ConfigError(str(error)) from None
    try:
        merged = OmegaConf.merge(schema_config(), plain)
        run: RunConfig = OmegaConf.to_object(merged)
    except OmegaConfBaseException as e:
        raise ConfigError(wrong_type(e, hydra)) from None
    check_ranges(run, "")
    _check_choices(run)
    return run


def _running_hydra_config() -> Any:
    from hydra.core.hydra_config import HydraConfig

    return HydraConfig.get() if HydraConfig.initialized() else None


def check_ranges(node: Any, prefix: str = "") -> None:  # ConfigError: the first value out of range
    for f in fields(node):
        value = getattr(node, f.name)
        path = f"{prefix}{f.name}"
        if is_dataclass(value):
            check_ranges(value, path + ".")
        elif isinstance(value, dict):
            for key, item in value.items():
                if is_dataclass(item):
                    check_ranges(item, f"{path}.{key}.")
        elif "range" in f.metadata and value is not None:
            _check_value(path, value, *f.metadata["range"])


def _check_value(path: str, value: float, low: float | None, high: float | None) -> None:
    allowed = describe_range(low, high)
    if isinstance(value, bool) or not isinstance(value, (int, float)):  # e.g. a list from the command line
        raise ConfigError(f"{path} = {value} is not a number: allowed {allowed}")
    if isinstance(value, float) and math.isnan(value):  # nan passes every comparison below
        raise ConfigError(f"{path} = nan is not a number: allowed {allowed}")
    if isinstance(value, float) and math.isinf(value):  # even where no upper bound is set
        raise ConfigError(f"{path} = {value} is out of range: must be a finite number, allowed {allowed}")
    if (low is not None and value < low) or (high is not None and value > high):
        shown = f"{value:g}" if isinstance(value, float) and value.is_integer() else value
        raise ConfigError(f"{path} = {shown} is out of range: allowed {allowed}")


def describe_range(low: float | None, high: float | None) -> str:
    return f"{_fmt(low)} to {_fmt(high)}"


def _fmt(bound: float | None) -> str:
    return "unbounded" if bound is None else f"{bound:g}"


def _check_choices(run: RunConfig) -> None:
    check_report_language(run.report.language)
    _check_dates(run)
    if not run.clinic.sites:
        raise ConfigError("clinic.sites: at least one site is needed")
    if run.policy.reminder.channel not in REMINDER_CHANNELS:
        raise ConfigError(
            f"policy.reminder.channel = {run.policy.reminder.channel!r} is not allowed: "
            f"choose one of {', '.join(REMINDER_CHANNELS)}"
        )
    for stage in run.policy.reminder.stages:
        if stage not in STAGES:
            raise ConfigError(
                f"policy.reminder.stages contains {stage!r}: choose from {', '.join(STAGES)}"
            )
    shares = run.population.age_group_shares
    for group, share in shares.items():
        _check_value(f"population.age_group_shares.{group}", share, 0.0, 1.0)
    if abs(sum(shares.values()) - 1.0) > 1e-6:
        raise ConfigError(
            f"population.age_group_shares sum to {sum(shares.values()):g}: they must sum to 1"
        )


def _check_dates(run: RunConfig) -> None:
    """start_date must be a real calendar date, and the warm-up and horizon must fit the calendar."""
    text = str(run.start_date)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        start = dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"start_date = {text} is not a date: write it as YYYY-MM-DD, "
                          f"e.g. 2005-01-01") from None
    try:
        start - dt.timedelta(days=run.warmup_days)
        start + dt.timedelta(days=run.horizon_days)
    except OverflowError:
        raise ConfigError(f"start_date = {text} leaves no room for warmup_days = {run.warmup_days} "
                          f"and horizon_days = {run.horizon_days} in the calendar") from None


def check_report_language(language: str) -> None:
    if language not in REPORT_LANGUAGES:
        raise ConfigError(
            f"report.language = {language!r} is not allowed: choose one of {', '.join(REPORT_LANGUAGES)}"
        )
