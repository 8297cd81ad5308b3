"""The validation command: its numbers come from the run, its verdicts from the tolerances, and
the committed calibration fits the targets it was fitted to."""

import contextlib
import io
import math

import numpy as np
import pandas as pd
import pytest

from sim.calibration import lever_checks, trials, validation, validation_doc
from sim.config.compose import load_config
from sim.study.replicate import with_replication
from sim.simulate import simulate
from sim.calibration.targets import KINDS, load_targets, metrics

STOPPED = ("dropped_out", "discharged_non_attendance", "lost_after_first_miss")


def _number(cell: str) -> float:
    return float(cell.replace(",", "").replace("±", ""))


def _table(report: str, header: str) -> pd.DataFrame:
    """The markdown table that starts with `header` in the report, as text cells."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    columns = [cell.strip() for cell in lines[start].strip("|").split("|")]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture(scope="module")
def fast_validation(tmp_path_factory):
    out = tmp_path_factory.mktemp("validation")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        validation.main(["--replications", "2", "--out", str(out)])
    report = (out / "validation.md").read_text()
    return {"out": out, "printed": printed.getvalue(), "report": report,
            "targets": _table(report, "| target |"), "checks": _table(report, "| check | kind | design")}


def test_fast_validation_writes_every_target_and_check(fast_validation):
    targets = load_targets()
    assert list(fast_validation["targets"].target) == list(targets[targets.kind != "solved"].target)
    assert list(fast_validation["targets"].kind) == list(targets[targets.kind != "solved"].kind)
    assert [c for c in fast_validation["checks"].check][:len(lever_checks.CHECKS)] == [
        c.check for c in lever_checks.CHECKS]
    assert set(fast_validation["checks"].kind) <= set(KINDS)
    assert (fast_validation["out"] / "validation_clinics.png").read_bytes().startswith(b"\x89PNG")
    assert "no-show share all clinics" in fast_validation["printed"]


def test_every_target_row_is_a_number_judged_by_its_tolerance(fast_validation):
    for _, row in fast_validation["targets"].iterrows():
        simulated, observed = _number(row["simulated mean"]), _number(row["observed"])
        assert math.isfinite(simulated), row["target"]
        margin = abs(simulated - observed) - _number(row["tolerance"])
        if abs(margin) > 0.001 * max(1.0, abs(observed)):  # clear of the printed rounding
            assert row["result"].split(" (")[0] == ("pass" if margin < 0 else "FAIL"), row["target"]
            if margin > 0:  # a failing row says by how much it falls outside
                printed = 1.0 if abs(observed) >= 100 else 0.002  # cells are rounded to whole numbers from 100
                assert _number(row["result"].split("by ")[1].rstrip(")")) == pytest.approx(margin, abs=printed)


def test_every_check_row_is_a_number_judged_by_its_study_interval(fast_validation):
    for _, row in fast_validation["checks"].iterrows():
        simulated = _number(row["model (95% CI)"].split(" (")[0])
        low, high = (_number(x) for x in row["study (interval)"].split(" (")[1].rstrip(")").split(" to "))
        assert math.isfinite(simulated), row.check
        assert row.result.split(" (")[0] == ("pass" if low <= simulated <= high else "FAIL"), row.check


def test_only_independent_rows_count_as_evidence(fast_validation):
    """The summary line counts the independent rows of all three tables, and says so."""
    tidy = pd.read_csv(fast_validation["out"] / "validation.csv")
    independent = tidy[tidy.kind == "independent"]
    line = f"{int(independent['pass'].sum())} of {len(independent)} independent checks pass"
    assert line in fast_validation["report"] and line in fast_validation["printed"]
    assert "solved" not in set(tidy.kind) and len(tidy) > len(independent) > 0


def test_every_figure_of_the_notes_is_filled_in(fast_validation):
    notes = fast_validation["report"].split("## Where the model and the sources part")[1]
    assert "{" not in notes and "}" not in notes
    template = validation_doc.NOTES.read_text(encoding="utf-8")
    for name in validation_doc.PLACEHOLDER.findall(template):
        assert f"{{{name}}}" in template


def test_a_note_naming_a_figure_the_run_has_not_is_an_error():
    with pytest.raises(KeyError, match="no figure named {target:nothing}"):
        validation_doc.fill_notes("the model gives {target:nothing}", {"summary": "x"})


def test_the_reported_no_show_is_the_mean_of_the_replications(fast_validation):
    cfg = load_config(["charts=false"])
    rates = [simulate(with_replication(cfg, r)).summary.set_index("clinic").loc["all", "no_show_rate"]
             for r in (0, 1)]
    row = fast_validation["targets"].set_index("target").loc["no-show share all clinics"]
    assert _number(row["simulated mean"]) == pytest.approx(np.mean(rates), abs=0.0005)


def test_the_committed_calibration_fits_its_targets(fast_validation):
    """Replications 0 and 1 of the baseline are fixed numbers: the fitted values must put every
    calibration target within twice its tolerance, and the overall no-show near 33.5%."""
    table = fast_validation["targets"].set_index("target")
    assert 0.30 <= _number(table.loc["no-show share all clinics", "simulated mean"]) <= 0.37
    for target in load_targets().itertuples():
        if target.kind == "fitted":
            simulated = _number(table.loc[target.target, "simulated mean"])
            assert abs(simulated - target.value) <= 2 * target.tolerance, target.target


def test_verdicts_follow_the_tolerance(monkeypatch):
    """A run that misses every target by twice its tolerance fails every row; one on target passes."""
    targets = load_targets()
    for offset, verdict in ((2.0, False), (0.0, True)):
        fake = {(t.clinic, t.metric): t.value + offset * t.tolerance for t in targets.itertuples()}
        monkeypatch.setattr(validation, "replicate", lambda cfg, n, measure: [fake] * n)
        assert (validation.run_targets(2, ["charts=false"])["pass"] == verdict).all()


def test_target_metrics_agree_with_the_tables(short_results):
    """Each metric recomputed straight from the appointments and patients tables."""
    got, a, p = metrics(short_results), short_results.appointments, short_results.patients
    planned = a[a.outcome.isin(["attended", "no_show"])]
    for clinic, rows in [*planned.groupby("clinic"), ("all", planned)]:
        assert got[(clinic, "no_show_rate")] == pytest.approx((rows.outcome == "no_show").mean(), abs=5e-5)
    first_day = pd.Timestamp(short_results.cfg.start_date)
    dates = pd.to_datetime(planned.scheduled_for)
    jan_aug = planned[(dates.dt.year == first_day.year) & (dates.dt.month <= 8)]
    assert got[("all", "planned_jan_aug")] == len(jan_aug)
    for clinic, count in jan_aug.clinic.value_counts().items():
        assert got[(clinic, "planned_jan_aug")] == count
    # Counted like the register (seed 004 3.5): courses from the first treatment on.
    ended = p[p.exit_date.notna() & (pd.to_datetime(p.exit_date) >= first_day) & p.first_treatment_date.notna()]
    assert got[("all", "ended_by_stopping_share")] == pytest.approx(ended.exit_reason.isin(STOPPED).mean())
    # The register's active referrals: in care at some time in the year, started or not (l.777).
    end = first_day + pd.Timedelta(days=short_results.cfg.horizon_days)
    active = p[(pd.to_datetime(p.referral_date) < end)
               & (p.exit_date.isna() | (pd.to_datetime(p.exit_date) >= first_day))]
    assert got[("all", "not_started_share")] == pytest.approx(active.first_treatment_date.isna().mean())
    young = p.patient_id[p.age_group == "age_16_25"]
    mine = planned[planned.patient_id.isin(young)]
    assert got[("all", "no_show_rate_16_25")] == pytest.approx((mine.outcome == "no_show").mean())


def test_sms_check_points_the_right_way(fast_validation):
    checks = fast_validation["checks"].set_index("check")
    sms, wait = (lever_checks.CHECKS[i].check for i in (0, 2))
    assert _number(checks.loc[sms, "model (95% CI)"].split(" (")[0]) > 1  # more attend
    assert _number(checks.loc[wait, "model (95% CI)"].split(" (")[0]) > 1


def test_the_report_counts_only_independent_rows_as_evidence(tmp_path):
    from sim.report.notes import validated
    from sim.report.text import Language

    table = tmp_path / "validation.csv"
    pd.DataFrame({"kind": ["independent", "independent", "fitted", "set_by_hand"],
                  "pass": [True, False, True, True]}).to_csv(table, index=False)
    said = validated(Language("en"), table)
    assert "1 of 2 hold" in said
    assert validated(Language("en"), tmp_path / "none.csv") == ""


def test_each_lever_source_gives_its_rows_in_the_agreed_kinds(fast_validation):
    """The trial, fee and overbooking rows run by the validation (each source's `checks`)."""
    checks = fast_validation["checks"].set_index("check")
    trial = [c for c in checks.index if c.startswith("Pedersen 2021 trial")]
    assert len(trial) == 1 + len(trials.ARMS)
    assert set(checks.loc[trial, "kind"]) == {"independent"}
    fee = [c for c in checks.index if c.startswith("No-show fee")]
    assert list(checks.loc[fee, "kind"]) == ["set_by_hand", "independent"]
    assert _number(checks.loc[fee[1], "model (95% CI)"].split(" (")[0]) > 0  # more cancel
    huang = [c for c in checks.index if c.startswith("Predictive against flat")]
    assert len(huang) == 2 and set(checks.loc[huang, "kind"]) == {"independent"}


def test_a_ratio_over_nothing_is_left_out_not_a_crash():
    ratios = lever_checks.paired_ratios([{"x": 3.0}, {"x": 2.0}], [{"x": 0.0}, {"x": 1.0}], "x")
    assert math.isnan(ratios[0]) and ratios[1] == 2.0


def test_an_output_folder_under_a_file_is_one_line_before_any_run(tmp_path, capsys,
                                                                    monkeypatch):
    monkeypatch.setattr(validation, "replicate", lambda *a, **k: pytest.fail("ran the model"))
    blocker = tmp_path / "a_file"
    blocker.write_text("mine")
    with pytest.raises(SystemExit) as stopped:
        validation.main(["--replications", "2", "--out", str(blocker / "docs")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a_file is a file" in err
    assert blocker.read_text() == "mine" and sorted(tmp_path.iterdir()) == [blocker]
