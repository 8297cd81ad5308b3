"""The report's notes: under the headline table (what each scenario is compared with), the
warning that a sweep is incomplete, and the footnote page's sections (assumptions, sources,
settings, how to reproduce). Drawn on the PDF pages (sim/report/pages.py) and in HTML."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.report.data import ReportData
from sim.report.text import Language


VALIDATION = Path(__file__).resolve().parents[2] / "docs" / "validation.csv"


def table_note(data: ReportData, lang: Language) -> str:
    """The note under the headline table, naming what each scenario is compared with."""
    if data.single:
        return lang("table_note_single")
    names = [data.names[s][lang.code] for s in data.references]
    reference = lang("reference_one", name=names[0]) if len(names) == 1 else \
        lang("reference_many", names=lang.join(names))
    ci = lang("table_ci") if data.replications > 1 else lang("table_ci_one_run")  # one run: no effect is known to be clear
    return lang("table_note", reference=reference, ci=ci)


def incomplete_message(data: ReportData, lang: Language) -> str:
    """Page one's warning that the sweep is incomplete ("" when it is complete)."""
    missing = data.incomplete
    if not missing:
        return ""
    if not missing.missing:
        counts = ", ".join(f"{data.names[s][lang.code]}: {n}" for s, n in missing.uneven.items())
        return lang("incomplete_uneven", counts=counts)
    names = [job for job, _ in missing.missing[:3]] + (["\u2026"] if len(missing.missing) > 3 else [])
    return lang("incomplete_jobs", n=len(missing.missing), total=missing.planned, names="; ".join(names))


def footnotes(data: ReportData, lang: Language) -> list[tuple[str, list[str], bool]]:
    """The footnote page's sections: (title, paragraphs, as code)."""
    s = data.settings
    reps = s["replications"]
    reps_text = f"{reps[0]}\u2013{reps[-1]} ({len(reps)})" if len(reps) > 1 else str(reps[0])
    commit = ", ".join(c[:12] + ("-dirty" if c.endswith("-dirty") else "") for c in s["commits"])
    runs = [lang("runs", seed=s["seed"], reps=reps_text, days=s["horizon_days"], warmup=s["warmup_days"],
                 scale=lang.num(s["scale"], 1), commit=commit, mesa=s["packages"].get("mesa", "?"),
                 python=s["python"])]
    if s["jobs_failed"]:
        runs.append(lang("failed", n=s["jobs_failed"]))
    runs.append(lang("folder", folder=data.folder))
    missing = [(lang("incomplete_title"), [incomplete_message(data, lang), *data.incomplete.lines()[1:]], False)] \
        if data.incomplete else []
    topics = ["no_show", "ci" if data.replications > 1 else "one_run", *(["hours_lost"] if data.single else ["hours", "cost"]),
              "days", "pathway"] + (["bands"] if data.replications > 1 else [])
    how = lang.pick("how", topics, days=s["horizon_days"], slot=lang.num(s["slot_minutes"]),
                    wait=lang.num(s["wait_minutes"]), refill=lang.pct(s["refilled_share"], 0),
                    cost=lang.num(s["cost_per_hour"]))
    again = " --allow-incomplete" if data.incomplete else ""
    commands = [s["command"], f"python3 -m sim.report {fmt_path(data.folder)} --language {lang.code}{again}"]
    return missing + [
        (lang("how_title"), how, False),
        (lang("assumptions_title"), assumptions(data, lang), False),
        (lang("sources_title"), lang.items("sources"), False), (lang("runs_title"), runs, False),
        (lang("reproduce_title"), commands, True),
    ]


def assumptions(data: ReportData, lang: Language) -> list[str]:
    """The model's main assumptions; the first says which calibrated values the runs used and,
    for the Østfold 2005 calibration, how many independent validation checks pass."""
    items = lang.items("assumptions")
    fitted = data.settings.get("fitted", [])
    said = calibration(fitted, lang)
    if fitted == ["ostfold_2005"]:
        said = f"{said} {validated(lang)}".strip()
    return [f"{items[0]} {said}".strip(), *items[1:]]


def validated(lang: Language, table: Path = VALIDATION) -> str:
    """What the committed validation (`python3 -m sim.validate`) says: only its independent rows
    count as evidence. Nothing when there is no validation table."""
    if not table.exists():
        return ""
    rows = pd.read_csv(table)
    independent = rows[rows.kind == "independent"]
    return lang("validation", passed=int(independent["pass"].sum()),
                independent=len(independent))


def calibration(fitted: list[str], lang: Language) -> str:
    """The Østfold 2005 calibration only when every run used it (`~fitted` runs without any);
    nothing when the runs left no record of it."""
    words = lang("calibration")
    if not fitted:
        return ""
    if len(fitted) > 1:
        names = ", ".join(f or words["starting_values"] for f in fitted)
        return words["mixed"].format(names=names)
    if not fitted[0]:
        return words["none"]
    if fitted[0] == "ostfold_2005":
        return words["ostfold_2005"]
    return words["other"].format(name=fitted[0])


def fmt_path(path) -> str:
    text = str(path)
    return f"'{text}'" if any(c in text for c in " ()'\"") else text
