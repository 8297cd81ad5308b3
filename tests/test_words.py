"""The report's word catalogues, sim/report/words/nb.yaml and en.yaml: the same keys and the same
placeholders in both (a text left untranslated or a placeholder misspelt fails here, not in front
of the board), every key the code names exists, and a missing key is an error that names it."""

import re
from pathlib import Path

import pytest

from sim.report.text import Language, catalogue, placeholders

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["nb", "en"]


def texts(words, key: str = "") -> dict[str, str]:
    """Every text of a catalogue by its path: "how.ci", "sources.0", ..."""
    if isinstance(words, str):
        return {key: words}
    pairs = words.items() if isinstance(words, dict) else enumerate(words)
    found = {}
    for name, value in pairs:
        found.update(texts(value, f"{key}.{name}" if key else str(name)))
    return found


def keys_the_code_names() -> set[str]:
    """The literal keys in lang("..."), lang.items("...") and lang.pick("...") calls."""
    calls = re.compile(r"""\blang(?:\.items|\.pick)?\(\s*["'](\w+)["']""")
    return {key for path in (ROOT / "sim").rglob("*.py") for key in calls.findall(path.read_text())}


def test_both_catalogues_have_the_same_keys_and_placeholders():
    nb, en = texts(catalogue("nb")), texts(catalogue("en"))
    assert sorted(nb) == sorted(en), "keys only in one language: " + ", ".join(sorted(set(nb) ^ set(en)))
    differ = [key for key in nb if placeholders(nb[key]) != placeholders(en[key])]
    assert not differ, f"placeholders differ between nb and en in: {', '.join(differ)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_code_names_is_in_the_catalogue(lang):
    used = keys_the_code_names()
    assert {"title", "best", "how", "assumptions"} <= used  # the scan finds the calls
    assert not used - set(catalogue(lang)), sorted(used - set(catalogue(lang)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_a_non_empty_string(lang):
    assert all(isinstance(text, str) and text.strip() for text in texts(catalogue(lang)).values())


def test_a_missing_key_names_the_catalogue_and_the_key():
    with pytest.raises(KeyError, match=r"words/en\.yaml has no text for 'no_such_text'"):
        Language("en")("no_such_text")
    with pytest.raises(KeyError, match=r"words/nb\.yaml has no text for how: no_such_topic"):
        Language("nb").pick("how", ["ci", "no_such_topic"])


def test_words_are_filled_in_and_joined():
    nb = Language("nb")
    assert nb("one_scenario", reps=2) == "1 scenario, 2 kjøringer"
    assert nb.join(["A", "B", "C"]) == "A, B og C" and Language("en").ci("1.0", "2.0") == "1.0 to 2.0"
    assert placeholders("{n} av {total} ({names})") == {"n", "total", "names"}
