"""Every word of the board report, in Norwegian bokmål (nb) and English (en).

`Language("nb")("key", name=...)` gives a string with its values filled in; the same object
formats numbers the way that language writes them (sim/report/formats.py).
"""

from __future__ import annotations

from sim.report import formats as fmt

from sim.report import text_en as report_text_en

from sim.report import text_nb as report_text_nb
from sim.config import check_report_language

TEXT = {"nb": report_text_nb.TEXT, "en": report_text_en.TEXT}


class Language:
    """The report's words and number formats in one language (nb or en)."""

    def __init__(self, code: str) -> None:
        check_report_language(code)
        self.code = code
        self.text = TEXT[code]

    def __call__(self, key: str, **values) -> str:
        return self.text[key].format(**values) if values else self.text[key]

    def items(self, key: str, **values) -> list[str]:
        return [item.format(**values) for item in self.text[key]]

    def pick(self, key: str, names: list[str], **values) -> list[str]:
        """Some of a keyed group of paragraphs, in the order named."""
        return [self.text[key][name].format(**values) for name in names]

    def num(self, value, decimals: int = 0, sign: bool = False) -> str:
        return fmt.number(value, self.code, decimals, sign)

    def pct(self, share, decimals: int = 1) -> str:
        return fmt.percent(share, self.code, decimals)

    def pp(self, diff) -> str:
        return fmt.points(diff, self.code)

    def ci(self, low: str, high: str) -> str:
        return fmt.interval(low, high, self.code)

    def day(self, value) -> str:
        return fmt.day(value, self.code)

    def months(self) -> list[str]:
        return fmt.MONTHS[self.code]

    def join(self, names: list[str]) -> str:
        """"A, B og C" / "A, B and C"."""
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {self('and')} {names[-1]}"
