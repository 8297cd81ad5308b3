"""Checks on the command line that must run before Hydra creates any output folder.

`check_command_line` is what `run.py` calls first: bad input gets one line and nothing is
created. The checks themselves are in sim/config/input_files.py (YAML files, group choices, setting
names) and sim/config/precheck.py (every job's composed configuration, the output folder).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
ROOT = SCENARIOS.parent
# Hydra flags that only print something (help, config, version): nothing to check, nothing run.
PRINT_ONLY = {"--help", "-h", "--hydra-help", "--version", "--cfg", "-c", "--info", "-i",
              "--shell-completion", "-sc", "--experimental-rerun"}
# Hydra flags whose value is the next argument (a folder or a name, not an override)
VALUE_FLAGS = {"-cp", "--config-path", "-cn", "--config-name", "-cd", "--config-dir",
               "-p", "--package"}
HYDRA_FILES = (".hydra", "run.log")  # what Hydra writes into a run folder as the run starts


@dataclass
class Plan:
    """What the check found: a problem (one line), or how to run and what the run may remove."""
    problem: str | None = None
    args: list[str] = field(default_factory=list)  # the command line to give Hydra
    note: str | None = None  # e.g. the time and memory a big run will take
    reference_note: str | None = None  # a sweep of lever settings: its reference jobs added
    multirun: bool = False
    run_dir: Path | None = None  # single run: its folder, and what was in it before (None: absent)
    before: frozenset[str] | None = None
    first_existing: Path | None = None  # single run: its folder's nearest folder that existed before
    sweep_dir: Path | None = None
    sweep_dir_added: bool = False  # the sweep folder was resolved here and added to `args`
    # What the check composed, so that run.py runs it without composing it again
    # (sim/config/composed_run.py): Hydra, and the configuration of the run or of the sweep.
    hydra: Any = None
    config: Any = None
    config_name: str = "config"
    run_config: Any = None  # a single run: its configuration, checked (a RunConfig)


def check_command_line(args: list[str]) -> Plan:
    """Check everything a `run.py` command line will use, before anything is created."""
    from sim.config import input_files
    from sim.config import precheck
    from sim.config.overrides import quoted_for_hydra

    args = [arg if i and args[i - 1] in VALUE_FLAGS else quoted_for_hydra(arg)
            for i, arg in enumerate(args)]
    command = parse(args)
    if command is None:
        return Plan(args=list(args))
    plan = Plan(args=list(args), multirun=command.multirun)
    try:
        plan.problem = input_files.problem(command) or precheck.check(command, plan)
    except input_files.UNREADABLE as error:  # a config file this run reads is not YAML
        plan.problem = input_files.used_broken_file(command, error) or str(error).splitlines()[0]
    if plan.problem:  # name the file, where one this run reads is broken
        plan.problem = input_files.used_broken_file(command) or plan.problem
    plan.problem = plan.problem or a_sweep_without_m(plan)
    if not plan.problem:  # broken files this run does not read: a note, no error
        notes = [input_files.unused_broken_note(command.folders), plan.note]
        plan.note = "\n".join(filter(None, notes)) or None
    return plan


def a_sweep_without_m(plan: Plan) -> str | None:
    """One line for an experiment that sweeps (e.g. experiment=bundles) run without `-m`, which
    would run its first scenario alone."""
    from omegaconf import OmegaConf

    if plan.multirun or plan.config is None:
        return None
    if not OmegaConf.select(plan.config, "hydra.sweeper.params"):
        return None
    name = OmegaConf.select(plan.config, "hydra.runtime.choices.experiment")
    what = f"experiment={name}" if name else "this configuration"
    return f"{what} is a sweep: add -m, e.g. {shlex.join(['python3', 'run.py', '-m', *plan.args])}"


def parse(args: list[str]) -> argparse.Namespace | None:
    """Hydra's reading of the command line, with the config folders it will search; None when
    Hydra will only print something, or will itself refuse the flags."""
    if any(arg.split("=", 1)[0] in PRINT_ONLY for arg in args):
        return None
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            command, unknown = _hydra_flags().parse_known_args(args)
    except SystemExit:  # a malformed flag: Hydra's own message will say which
        return None
    if unknown:
        return None
    primary = Path(command.config_path) if command.config_path else SCENARIOS
    command.folders = [primary if primary.is_absolute() else ROOT / primary]
    if command.config_dir:  # Hydra searches it after the project's own folder
        command.folders.append(Path(command.config_dir).absolute())
    command.config_name = command.config_name or "config"
    return command


def _hydra_flags() -> argparse.ArgumentParser:
    """Hydra's command line (hydra-core 1.3, `python3 run.py --hydra-help`) less the flags that
    only print something (PRINT_ONLY: those commands are Hydra's own)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("overrides", nargs="*")
    for flag, short in (("--multirun", "-m"), ("--run", "-r"), ("--resolve", None)):
        parser.add_argument(*filter(None, (flag, short)), action="store_true")
    for flag, short in (("--config-path", "-cp"), ("--config-name", "-cn"),
                        ("--config-dir", "-cd"), ("--package", "-p")):
        parser.add_argument(flag, short)
    return parser


def unknown_choice(args: list[str], root: Path | list[Path] = SCENARIOS) -> str | None:
    """A one-line error for `group=name` arguments that name no file in that config group."""
    roots = root if isinstance(root, list) else [root]
    groups = {p.name for r in roots if r.is_dir() for p in r.iterdir() if p.is_dir()}
    for arg in args:
        if arg.startswith("-") or "=" not in arg:
            continue
        key, value = arg.split("=", 1)
        group = key.lstrip("+~")
        if group not in groups or "(" in value:
            continue
        known = sorted({p.stem for r in roots for p in (r / group).glob("*.yaml")})
        for name in value.split(","):
            name = name.strip().strip("'")  # quoted by quoted_for_hydra (æ, ø, å)
            if name == "null":
                return f"{group}=null: to run without the {group} group, write ~{group}"
            if name and name not in known:
                return (f"{group}={name}: unknown {group} scenario; "
                        f"choose one of {', '.join(known)}")
    return None


def interrupted(plan: Plan) -> str:
    """The line for Ctrl-C: what is kept, and for a sweep how to resume it."""
    if not plan.multirun:
        return "interrupted: nothing was written"
    line = f"interrupted: finished jobs are kept in {plan.sweep_dir}; "
    if plan.sweep_dir_added:
        return line + f"to resume, run: {shlex.join(['python3', 'run.py', *plan.args])}"
    return line + "run the same command again to resume"


def remove_what_this_run_made(out: Path, plan: Plan | None) -> None:
    """After a run that stopped before writing results: remove Hydra's files, and the run folder,
    only where this run created them. Never anything that was there before."""
    if plan is None or plan.run_dir is None or out.absolute() != plan.run_dir.absolute():
        return  # not the folder checked before the run: leave everything as it is
    before = plan.before or frozenset()
    for name in HYDRA_FILES:
        path = out / name
        if name not in before:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    if plan.before is None:  # and the folders made for it (outputs/<date>), each only if empty
        made, kept = out.absolute(), plan.first_existing or out.absolute().parent
        while made != kept and kept in made.parents:
            try:
                made.rmdir()
            except OSError:
                return
            made = made.parent


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)
