"""Check a change that only ADDS summary columns: against the fingerprints of git revision REV, every
policy stored there has byte-identical appointments and patients tables, and an identical summary
once the named new columns are dropped. Run from the repository root:

    python3 tests/golden/check_added_columns.py REV COLUMN [COLUMN ...]
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent))

from golden.make_fingerprints import SETTINGS  # noqa: E402
from sim.config.compose import load_config  # noqa: E402
from sim.simulate import simulate  # noqa: E402


def _sha(table) -> str:
    return hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()


def main(rev: str, new_columns: set[str]) -> bool:
    stored = json.loads(subprocess.run(["git", "show", f"{rev}:tests/golden/fingerprints.json"],
                                       check=True, capture_output=True, text=True).stdout)
    assert stored["settings"] == SETTINGS, "the golden settings changed"
    same = True
    for policy, prints in sorted(stored["fingerprints"].items()):
        r = simulate(load_config([*SETTINGS, f"policy={policy}"]))
        summary = r.summary.drop(columns=[c for c in r.summary.columns if c in new_columns])
        checks = {"appointments": _sha(r.appointments) == prints["appointments"],
                  "patients": _sha(r.patients) == prints["patients"],
                  "summary without the new columns": _sha(summary) == prints["summary"]}
        same &= all(checks.values())
        print(policy, checks)
    print("identical apart from the new columns" if same else "DIFFERENT")
    return same


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1], set(sys.argv[2:])) else 1)
