"""Every word of the board report, in Norwegian bokmål (nb) and English (en).

The words live in one catalogue per language, sim/report/words/nb.yaml and en.yaml, which a
translator edits without reading Python. `Language("nb")("key", name=...)` gives a string with
its placeholders filled in; the same object formats numbers the way that language writes them
(sim/report/formats.py, over Babel).
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

import yaml

from sim.config import check_report_language
from sim.report import formats as fmt

WORDS = "words"  # the catalogues' folder inside this package


@cache
def catalogue(code: str) -> dict:
    """The words of one language, read once from words/<code>.yaml."""
    return yaml.safe_load(resources.files(__package__).joinpath(WORDS, f"{code}.yaml").read_text("utf-8"))


def placeholders(text: str) -> set[str]:
    """The {names} a text expects: "{n} av {total}" -> {"n", "total"}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Language:
    """The report's words and number formats in one language (nb or en)."""

    def __init__(self, code: str) -> None:
        check_report_language(code)
        self.code = code
        self.text = catalogue(code)

    def _words(self, key: str):
        if key not in self.text:  # a programming error or a key deleted from the catalogue
            raise KeyError(f"sim/report/words/{self.code}.yaml has no text for {key!r}")
        return self.text[key]

    def __call__(self, key: str, **values) -> str:
        return self._words(key).format(**values) if values else self._words(key)

    def items(self, key: str, **values) -> list[str]:
        return [item.format(**values) for item in self._words(key)]

    def pick(self, key: str, names: list[str], **values) -> list[str]:
        """Some of a keyed group of paragraphs, in the order named."""
        group = self._words(key)
        missing = [name for name in names if name not in group]
        if missing:
            raise KeyError(f"sim/report/words/{self.code}.yaml has no text for {key}: {', '.join(missing)}")
        return [group[name].format(**values) for name in names]

    def num(self, value, decimals: int = 0, sign: bool = False) -> str:
        return fmt.number(value, self.code, decimals, sign)

    def pct(self, share, decimals: int = 1) -> str:
        return fmt.percent(share, self.code, decimals)

    def pp(self, diff) -> str:
        return fmt.points(diff, self.code)

    def ci(self, low: str, high: str) -> str:
        return fmt.interval(low, high, self.code, self("to"))

    def day(self, value) -> str:
        return fmt.day(value, self.code)

    def months(self) -> list[str]:
        return list(fmt.months(self.code))

    def join(self, names: list[str]) -> str:
        """"A, B og C" / "A, B and C"."""
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {self('and')} {names[-1]}"
