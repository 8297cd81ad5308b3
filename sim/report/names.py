"""Scenario names in plain words for the board: what a sweep changed, said as a setting's label
with its unit, never as a config key.

A sweep names a scenario by its policy and the settings that differ (sim/study/jobs.py): the
label "baseline policy.incentive.voucher_nok=100" is shown as "Current practice + voucher NOK 100"
(nb "Dagens praksis + gavekort 100 kr"), "voucher clinic.capacity_fte=5" as "Voucher for attending
(5 clinical FTEs per site)". Each setting's words are in the catalogues (`settings:`); one not
listed is named by its last part and unit (`units:`), e.g. "max wait days 30" -> "max wait 30 days".
"""

from __future__ import annotations

from sim.config.reference_jobs import BASELINE, is_lever_setting
from sim.report.text import Language

UNITS = ("nok", "days", "minutes", "fte", "share")  # a key's last part ends in one: its unit


def scenario_names(table, policy_names: dict[str, dict]) -> dict[str, dict[str, str]]:
    """Scenario -> {"nb": ..., "en": ...}: each in plain words, from comparison.csv's `table` and
    each scenario's policy's own display names (its config's `policy.display_name`)."""
    names = {}
    for scenario, group in table.groupby("scenario", sort=False):
        names[scenario] = {}
        for code in ("nb", "en"):
            shown = group[f"display_name_{code}"].iloc[0]
            own = policy_names.get(scenario, {}).get(code) or scenario.split(" ")[0]
            names[scenario][code] = plain_name(scenario, own, Language(code)) or shown
    return names


def plain_name(label: str, policy_name: str, lang: Language) -> str | None:
    """The name of the scenario with sweep label `label` whose policy is called `policy_name`, in
    plain words; None when the label names no setting (the policy's own name stands)."""
    policy, settings = _parts(label)
    if not settings:
        return None
    changes = [setting_words(k, v, lang) for k, v in settings if is_lever_setting(k)]
    others = [setting_words(k, v, lang) for k, v in settings if not is_lever_setting(k)]
    extra = f" ({', '.join(others)})" if others else ""
    if changes and policy == BASELINE:  # the baseline changed: no longer the reference
        return f"{policy_name} + {', '.join(changes)}{extra}"
    said = ", ".join(changes + others)
    return f"{policy_name} ({said})"


def _parts(label: str) -> tuple[str, list[tuple[str, str]]]:
    """A sweep label's policy and its (key, value) settings; a value may hold spaces."""
    policy, *tokens = label.split(" ")
    settings: list[list[str]] = []
    for token in tokens:
        key, sep, value = token.partition("=")
        if sep and key and " " not in key:
            settings.append([key, value])
        elif settings:
            settings[-1][1] += " " + token
    return policy, [(k, v) for k, v in settings]


def setting_words(key: str, value: str, lang: Language) -> str:
    """One setting and its value in the report's words: "voucher NOK 100", "gavekort 100 kr"."""
    short = key.removeprefix("policy.")
    known = lang("settings")
    if short in known:
        return _fill(known[short], value, lang)
    last = short.split(".")[-1]
    where = short.split(".")[-2] if short.startswith("clinic.sites.") else ""
    unit = next((u for u in UNITS if last == u or last.endswith(f"_{u}")), None)
    words = (last.removesuffix(f"_{unit}") if unit else last).replace("_", " ")
    said = _fill(lang("units")[unit], value, lang) if unit else _value(value, lang)
    return (f"{where}: " if where else "") + f"{words} {said}"


def _fill(template: str, value: str, lang: Language) -> str:
    return template.format(value=_value(value, lang), percent=_percent(value, lang))


def _value(value: str, lang: Language) -> str:
    """A number as the language writes it (as many decimals as given); anything else as words."""
    try:
        number = float(value)
    except ValueError:
        return value.strip("'\"").replace("_", " ")
    decimals = len(value.partition(".")[2]) if "." in value else 0
    return lang.num(number, min(decimals, 2))


def _percent(value: str, lang: Language) -> str:
    try:
        return lang.pct(float(value), 0)
    except ValueError:
        return _value(value, lang)
