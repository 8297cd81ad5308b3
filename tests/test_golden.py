"""The golden tables: every policy's tables at a fixed seed are byte-identical to the stored ones.

A refactoring must keep this green. A change to behaviour regenerates the fingerprints on purpose
(`python3 tests/golden/make_fingerprints.py`) and says why.
"""

import json

import pytest

from golden.make_fingerprints import FILE, SETTINGS, fingerprint, policies

STORED = json.loads(FILE.read_text())


def test_the_stored_fingerprints_cover_every_policy_at_the_same_settings():
    assert STORED["settings"] == SETTINGS
    assert sorted(STORED["fingerprints"]) == policies()


@pytest.mark.parametrize("policy", sorted(STORED["fingerprints"]))
def test_tables_are_identical_to_the_golden_ones(policy):
    assert fingerprint(policy) == STORED["fingerprints"][policy], (
        f"{policy}: the tables changed; if on purpose, run python3 tests/golden/make_fingerprints.py")
