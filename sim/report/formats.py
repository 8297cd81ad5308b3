"""Numbers, percentages, intervals and dates as a board reads them, in Norwegian or English.

A thin layer over Babel: the separators, the percent pattern, the minus sign, month names and
their abbreviations all come from the Unicode CLDR locale data (nb: "33,5 %", "1 234", "−6,1",
"1. januar 2005"; en: "33.5%", "1,234", "-6.1", "1 January 2005"). What is ours: the number of
decimals shown, rounding before the sign is chosen (so −0.04 shows as "0,0", not "−0,0"), a
plus sign on signed differences, and a dash for a missing value.
"""

from __future__ import annotations

import copy
import math
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import NumberPattern, get_minus_sign_symbol, get_plus_sign_symbol

LOCALES = {"nb": "nb_NO", "en": "en"}  # en, not en_GB: CLDR abbreviates September "Sept" in en_GB
DATE_PATTERNS = {"nb": "d. MMMM y", "en": "d MMMM y"}  # CLDR date-field symbols
MISSING = "\u2013"  # en dash


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@cache
def _pattern(lang: str, kind: str, decimals: int) -> NumberPattern:
    """The language's own decimal or percent pattern, with exactly `decimals` decimals and no
    scaling (we round, and scale shares to percent, ourselves)."""
    locale = Locale.parse(LOCALES[lang])
    pattern = copy.copy((locale.percent_formats if kind == "percent" else locale.decimal_formats)[None])
    pattern.frac_prec = (decimals, decimals)
    pattern.scale = 0
    return pattern


def _signed(value: float, lang: str, kind: str, decimals: int, sign: bool) -> str:
    rounded = round(float(value), decimals)
    text = _pattern(lang, kind, decimals).apply(abs(rounded), LOCALES[lang])
    if rounded < 0:  # Babel's patterns write a hyphen; the locale's own minus sign is in CLDR
        return get_minus_sign_symbol(LOCALES[lang]) + text
    return get_plus_sign_symbol(LOCALES[lang]) + text if sign and rounded > 0 else text


def number(value, lang: str, decimals: int = 0, sign: bool = False) -> str:
    """1 234,5 (nb) or 1,234.5 (en); `sign` puts a + before positive numbers."""
    return MISSING if missing(value) else _signed(value, lang, "decimal", decimals, sign)


def percent(share, lang: str, decimals: int = 1, sign: bool = False) -> str:
    """A share as a percentage: 33,5 % (nb) or 33.5% (en)."""
    return MISSING if missing(share) else _signed(100 * share, lang, "percent", decimals, sign)


def points(diff, lang: str, decimals: int = 1) -> str:
    """A difference of two shares in percentage points, signed, without unit: +1,5 / −6,1."""
    return number(100 * diff, lang, decimals, sign=True) if not missing(diff) else MISSING


def interval(low: str, high: str, lang: str, to: str) -> str:
    """A confidence interval from two formatted ends and the language's word for "to"."""
    return "" if MISSING in (low, high) else f"{low} {to} {high}"


def rounded(value, step: float):
    """`value` rounded to a multiple of `step` (e.g. NOK to the nearest thousand)."""
    return value if missing(value) else round(float(value) / step) * step


def day(value: date, lang: str) -> str:
    """A date: 1. januar 2005 (nb) or 1 January 2005 (en)."""
    return format_date(value, DATE_PATTERNS[lang], locale=LOCALES[lang])


@cache
def months(lang: str) -> tuple[str, ...]:
    """Short month names for axis ticks: the stand-alone abbreviations (nb "mar", not "mars")."""
    names = get_month_names("abbreviated", context="stand-alone", locale=LOCALES[lang])
    return tuple(names[month] for month in range(1, 13))
