"""`python3 -m sim.records fit FILE --name NAME --config-dir DIR`: a scenario for one's own
clinics, derived from their records (sim/records/derive.py), written into one's config folder
(sim/records/scenario_files.py).

The clinic settings come from the records; the behavioural parameters start from Østfold 2005's
calibrated values and are not yet fitted to the records (the calibration in sim/calibration/ is
wired to the Østfold targets).
"""

from __future__ import annotations

from pathlib import Path

from sim.enums import Stage
from sim.records import RecordsError
from sim.records.derive import derive
from sim.records.read import read_records
from sim.records.scenario_files import check_name, write_scenario


def fit(path: Path, name: str, config_dir: Path, stage_map: dict[str, Stage] | None) -> list[str]:
    """Write the scenario; return the lines to print (the reading report, the files, the
    command that runs it)."""
    check_name(name)
    records = read_records(path, stage_map)
    if records.appointments.patient_key.nunique() < 5:
        raise RecordsError(f"{path}: no row could be used; see the reasons with "
                           f"python3 -m sim.records describe {path}")
    derived = derive(records.appointments, _turned_down_share())
    written = write_scenario(config_dir, name, derived, Path(path).name)
    lines = [*records.report.lines(), *(f"wrote {p}" for p in written)]
    lines += [f"  {what}" for what in derived.kept]
    lines += [f"  left out: {', '.join(derived.left_out)} (fewer than 5 patients each)"
              ] if derived.left_out else []
    lines.append(f"run it: python3 run.py --config-dir {config_dir} clinic={name} fitted={name}")
    return lines


def _turned_down_share() -> float:
    """The share of referrals turned down before any appointment (scenarios/behaviour/)."""
    import yaml

    from sim.config.command_line import SCENARIOS

    behaviour = yaml.safe_load((SCENARIOS / "behaviour" / "default.yaml").read_text("utf-8"))
    return float(behaviour["treatment"]["turned_down_share"])
