"""The explorer's words in Norwegian bokmål (nb) and English (en)."""

from __future__ import annotations

LANGUAGES = ("nb", "en")

WORDS = {
    "title": ("Utforsk oppmøte ved poliklinikkene", "Clinic attendance explorer"),
    "language": ("Språk", "Language"),
    "clinic": ("Klinikker", "Clinics"),
    "policy": ("Tiltak", "Policy"),
    "seed": ("Startverdi for tilfeldighet (seed)", "Random seed"),
    "speed": ("Fart (uker per sekund)", "Speed (weeks a second)"),
    "play": ("Spill av", "Play"),
    "pause": ("Pause", "Pause"),
    "restart": ("Start på nytt", "Restart"),
    "no_levers": ("Dagens praksis: ingen tiltak å justere.",
                  "Current practice: no policy lever to set."),
    "off": ("av: {what}", "off: {what}"),
    "day": ("Dag {day} av {days}", "Day {day} of {days}"),
    "warm": ("Klinikkene er fylt opp (ett års innkjøring); trykk Spill av.",
             "The clinics are full (one year's warm-up); press Play."),
    "policy_line": ("tiltaket", "the policy"),
    "baseline_line": ("dagens praksis", "current practice"),
    "figure": ("Nøkkeltall hittil", "Key figures so far"),
    "difference": ("Forskjell", "Difference"),
    "no_show_chart": ("Ikke møtt per uke, per klinikk", "Weekly no-show by clinic"),
    "all_clinics": ("Alle klinikker", "All clinics"),
    "waiting_chart": ("Venteliste", "Waiting list"),
    "in_care_chart": ("Pasienter i behandling", "Patients in care"),
    "consultations_chart": ("Konsultasjoner hittil", "Consultations so far"),
    "lost_chart": ("Tapte timer hittil", "Lost hours so far"),
    "technical": ("tapte timer", "slots missed"),
    "real": ("reelt tapt tid", "idle time"),
    "download": ("Last ned diagrammene (PNG)", "Download the charts (PNG)"),
    "replications": ("Noen gjentakelser", "A few replications"),
    "replications_run": ("Kjør {n} gjentakelser", "Run {n} replications"),
    "replications_note": (
        "Forskjell fra dagens praksis med 95 % konfidensintervall, parvis per gjentakelse "
        "(samme beregning som sammenligningen etter en sweep).",
        "Difference from current practice with its 95% confidence interval, paired by "
        "replication (the same computation as a sweep's comparison)."),
    "running": ("Kjører …", "Running …"),
    "keep": ("Ta vare på innstillingene", "Keep these settings"),
    "keep_name": ("Navn på tiltaksfilen", "Name of the policy file"),
    "keep_button": ("Lagre som tiltak", "Save as a policy"),
    "keep_no_folder": (
        "Ingen egen mappe: start med SIM_CONFIG_DIR=MAPPE solara run app.py",
        "No folder of your own: start with SIM_CONFIG_DIR=FOLDER solara run app.py"),
    "kept": ("Lagret {path}. Kjør: {command}", "Saved {path}. Run: {command}"),
    "kpi": ("Nøkkeltall", "Key figure"),
    "effect": ("Effekt", "Effect"),
    "interval": ("95 % KI", "95% CI"),
}

FIGURES = {  # the key figures of the panel and the replications (summary columns)
    "no_show_rate": ("Andel ikke møtt", "No-show rate"),
    "attended": ("Konsultasjoner", "Consultations"),
    "technical_loss_hours": ("Tapte timer (tekniske)", "Slots missed (hours)"),
    "real_loss_hours": ("Reelt tapt tid (timer)", "Time really lost (hours)"),
    "real_loss_nok": ("Reelt tapt tid (kr)", "Time really lost (NOK)"),
    "mean_waiting_list": ("Venteliste (snitt)", "Waiting list (mean)"),
    "mean_days_referral_to_first_treatment": ("Dager fra henvisning til behandling",
                                              "Days from referral to treatment"),
    "patients_in_care": ("Pasienter i behandling", "Patients in care"),
    "exits_dropped_out": ("Falt ut", "Dropped out"),
    "exits_discharged_non_attendance": ("Skrevet ut for ikke møtt", "Discharged for missing"),
    "late_cancellation_rate": ("Andel sene avbestillinger", "Late cancellation rate"),
    "consultations_per_fte_year": ("Konsultasjoner per årsverk", "Consultations per FTE-year"),
    "policy_cost_nok": ("Netto kostnad for tiltaket (kr)", "The policy's net cost (NOK)"),
}

CHOICES = {  # the YAML words of a choice control
    "none": ("ingen", "none"), "sms": ("SMS", "SMS"), "letter": ("brev", "letter"),
    "phone": ("telefon", "phone call"), "call": ("samtale", "call"),
    "all": ("alle", "everyone"), "missed_before": ("de som har uteblitt", "those who missed"),
    "video": ("video", "video"), "home": ("hjemme eller kafé", "home or cafe"),
    "flat": ("alle timer", "any booking"), "risk": ("etter risiko", "by risk"),
}


def word(key: str, language: str, **values) -> str:
    """A word of the page in `language` ("nb" or "en"), its {placeholders} filled."""
    nb, en = WORDS[key]
    return (nb if language == "nb" else en).format(**values)


def figure_name(kpi: str, language: str) -> str:
    nb, en = FIGURES.get(kpi, (kpi, kpi))
    return nb if language == "nb" else en


def choice_name(value: str, language: str) -> str:
    nb, en = CHOICES.get(value, (value, value))
    return nb if language == "nb" else en


def shown(kpi: str, value: float, language: str) -> str:
    """A key figure as a planner reads it: a rate in %, counts whole, hours with one decimal."""
    if value != value:  # NaN: nothing yet
        return "–"
    if kpi.endswith("_rate"):
        text = f"{100 * value:.1f} %"
    elif abs(value) >= 100 or float(value).is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",") if language == "nb" else text
