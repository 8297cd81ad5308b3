"""The records format's columns and the words accepted in its cells (docs/records.md).

Norwegian exports write "Møtt", "Ikke møtt" and "Avlyst", dates as dd.mm.yyyy and decimal commas;
other systems write the English words and ISO dates. Both are read the same way.
"""

from __future__ import annotations

import pandas as pd

from sim.enums import Outcome, Stage

REQUIRED = ("patient_key", "clinic", "stage", "booked_on", "scheduled_for", "outcome")
OPTIONAL = ("cancelled_at", "referral_date", "age_group", "travel_minutes", "postcode_area",
            "reminder_sent", "clinician_key", "clinic_fte")
COLUMNS = REQUIRED + OPTIONAL
KEYS = ("patient_key", "clinician_key")  # replaced by a keyed hash on reading
DATES = ("booked_on", "scheduled_for", "referral_date", "cancelled_at")
NUMBERS = ("travel_minutes", "clinic_fte")

OUTCOME_WORDS = {
    "attended": Outcome.ATTENDED, "møtt": Outcome.ATTENDED, "mott": Outcome.ATTENDED,
    "no_show": Outcome.NO_SHOW, "no-show": Outcome.NO_SHOW, "no show": Outcome.NO_SHOW,
    "ikke møtt": Outcome.NO_SHOW, "ikke mott": Outcome.NO_SHOW, "ikke_møtt": Outcome.NO_SHOW,
    "cancelled": Outcome.CANCELLED, "canceled": Outcome.CANCELLED, "avlyst": Outcome.CANCELLED,
}
STAGE_WORDS = {
    "assessment": Stage.ASSESSMENT, "utredning": Stage.ASSESSMENT,
    "first_treatment": Stage.FIRST_TREATMENT, "first treatment": Stage.FIRST_TREATMENT,
    "første behandling": Stage.FIRST_TREATMENT, "forste behandling": Stage.FIRST_TREATMENT,
    "treatment": Stage.TREATMENT, "behandling": Stage.TREATMENT,
}
YES_NO = {"yes": True, "ja": True, "true": True, "1": True,
          "no": False, "nei": False, "false": False, "0": False}

# Norwegian spellings the exporter writes (sim/records/export.py).
OUTCOME_NB = {Outcome.ATTENDED: "Møtt", Outcome.NO_SHOW: "Ikke møtt",
              Outcome.CANCELLED: "Avlyst"}
STAGE_NB = {Stage.ASSESSMENT: "Utredning", Stage.FIRST_TREATMENT: "Første behandling",
            Stage.TREATMENT: "Behandling"}

# A date with or without a time of day; dd.mm.yyyy first (Norwegian), then ISO.
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
                "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
YEARS = (1900, 2100)  # a date outside these years is a typing error (0005 for 2005)


def word(cell) -> str:
    """A cell as a word to look up: trimmed, lower case, inner spaces single."""
    return " ".join(str(cell).split()).lower()


def words_of(series: pd.Series) -> pd.Series:
    return series.map(word, na_action="ignore")


def parse_dates(series: pd.Series) -> pd.Series:
    """Each cell as a timestamp, NaT where it is empty or no accepted date (e.g. 30.02.2005)."""
    text = series.astype("object").where(series.notna()).map(str.strip, na_action="ignore")
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[us]")
    for form in DATE_FORMATS:
        missing = parsed.isna() & text.notna()
        if not missing.any():
            break
        found = pd.to_datetime(text[missing], format=form, errors="coerce")
        parsed[missing] = found.astype("datetime64[us]")
    return parsed.where(parsed.dt.year.between(*YEARS))


def parse_numbers(series: pd.Series) -> pd.Series:
    """Each cell as a number: a decimal comma or point, spaces as thousands separators."""
    text = series.astype("object").map(lambda cell: "".join(str(cell).split()).replace(",", "."),
                                       na_action="ignore")
    return pd.to_numeric(text, errors="coerce")
