"""Fingerprints of every policy's tables at a fixed seed and a short horizon: the golden tables.

A change that should not change behaviour leaves them identical (tests/test_golden.py). A change
that means to change behaviour regenerates them once, on purpose, and says why in its commit:

    python3 tests/golden/make_fingerprints.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from sim.config.compose import load_config  # noqa: E402
from sim.simulate import simulate  # noqa: E402

FILE = HERE / "fingerprints.json"
SETTINGS = ["seed=424242", "warmup_days=120", "horizon_days=120", "charts=false"]
TABLES = ("appointments", "patients", "summary")


def policies() -> list[str]:
    return sorted(p.stem for p in (HERE.parent.parent / "scenarios" / "policy").glob("*.yaml"))


def fingerprint(policy: str) -> dict[str, str]:
    """The SHA-256 of each table as written to CSV."""
    results = simulate(load_config([*SETTINGS, f"policy={policy}"]))
    return {name: hashlib.sha256(getattr(results, name).to_csv(index=False).encode()).hexdigest()
            for name in TABLES}


def main() -> None:
    prints = {policy: fingerprint(policy) for policy in policies()}
    FILE.write_text(json.dumps({"settings": SETTINGS, "fingerprints": prints}, indent=2) + "\n")
    print(f"written: {FILE} ({len(prints)} policies)")


if __name__ == "__main__":
    main()
