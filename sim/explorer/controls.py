"""The controls in the sidebar: language, clinic set, policy, the main parameters of each lever
the policy holds, seed and speed."""

from __future__ import annotations

import solara

from sim.explorer import choices, levers, state
from sim.explorer.words import LANGUAGES, choice_name, word


@solara.component
def Controls(policy_cfg):
    lang = state.language.value
    user = choices.user_folder()
    solara.ToggleButtonsSingle(value=state.language, values=list(LANGUAGES))
    clinic_options = {c.shown(lang): c.name for c in choices.clinics(user)}
    solara.Select(word("clinic", lang), values=list(clinic_options),
                  value=_shown_of(clinic_options, state.clinic.value),
                  on_value=lambda shown: state.choose_clinic(clinic_options[shown]))
    policy_options = {c.shown(lang): c.name for c in choices.policies(user)}
    solara.Select(word("policy", lang), values=list(policy_options),
                  value=_shown_of(policy_options, state.policy.value),
                  on_value=lambda shown: state.choose_policy(policy_options[shown]))
    held = levers.levers_held(state.policy.value, choices.folders(user))
    if not held:
        solara.Text(word("no_levers", lang))
    for lever in held:
        solara.Text(levers.LEVER_NAMES[lever][0 if lang == "nb" else 1],
                    style={"font-weight": "bold", "margin-top": "12px"})
        for control in levers.CONTROLS[lever]:
            LeverControl(control, policy_cfg, lang)
    solara.InputInt(word("seed", lang), value=state.seed.value,
                    on_value=lambda s: _set_seed(s))
    solara.SliderInt(f"{word('speed', lang)}: {state.speed.value}", value=state.speed, min=1,
                     max=52)


@solara.component
def LeverControl(control: levers.Control, policy_cfg, lang: str):
    """One parameter: a slider, a choice or a switch; a setting that may be off (null) has a
    switch before its slider."""
    value = levers.value_of(policy_cfg, control)
    name = label = control.label(lang)
    if control.kind in ("share", "number", "whole") and value is not None:
        label = f"{name}: {_value_text(control, value, lang)}"

    def move(new):
        state.move(control.key, new)

    if control.off_means:
        off = word("off", lang, what=control.off_means[0 if lang == "nb" else 1])
        on = value is not None
        solara.Switch(label=name if on else f"{name} ({off})", value=on,
                      on_value=lambda now: move(_on_value(control) if now else None))
        if not on:
            return
        label = _value_text(control, value, lang)  # the switch above names it
    if control.kind == "switch":
        solara.Switch(label=label, value=bool(value), on_value=move)
    elif control.kind == "choice":
        words = {choice_name(c, lang): c for c in control.choices}
        solara.Select(label, values=list(words), value=choice_name(value, lang),
                      on_value=lambda shown: move(words[shown]))
    elif control.kind == "whole":
        solara.SliderInt(label, value=int(value), min=int(control.low), max=int(control.high),
                         step=int(control.step), on_value=move)
    else:
        solara.SliderFloat(label, value=float(value), min=control.low, max=control.high,
                           step=control.step, on_value=move)


def _value_text(control: levers.Control, value, lang: str) -> str:
    """A slider's value beside its label: a share in %, a number as it reads in the language."""
    if control.kind == "share":
        return f"{100 * value:.0f} %"
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nb" else text


def _on_value(control: levers.Control):
    """A null setting switched on: the middle of its range, on its steps."""
    middle = control.low + round((control.high - control.low) / 2 / control.step) * control.step
    return int(middle) if control.kind == "whole" else float(middle)


def _shown_of(options: dict[str, str], name: str) -> str | None:
    return next((shown for shown, n in options.items() if n == name), None)


def _set_seed(value) -> None:
    if isinstance(value, int) and value >= 0:
        state.seed.value, state.playing.value = value, False
