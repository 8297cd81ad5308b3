"""What `python3 -m sim.records describe` writes, on records whose figures are known by hand
(sim/records/no_show_tables.py, pathway_tables.py)."""

import pandas as pd
import pytest

from sim.records.__main__ import main

HEADER = ("patient_key;clinic;stage;booked_on;scheduled_for;outcome;cancelled_at;referral_date;"
          "travel_minutes;reminder_sent;clinic_fte")


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RECORDS_KEY_FILE", str(tmp_path / "records.key"))


def _course(n: int) -> list[str]:
    """Patient n: assessment attended (Mon 7 Mar 2005), first treatment missed (Mon 4 Apr),
    treatment attended (Mon 11 Apr), treatment cancelled two days ahead (Mon 18 Apr)."""
    who = f"P{n};Vest"
    tail = f";01.02.2005;20,5;{'ja' if n % 2 else 'nei'};2,5"
    return [f"{who};Utredning;01.02.2005;07.03.2005;Møtt;" + tail,
            f"{who};Første behandling;07.03.2005;04.04.2005;Ikke møtt;" + tail,
            f"{who};Behandling;04.04.2005;11.04.2005;Møtt;" + tail,
            f"{who};Behandling;11.04.2005;18.04.2005;Avlyst;16.04.2005 10:00" + tail]


@pytest.fixture
def described(tmp_path):
    records = tmp_path / "records.csv"
    rows = [row for n in range(10) for row in _course(n)]
    records.write_text("\n".join([HEADER, *rows]) + "\n", encoding="cp1252")
    assert main(["describe", str(records), "--out", str(tmp_path / "out")]) == 0

    def table(name: str) -> pd.DataFrame:
        return pd.read_csv(tmp_path / "out" / f"{name}.csv")

    return table


def test_no_show_by_stage_lead_time_weekday_travel_and_reminder(described):
    stage = described("no_show_by_stage").set_index("stage")
    assert stage.no_show_rate.to_dict() == {"assessment": 0.0, "first_treatment": 1.0,
                                            "treatment": 0.0}
    assert stage.loc["treatment", ["booked", "planned", "cancelled"]].tolist() == [20, 10, 10]
    lead = described("no_show_by_lead_time").set_index("lead_time")
    assert lead.planned.to_dict() == {"7-13 days": 10, "28-55 days": 20}
    assert described("no_show_by_weekday").weekday.tolist() == ["Monday"]
    assert described("no_show_by_travel_time").travel_time.tolist() == ["15-29 min"]
    assert described("no_show_by_reminder").set_index("reminder").patients.to_dict() == {
        "not reminded": 5, "reminded": 5}
    assert described("no_show_by_month").month.tolist() == ["2005-03", "2005-04"]


def test_after_previous_waits_courses_and_fte(described):
    after = described("no_show_after_previous").set_index("previous").no_show_rate
    assert after.to_dict() == {"after a no-show": 0.0, "after an attendance": 1.0}
    waits = described("waits").set_index(["measure", "clinic"]).median_days
    assert waits[("referral_to_first_appointment", "all")] == 34  # 1 Feb to 7 Mar
    assert waits[("referral_to_first_treatment", "Vest")] == 62
    assert waits[("cancellation_notice", "Vest")] == 2
    endings = described("course_endings").set_index("ending")
    assert endings.courses.to_dict() == {"still open": 10}  # within 60 days of the last date
    lengths = described("course_lengths").set_index("planned_appointments")
    assert lengths.courses.to_dict() == {"2-3": 10}
    fte = described("appointments_per_fte").iloc[0]
    assert fte.clinic_fte == 2.5 and fte.attended == 20
    assert fte.attended_per_fte_year == round(20 / (2.5 * 43 / 365), 1)  # 7 Mar to 18 Apr
