"""Bad (and awkward) records files, each with what reading it must give: the rows used and the
rows rejected per reason, or the one line it is refused with. Shared by tests/test_records_read.py
and the closing note's list of lines."""

HEADER = "patient_key;clinic;stage;booked_on;scheduled_for;outcome"
GOOD = [
    "19017012345;Askim;Utredning;01.02.2005;15.02.2005;Møtt",
    "19017012345;Askim;Første behandling;16.02.2005;10.03.2005;Ikke møtt",
    "19017012345;Askim;Behandling;11.03.2005;18.03.2005;Avlyst",
    "28027154321;Moss;utredning;03.02.2005;17.02.2005;Møtt",
]


def table(*rows: str, header: str = HEADER, newline: str = "\n") -> str:
    return newline.join([header, *rows]) + newline


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


# (name, bytes, expected): expected is (rows used, {reason: rows}) or the refusal's text after
# "error: <file>" (the file's name is left out here; it starts every refusal).
CASES = [
    ("windows_1252", table(*GOOD).encode("cp1252"), (4, {})),
    ("utf8_bom_crlf", b"\xef\xbb\xbf" + utf8(table(*GOOD, newline="\r\n")), (4, {})),
    ("not_utf8_nor_1252", utf8(table(*GOOD)) + b"\x81\x8d;x\n",
     ": is neither UTF-8 nor Windows-1252 text (byte 297); save it as CSV in UTF-8"),
    ("utf16", table(*GOOD).encode("utf-16"),
     ": is UTF-16 text; save it as CSV in UTF-8 or Windows-1252"),
    ("missing_column", utf8(table("1;Askim;Utredning;01.02.2005;15.02.2005",
                                  header="patient_key;clinic;stage;booked_on;scheduled_for")),
     ", line 1: no column outcome (the required columns are patient_key, clinic, stage, "
     "booked_on, scheduled_for, outcome)"),
    ("impossible_dates", utf8(table(*GOOD, "1;Askim;Utredning;31.02.2005;15.03.2005;Møtt",
                                    "2;Askim;Utredning;01.02.2005;2005-13-01;Møtt")),
     (4, {"booked_on impossible": 1, "scheduled_for impossible": 1})),
    ("missing_dates", utf8(table(*GOOD, "1;Askim;Utredning;;15.03.2005;Møtt",
                                 "2;Askim;Utredning;01.02.2005;;Møtt")),
     (4, {"booked_on missing": 1, "scheduled_for missing": 1})),
    ("scheduled_before_booked",
     utf8(table(*GOOD, "1;Askim;Behandling;10.03.2005;09.03.2005;Møtt")),
     (4, {"scheduled before booked": 1})),
    ("outcomes_norwegian", utf8(table(*GOOD, "5;Halden;behandling;01.03.2005;08.03.2005;MØTT",
                                      "5;Halden;behandling;01.03.2005;15.03.2005;ikke  møtt",
                                      "5;Halden;behandling;01.03.2005;22.03.2005;Ikke mott")),
     (7, {})),
    ("outcomes_english", utf8(table(*[r.replace("Ikke møtt", "no-show")
                                      .replace("Møtt", "attended")
                                      .replace("Avlyst", "cancelled") for r in GOOD],
                                    "6;Moss;treatment;01.03.2005;08.03.2005;No_show",
                                    "6;Moss;treatment;01.03.2005;15.03.2005;canceled")),
     (6, {})),
    ("unknown_outcome", utf8(table(*GOOD, "7;Moss;Behandling;01.03.2005;08.03.2005;Kanskje",
                                   "8;Moss;Behandling;01.03.2005;08.03.2005;")),
     (4, {"outcome missing": 1, "unknown outcome": 1})),
    ("unknown_stage", utf8(table(*GOOD, "9;Moss;Kontroll;01.03.2005;08.03.2005;Møtt")),
     (4, {"unknown stage": 1})),
    ("duplicates", utf8(table(*GOOD, GOOD[0], GOOD[1], GOOD[1])), (4, {"duplicate": 3})),
    ("header_block", utf8("Rapport: timebok;;;;;\nEnhet: ARA Østfold;;;;;\nPeriode: 2005\n\n"
                          + table(*GOOD) + ";;;;;\nSum;;;;;4\n"),
     (4, {"clinic missing": 1})),
    ("empty", b"", ": the file is empty"),
    ("blank_lines_only", b"\n \r\n\t\n", ": the file is empty"),
    ("header_only", utf8(table()), ": no rows below the header (line 1)"),
    ("not_a_table", utf8("Dear planner,\nhere are the figures you asked for.\n"),
     ": is not a records table: no line among its first 50 names the columns patient_key, "
     "clinic, stage, booked_on, scheduled_for, outcome"),
    ("binary", bytes(range(256)) * 4,
     ": is not a text table (it holds binary data; save it as CSV)"),
    ("xlsx", b"PK\x03\x04" + bytes(100),
     ": is a spreadsheet workbook (e.g. .xlsx), not a CSV file; save it as CSV"),
    ("comma_separated_decimal_commas", utf8(
        "patient_key,clinic,stage,booked_on,scheduled_for,outcome,travel_minutes,clinic_fte\n"
        '1,Askim,assessment,2005-02-01,2005-02-15,attended,"34,5","4,2"\n'
        '2,Askim,assessment,2005-02-01,2005-02-15,no_show,"12,0","4,2"\n'
        '3,Askim,assessment,2005-02-01,2005-02-15,no_show,"tolv","4,2"\n'),
     (2, {"travel_minutes not a number": 1})),
    ("wrong_number_of_fields", utf8(table(*GOOD, "10;Askim;Behandling;01.03.2005",
                                          "12;Moss;Behandling;01.03.2005;08.03.2005;Møtt;;")),
     (5, {"wrong number of fields": 1})),
    ("missing_keys", utf8(table(*GOOD, ";Askim;Behandling;01.03.2005;08.03.2005;Møtt",
                                "11;;Behandling;01.03.2005;08.03.2005;Møtt")),
     (4, {"patient_key missing": 1, "clinic missing": 1})),
    ("optional_columns", utf8(table(
        "1;Askim;Utredning;01.02.2005;15.02.2005;Avlyst;14.02.2005 09:30;10.01.2005;ja;16-25",
        "2;Askim;Utredning;01.02.2005;15.02.2005;Møtt;;32.01.2005;nei;26-50",
        "3;Askim;Utredning;01.02.2005;15.02.2005;Møtt;;;kanskje;26-50",
        header=HEADER + ";cancelled_at;referral_date;reminder_sent;age_group")),
     (1, {"referral_date impossible": 1, "unknown reminder_sent": 1})),
    ("duplicate_column", utf8(table(*GOOD, header=HEADER + ";clinic")),
     ", line 1: column clinic appears twice"),
]


def trust_of_sites(folder, sites: dict) -> None:
    """A clinic file `FOLDER/clinic/three_sites.yaml`: Østfold's file with its sites replaced by
    `sites` (key: settings), each otherwise like Moss. For the fit's tests of another trust."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent
    clinic = yaml.safe_load((root / "scenarios" / "clinic" / "ostfold_2005.yaml").read_text())
    like = clinic["sites"]["moss"]
    clinic["name"] = "three_sites"
    clinic["sites"] = {key: dict(like, display_name=key.title(), **settings)
                       for key, settings in sites.items()}
    (Path(folder) / "clinic").mkdir(parents=True, exist_ok=True)
    (Path(folder) / "clinic" / "three_sites.yaml").write_text(yaml.safe_dump(clinic))
