"""`python3 -m sim.records describe FILE` and `python3 -m sim.records export RUN_FOLDER`
(docs/records.md). A file that cannot be read gives one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.files import OutputError
from sim.records import RecordsError


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m sim.records",
                                     description="A trust's own appointment records.")
    commands = parser.add_subparsers(dest="command", required=True)
    describe = commands.add_parser("describe", help="tables and charts of what records show")
    describe.add_argument("file", type=Path)
    describe.add_argument("--out", type=Path, help="folder to write (default outputs/records/"
                          "<file name>)")
    describe.add_argument("--stages", type=Path, help="a stage mapping file (docs/records.md)")
    describe.add_argument("--no-charts", action="store_true", help="write the tables only")
    fit = commands.add_parser("fit", help="a scenario for your clinics from records")
    fit.add_argument("file", type=Path)
    fit.add_argument("--name", required=True, help="the scenario's name, e.g. my_trust")
    fit.add_argument("--config-dir", type=Path, default=Path("my_scenarios"),
                     help="your config folder (default my_scenarios)")
    fit.add_argument("--stages", type=Path, help="a stage mapping file (docs/records.md)")
    fit.add_argument("--replications", type=int, default=10,
                     help="simulated years held against the records (0: none)")
    fit.add_argument("--out", type=Path, help="folder of the fit report (default "
                     "outputs/records/<name>_fit)")
    fit.add_argument("--iterations", type=int, default=8, help="optimiser steps fitting the "
                     "behaviour to the records (0: keep Østfold 2005's values)")
    fit.add_argument("--fit-replications", type=int, default=6,
                     help="simulated years per point of the fit (common random numbers)")
    export = commands.add_parser("export", help="a finished run's appointments as records")
    export.add_argument("run_folder", type=Path)
    export.add_argument("--out", type=Path, help="file to write (default RUN_FOLDER/records.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    command = _arguments(sys.argv[1:] if argv is None else argv)
    try:
        for line in _run(command):
            print(line)
    except (RecordsError, OutputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _run(command: argparse.Namespace) -> list[str]:
    if command.command == "export":
        from sim.records.export import export_run

        written, rows = export_run(command.run_folder, command.out)
        return [f"{rows} appointments written to {written}"]
    from sim.records.read import read_records
    from sim.records.stage_map import read_stage_map

    stage_map = read_stage_map(command.stages) if command.stages else None
    if command.command == "fit":
        from sim.records.fit import fit

        return fit(command.file, command.name, command.config_dir, stage_map,
                   command.replications, command.out, command.iterations,
                   command.fit_replications)
    from sim.records.describe import describe

    records = read_records(command.file, stage_map)
    out = command.out or Path("outputs") / "records" / command.file.stem
    describe(records, out, charts=not command.no_charts)
    return [*records.report.lines(), f"tables and charts in {out}"]


if __name__ == "__main__":
    sys.exit(main())
