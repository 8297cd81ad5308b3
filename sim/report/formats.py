"""Numbers, percentages, intervals and dates as a board reads them, in Norwegian or English.

Norwegian bokmål (nb): decimal comma, a narrow no-break space between thousands, a no-break
space before the percent sign: "33,5 %", "1 234". English (en): "33.5%", "1,234".
Negative numbers take the minus sign (U+2212); a missing value is a dash.
"""

from __future__ import annotations

import math
from datetime import date

MINUS = "\u2212"
NO_BREAK = "\u00a0"  # before "%" in nb
THOUSANDS_NB = "\u202f"  # narrow no-break space: 1 234
MISSING = "\u2013"  # en dash

MONTHS = {  # for axis ticks
    "nb": ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
MONTH_NAMES = {  # in running text
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, lang: str, decimals: int = 0, sign: bool = False) -> str:
    """1 234,5 (nb) or 1,234.5 (en); `sign` puts a + before positive numbers."""
    if missing(value):
        return MISSING
    rounded = round(float(value), decimals)
    text = f"{abs(rounded):,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", THOUSANDS_NB)
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if sign and rounded > 0 else text


def percent(share, lang: str, decimals: int = 1, sign: bool = False) -> str:
    """A share as a percentage: 33,5 % (nb) or 33.5% (en)."""
    if missing(share):
        return MISSING
    return number(100 * share, lang, decimals, sign) + (NO_BREAK + "%" if lang == "nb" else "%")


def points(diff, lang: str, decimals: int = 1) -> str:
    """A difference of two shares in percentage points, signed, without unit: +1,5 / −6,1."""
    return number(100 * diff, lang, decimals, sign=True) if not missing(diff) else MISSING


def interval(low: str, high: str, lang: str) -> str:
    """A confidence interval from two formatted ends: "32,1 til 34,9" / "32.1 to 34.9"."""
    if MISSING in (low, high):
        return ""
    return f"{low} {'til' if lang == 'nb' else 'to'} {high}"


def rounded(value, step: float):
    """`value` rounded to a multiple of `step` (e.g. NOK to the nearest thousand)."""
    return value if missing(value) else round(float(value) / step) * step


def day(value: date, lang: str) -> str:
    """A date: 1. januar 2005 (nb) or 1 January 2005 (en)."""
    month = MONTH_NAMES[lang][value.month - 1]
    return f"{value.day}. {month} {value.year}" if lang == "nb" else f"{value.day} {month} {value.year}"
