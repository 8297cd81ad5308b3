"""The main parameters of each lever, as the explorer's controls: plain words in nb and en, the
range a slider offers (inside the schema's own range), and how a value is set on a copy of the
composed config (`sim.study.many.with_settings`).

A policy "holds" a lever when its file (or a file it combines) sets something in the lever's
block (`sim.config.policy_parts.settings_of`); those levers' main parameters are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sim.config import RunConfig
from sim.config.policy_parts import settings_of


@dataclass(frozen=True)
class Control:
    key: str  # dotted under `policy.`, e.g. "reminder.reach"
    nb: str
    en: str
    kind: str  # "share" (0..1, shown in %), "number", "whole", "choice", "switch"
    low: float = 0.0
    high: float = 1.0
    step: float = 0.05
    choices: tuple[str, ...] = ()  # the YAML words of a choice
    off_means: tuple[str, str] = ()  # nullable: what null means (nb, en); the switch turns it on

    def label(self, language: str) -> str:
        return self.nb if language == "nb" else self.en


def _share(key, nb, en, high=1.0):
    return Control(key, nb, en, "share", 0.0, high, 0.05)


LEVER_NAMES = {  # the lever blocks under `policy:`, in plain words (nb, en)
    "reminder": ("Påminnelse", "Reminder"), "fees": ("Egenandel og gebyr", "Fees"),
    "waiting": ("Ventetid", "Waiting time"), "discharge": ("Utskriving", "Discharge"),
    "follow_up": ("Oppfølging etter ikke møtt", "Follow-up after a no-show"),
    "incentive": ("Gavekort", "Vouchers"), "outreach": ("Timer utenfor klinikken", "Sessions away"),
    "overbooking": ("Overbooking", "Overbooking"), "caseload": ("Behandlingsplasser", "Caseload"),
    "rapid_intake": ("Rask utredning", "Rapid intake"),
    "continuity": ("Behandlere", "Therapists"), "drop_in": ("Drop-in", "Drop-in"),
}

CONTROLS: dict[str, list[Control]] = {
    "reminder": [
        Control("reminder.channel", "Kanal", "Channel", "choice",
                choices=("none", "sms", "letter", "phone")),
        _share("reminder.reach", "Andel pasienter som nås (mobil)", "Share of patients reached"),
        Control("reminder.days_ahead", "Dager før timen", "Days before the appointment", "whole",
                0, 7, 1),
        Control("reminder.count", "Påminnelser per time", "Reminders per appointment", "whole",
                1, 3, 1),
        Control("reminder.target", "Til hvem", "To whom", "choice", choices=("all", "missed_before")),
    ],
    "fees": [
        Control("fees.visit_fee_nok", "Egenandel per time (kr)", "User fee per visit (NOK)",
                "number", 0, 500, 10),
        Control("fees.no_show_fee_nok", "Gebyr ved ikke møtt (kr)", "No-show fee (NOK)", "number",
                0, 1000, 10),
        _share("fees.no_show_fee_collected_share", "Andel gebyrer som kreves inn",
               "Share of fees collected"),
    ],
    "waiting": [
        Control("waiting.extra_capacity_fte", "Ekstra behandlerårsverk per klinikk",
                "Extra clinical FTEs per clinic", "number", 0, 5, 0.5),
        Control("waiting.max_wait_days", "Lengste ventetid til behandling (dager)",
                "Longest wait to first treatment (days)", "whole", 7, 90, 1,
                off_means=("klinikkens egen", "the clinic's own")),
    ],
    "discharge": [
        Control("discharge.after_missed", "Utskrives etter ikke møtt på rad",
                "Discharged after no-shows in a row", "whole", 1, 10, 1,
                off_means=("aldri", "never")),
    ],
    "follow_up": [
        Control("follow_up.channel", "Kanal", "Channel", "choice", choices=("none", "sms", "call")),
        _share("follow_up.reach", "Andel som nås", "Share reached"),
        Control("follow_up.tell_referrer", "Gi beskjed til henviser", "Tell the referrer",
                "switch"),
    ],
    "incentive": [
        Control("incentive.voucher_nok", "Gavekort (kr)", "Voucher (NOK)", "number", 0, 1000, 50),
        Control("incentive.every_nth_attended", "Gavekort for hver n-te time",
                "A voucher every n-th session", "whole", 1, 5, 1),
    ],
    "outreach": [
        _share("outreach.share", "Andel timer utenfor klinikken", "Share of sessions away"),
        Control("outreach.mode", "Hvor", "Where", "choice", choices=("video", "home")),
    ],
    "overbooking": [
        _share("overbooking.share", "Overbooking (andel av dagens plan)",
               "Overbooking (share of the day's plan)", 0.5),
        Control("overbooking.by", "Hvem", "Whom", "choice", choices=("flat", "risk")),
        _share("overbooking.risk_threshold", "Laveste risiko for å utebli",
               "Least risk of missing"),
    ],
    "caseload": [
        _share("caseload.extra_places_share", "Flere behandlingsplasser (andel)",
               "More treatment places (share)", 0.5),
    ],
    "rapid_intake": [
        _share("rapid_intake.held_share", "Andel timer holdt av til utredning",
               "Share of slots held for assessments", 0.5),
        Control("rapid_intake.assessment_within_days", "Utredning innen (dager)",
                "Assessment within (days)", "whole", 1, 42, 1,
                off_means=("klinikkens egen", "the clinic's own")),
        Control("rapid_intake.referrer_contact_minutes", "Samtale med henviser (minutter)",
                "Talk with the referrer (minutes)", "number", 0, 60, 5,
                off_means=("ingen", "none")),
    ],
    "continuity": [
        Control("continuity.therapists_per_fte", "Behandlere per årsverk",
                "Therapists per FTE", "number", 0, 2, 0.5),
        _share("continuity.annual_turnover", "Andel behandlere som slutter per år",
               "Share of therapists leaving a year", 0.5),
        Control("continuity.switch_after_missed", "Tilby ny behandler etter ikke møtt på rad",
                "Offer another therapist after no-shows in a row", "whole", 1, 5, 1,
                off_means=("aldri", "never")),
    ],
    "drop_in": [
        Control("drop_in.slots_per_day", "Drop-in-timer per dag", "Drop-in slots a day", "whole",
                0, 4, 1),
        Control("drop_in.within_days", "Innen dager etter ikke møtt", "Within days of a no-show",
                "whole", 1, 14, 1),
    ],
}


def levers_held(policy: str, folders: list[Path]) -> list[str]:
    """The lever blocks a policy file sets something in, in the catalogue's order."""
    blocks = {key.split(".")[0] for key in settings_of(policy, folders)}
    return [lever for lever in CONTROLS if lever in blocks]


def value_of(cfg: RunConfig, control: Control) -> Any:
    """A control's value in a config, as the control holds it (an enum as its YAML word)."""
    node: Any = cfg.policy
    for part in control.key.split("."):
        node = getattr(node, part)
    return node.value if isinstance(node, Enum) else node


def settings_for(cfg: RunConfig, values: dict[str, Any]) -> dict[str, Any]:
    """Dotted settings for `with_settings` from the controls' values (keys under `policy.`): an
    enum field gets its member, a whole number an int."""
    settings = {}
    for key, value in values.items():
        node: Any = cfg.policy
        *parents, name = key.split(".")
        for part in parents:
            node = getattr(node, part)
        current = getattr(node, name)
        if isinstance(current, Enum) and value is not None:
            value = type(current)(value)
        elif isinstance(value, float) and value.is_integer() and _whole(key):
            value = int(value)
        settings[f"policy.{key}"] = value
    return settings


def _whole(key: str) -> bool:
    return any(c.key == key and c.kind == "whole" for group in CONTROLS.values() for c in group)
