"""The explorer's state: one set of values per browser session (Solara's reactive variables are
kept per connection), and the composed configs of the current choice."""

from __future__ import annotations

from dataclasses import dataclass

import solara

from sim.config import ConfigError, RunConfig
from sim.explorer import choices, levers
from sim.study.many import with_settings

language = solara.reactive("nb")
clinic = solara.reactive(choices.DEFAULT_CLINIC)
policy = solara.reactive(choices.DEFAULT_POLICY)
values = solara.reactive({})  # the controls moved: policy key ("reminder.reach") -> value
seed = solara.reactive(2005)
speed = solara.reactive(26)  # weeks a second
playing = solara.reactive(False)
restarts = solara.reactive(0)  # a new pair of runs at the same settings
tick = solara.reactive(0)  # the runs moved on: redraw
keep_message = solara.reactive("")


@dataclass(frozen=True)
class Settings:
    """The two configs of the current choice, and why the controls' values were refused, if so."""
    policy: RunConfig
    baseline: RunConfig
    key: tuple  # (clinic, policy, controls moved, seed): equal keys, equal configs
    problem: str | None = None


def settings_now(clinic_name: str, policy_name: str, moved: dict, seed_value: int) -> Settings:
    """The policy's and the baseline's configs: composed once per clinic and policy (cached),
    then copied with the seed and the controls' values set (`with_settings`)."""
    user = choices.user_folder()
    key = (clinic_name, policy_name, tuple(sorted(moved.items())), seed_value)
    base_policy = choices.composed(clinic_name, policy_name, user)
    base_baseline = choices.composed(clinic_name, choices.BASELINE, user)
    baseline = with_settings(base_baseline, {"seed": seed_value})
    try:
        mine = with_settings(base_policy, {"seed": seed_value,
                                           **levers.settings_for(base_policy, moved)})
    except ConfigError as error:
        return Settings(with_settings(base_policy, {"seed": seed_value}), baseline, key,
                        str(error))
    return Settings(mine, baseline, key)


def choose_clinic(name: str) -> None:
    clinic.value, values.value, playing.value = name, {}, False


def choose_policy(name: str) -> None:
    policy.value, values.value, playing.value = name, {}, False


def move(key: str, value) -> None:
    values.value, playing.value = {**values.value, key: value}, False
