"""Where a report's results come from, as Hydra recorded it: the command that made them (with the
config folder it was given, `--config-dir`, and a config name other than `config`), and the
calibrated values the runs used (the `fitted` group; `~fitted` runs on the starting values).

A sweep's record is its multirun.yaml; a single run's, its .hydra/hydra.yaml.
"""

from __future__ import annotations

from pathlib import Path

from sim.study.jobs import read_json, read_yaml

DEFAULT_CONFIG_NAME = "config"  # run.py's own (scenarios/config.yaml)
COMMAND_LINE = "command-line"  # Hydra's provider of a --config-dir folder


def hydra_record(folder: Path, first_job: Path) -> dict:
    """The `hydra:` block Hydra saved for the sweep (multirun.yaml) or for the run."""
    for path in (folder / "multirun.yaml", first_job / ".hydra" / "hydra.yaml"):
        record = (read_yaml(path) or {}).get("hydra")
        if isinstance(record, dict):
            return record
    return {}


def reproduce_command(folder: Path, first_job: Path) -> str:
    """The command that made these results: the sweep's, or the run's, with the config folder
    and config name it was given."""
    record = hydra_record(folder, first_job)
    options = _config_options(record)
    task = (record.get("overrides") or {}).get("task")
    if (folder / "multirun.yaml").is_file() and task is not None:
        return " ".join(["python3 run.py -m", *options, *map(quote, task),
                         f"hydra.sweep.dir={quote(str(folder))}"])
    overrides = read_json(first_job / "job.json").get("overrides")
    if overrides is None:
        overrides = task if task is not None else \
            read_yaml(first_job / ".hydra" / "overrides.yaml") or []
    return " ".join(["python3 run.py", *options, *map(quote, overrides)])


def _config_options(record: dict) -> list[str]:
    """`--config-dir DIR` for each folder given on the command line, `--config-name NAME`."""
    runtime = record.get("runtime") or {}
    sources = runtime.get("config_sources") or []
    options = [f"--config-dir {quote(str(source['path']))}" for source in sources
               if source.get("provider") == COMMAND_LINE and source.get("schema") == "file"]
    name = (record.get("job") or {}).get("config_name")
    if name and name != DEFAULT_CONFIG_NAME:
        options.append(f"--config-name {quote(str(name))}")
    return options


def fitted_choices(job_folders) -> list[str]:
    """The `fitted` config each job used ("" when it ran without, `~fitted`), once each; none
    for jobs Hydra kept no record of."""
    choices = []
    for job in map(Path, job_folders):
        record = (read_yaml(job / ".hydra" / "hydra.yaml") or {}).get("hydra")
        if not isinstance(record, dict):  # not run by Hydra: nothing recorded, nothing claimed
            continue
        choice = str(((record.get("runtime") or {}).get("choices") or {}).get("fitted") or "")
        if choice not in choices:
            choices.append(choice)
    return choices


def quote(arg: str) -> str:
    """An argument as the shell must be given it."""
    return f"'{arg}'" if any(c in arg for c in " ()[]{}*?$'\"") else arg
