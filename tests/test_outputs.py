"""One command writes every table, chart and the record needed to reproduce the run."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_run_py_writes_tables_charts_and_provenance(tmp_path):
    run_dir = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, "run.py", "policy=sms_reminder", "seed=7", "horizon_days=120",
         "warmup_days=120", f"hydra.run.dir={run_dir}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    appointments = pd.read_csv(run_dir / "appointments.csv")
    assert {"patient_id", "clinic", "stage", "booked_on", "scheduled_for", "lead_days",
            "reminder", "outcome", "reason"} <= set(appointments.columns)
    assert (appointments.reminder == "sms").any()
    patients = pd.read_csv(run_dir / "patients.csv")
    assert patients.patient_id.is_unique
    assert set(appointments.patient_id) <= set(patients.patient_id)
    summary = pd.read_csv(run_dir / "summary.csv")
    assert summary.clinic.tolist()[-1] == "all" and len(summary) == 6
    as_json = json.loads((run_dir / "summary.json").read_text())
    assert [row["clinic"] for row in as_json] == summary.clinic.tolist()
    info = json.loads((run_dir / "run_info.json").read_text())
    assert info["seed"] == 7 and info["packages"]["mesa"].startswith("3.")
    assert "sms" in (run_dir / "config.yaml").read_text()
    for chart in ("no_show_by_clinic_and_stage", "weekly_no_show", "waiting_list"):
        data = (run_dir / f"{chart}.png").read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10_000
    assert not list(run_dir.glob(".staging-*"))
