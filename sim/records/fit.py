"""`python3 -m sim.records fit FILE --name NAME --config-dir DIR`: a scenario for one's own
clinics, derived from their records (sim/records/derive.py), written into one's config folder
(sim/records/scenario_files.py), then run a few simulated years and held against the records
(sim/records/fit_check.py: the fit report).

The clinic settings come from the records; the behavioural parameters start from Østfold 2005's
calibrated values and are then fitted to the records' no-show by clinic and stage and planned
consultations a year (sim/records/fit_behaviour.py, with the project's calibration).
"""

from __future__ import annotations

import shlex
from pathlib import Path

from sim.enums import Stage
from sim.files import write_all_or_nothing
from sim.records import RecordsError
from sim.records.derive import derive
from sim.records.read import read_records
from sim.records.scenario_files import check_name, write_scenario
from sim.records.suppress import MIN_PATIENTS


def fit(path: Path, name: str, config_dir: Path, stage_map: dict[str, Stage] | None,
        replications: int = 10, out: Path | None = None, iterations: int = 8,
        fit_replications: int = 6) -> list[str]:
    """Write the scenario, fit its behaviour (`iterations` optimiser steps, each point run
    `fit_replications` years; 0 iterations: Østfold's values kept) and (with `replications`)
    the fit report into `out`; return the lines to print: the reading report, the files, the
    fit's key lines, the command that runs it."""
    check_name(name)
    _check_counts(replications, iterations, fit_replications)
    records = read_records(path, stage_map)
    if records.appointments.patient_key.nunique() < MIN_PATIENTS:
        raise RecordsError(f"{path}: fewer than {MIN_PATIENTS} patients in the rows used; too "
                           "few to fit (python3 -m sim.records describe says why rows were "
                           "rejected)")
    derived = derive(records.appointments, _turned_down_share())
    written = write_scenario(config_dir, name, derived, Path(path).name)
    lines = [*records.report.lines(), *(f"wrote {p}" for p in written)]
    lines += [f"  {what}" for what in derived.kept]
    if derived.left_out:
        lines.append(f"  left out: {', '.join(derived.left_out)} (fewer than {MIN_PATIENTS} "
                     "patients each)")
    out = Path(out) if out else Path("outputs") / "records" / f"{name}_fit"
    behaviour = None
    if iterations:
        behaviour = _fitted(records.appointments, derived, config_dir, name, Path(path).name,
                            fit_replications, iterations)
        lines += [f"fitted {len(behaviour.settings)} behavioural parameters to the records in "
                  f"{behaviour.evaluations} evaluations (cost {behaviour.cost:.2f})"]
    if replications:
        lines += _checked(records.appointments, derived, config_dir, name, replications, out,
                          behaviour)
    lines.append(f"run it: python3 run.py --config-dir {shlex.quote(str(config_dir))} "
                 f"clinic={name}")
    return lines


def _check_counts(replications: int, iterations: int, fit_replications: int) -> None:
    """One line before anything is read or written."""
    for option, value, least in (("--replications", replications, 0),
                                 ("--iterations", iterations, 0),
                                 ("--fit-replications", fit_replications, 1)):
        if value < least:
            raise RecordsError(f"{option} {value}: must be at least {least}")


def _fitted(appointments, derived, config_dir: Path, name: str, source: str,
            replications: int, iterations: int):
    """Fit the behaviour and write the fitted values into `DIR/fitted/NAME.yaml`."""
    from sim.records.fit_behaviour import fit_behaviour
    from sim.records.scenario_files import fitted_text, write_group
    from sim.records.targets import records_targets

    targets = records_targets(appointments, derived, source)
    behaviour = _scenario_runs(config_dir, name, lambda: fit_behaviour(
        config_dir, name, targets, replications, iterations))
    how = (f"fitted by `python3 -m sim.records fit` ({iterations} iterations, {replications} "
           "replications a point,", f"cost {behaviour.cost:.3f} after {behaviour.evaluations} "
           "evaluations; fit_parameters.csv in the fit report says which the records pin down):",
           *(f"  {k}: from {behaviour.started[k]:g}" for k in behaviour.settings))
    write_group(config_dir, "fitted", name, fitted_text(name, derived, source,
                                                        behaviour.settings, how))
    return behaviour


def _scenario_runs(config_dir: Path, name: str, run):
    """`run()`, a derived value the model does not accept told in one line."""
    from sim.config import ConfigError
    from sim.files import one_line

    try:
        return run()
    except ConfigError as error:
        raise RecordsError(f"{Path(config_dir) / 'clinic' / f'{name}.yaml'}: written, but the "
                           f"scenario does not run: {one_line(error)}") from None


def _checked(appointments, derived, config_dir: Path, name: str, replications: int,
             out: Path, behaviour) -> list[str]:
    from sim.records.fit_check import fit_report, parameter_lines, report_lines, \
        simulated_summaries

    summaries = _scenario_runs(config_dir, name,
                               lambda: simulated_summaries(config_dir, name, replications))
    table = fit_report(appointments, derived, summaries)
    said = report_lines(table, replications) + parameter_lines(behaviour)

    def write(folder: Path) -> None:
        table.to_csv(folder / "fit_report.csv", index=False)
        if behaviour is not None:
            behaviour.parameters.to_csv(folder / "fit_parameters.csv", index=False)
            behaviour.targets.drop(columns=["low", "high"]).to_csv(folder / "fit_targets.csv",
                                                                  index=False)
        (folder / "fit_report.txt").write_text("\n".join(said) + "\n", encoding="utf-8")

    write_all_or_nothing(out, write)
    return [*said, f"fit report in {out}"]


def _turned_down_share() -> float:
    """The share of referrals turned down before any appointment (scenarios/behaviour/)."""
    import yaml

    from sim.config.command_line import SCENARIOS

    behaviour = yaml.safe_load((SCENARIOS / "behaviour" / "default.yaml").read_text("utf-8"))
    return float(behaviour["treatment"]["turned_down_share"])
