"""Reading a sweep folder: its jobs, their summaries, and the scenario each belongs to."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from sim.config.overrides import REPLICATION_KEYS, is_hydra_key
from sim.config.reference_jobs import is_lever_setting
from sim.study import file_cache

JOB_FILE = "job.json"  # the job's record: overrides, status ("done"/"failed"), error, seconds
BASELINE = "baseline"  # the policy other scenarios are compared with, unless told otherwise


@dataclass
class Job:
    folder: Path
    num: int
    overrides: list[str]
    status: str  # "done", "failed", or "missing" (finished, but its results are gone or damaged)
    error: str = ""
    error_type: str = ""


def find_jobs(folder: Path) -> list[Job]:
    """Every job folder under `folder`: those with a job record, and plain runs with a summary."""
    jobs, seen = [], set()
    candidates = sorted({p.parent for p in folder.rglob(JOB_FILE)} | {p.parent for p in folder.rglob("summary.csv")})
    for job_dir in candidates:
        if any(part.startswith(".") for part in job_dir.relative_to(folder).parts) or job_dir in seen:
            continue
        seen.add(job_dir)
        record = read_json(job_dir / JOB_FILE)
        overrides = record.get("overrides")
        if overrides is None:
            overrides = read_yaml(job_dir / ".hydra" / "overrides.yaml") or []
        status = record.get("status", "done" if (job_dir / "summary.csv").is_file() else "failed")
        error = record.get("error", "")
        if status == "done" and not (job_dir / "summary.csv").is_file():  # lost since: say so
            status, error = "missing", "no summary.csv"
        jobs.append(Job(job_dir, int(record.get("num", 10**9)), [str(o) for o in overrides], status,
                        error, record.get("error_type", "")))
    return sorted(jobs, key=lambda j: (j.num, str(j.folder)))


def read_json(path: Path) -> dict:
    """A JSON file as a dict; empty when missing or unreadable."""
    try:
        return file_cache.read(path, _json_file)
    except (OSError, ValueError):
        return {}


def _json_file(path: Path) -> dict:
    return json.loads(path.read_text())


def read_yaml(path: Path):
    """A YAML file as plain containers, read as OmegaConf reads it; None when missing or
    unreadable. With libyaml's parser: OmegaConf.load takes about 45 ms for a job's config.yaml,
    this 2 ms, and a comparison reads one or two per scenario."""
    try:
        return file_cache.read(path, _yaml_file)
    except Exception:  # noqa: BLE001 - missing or unreadable: the caller falls back
        return None


def _yaml_file(path: Path):
    loader = _loader()
    if loader is None:
        return OmegaConf.to_container(OmegaConf.load(path))
    import yaml

    return yaml.load(path.read_text(), Loader=loader)


@functools.cache  # built once
def _loader():
    """OmegaConf's YAML loader (its float and duplicate-key rules, no timestamps) on libyaml's
    parser; None where that cannot be had (OmegaConf.load itself then, slower)."""
    import yaml

    try:
        from omegaconf._utils import get_yaml_loader  # not public: a newer OmegaConf may move it
    except ImportError:
        return None
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    rules = get_yaml_loader()

    class Loader(yaml.CSafeLoader):
        yaml_implicit_resolvers = {k: list(v) for k, v in rules.yaml_implicit_resolvers.items()}
        yaml_constructors = dict(rules.yaml_constructors)

        def construct_mapping(self, node, deep=False):
            keys = [k.value for k, _ in node.value if k.tag == yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG]
            if len(keys) != len(set(keys)):
                raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
            return super().construct_mapping(node, deep=deep)

    return Loader


@functools.cache  # a sweep's jobs repeat the same few overrides, and Hydra's parser is slow
def split_override(override: str) -> tuple[str, str]:
    """An override's key (without +, ++, ~ or @package) and its value, read by Hydra's own
    parser and written as Hydra writes it (`[1, 2]` and `[1,2]` are one value), so that jobs
    are matched as the sweep that made them was expanded. A text Hydra cannot read is split at
    its first `=`."""
    from hydra.errors import HydraException

    try:
        parsed = overrides_parser().parse_override(override)
    except HydraException:
        key, _, value = override.partition("=")
        return key.lstrip("+~"), value
    value = parsed.get_value_element_as_str() if parsed.value_type is not None else ""
    return parsed.key_or_group, value


@functools.cache  # building Hydra's grammar takes a moment: once
def overrides_parser():
    from hydra.core.override_parser.overrides_parser import OverridesParser

    return OverridesParser.create()


@dataclass(frozen=True)
class Scenario:
    label: str  # e.g. "sms_reminder", or "sms_reminder clinic.capacity_fte=5"
    policy: str
    extra: str  # the other settings that differ between the sweep's jobs, e.g. "clinic.capacity_fte=5"
    changes: str = ""  # the lever settings it changes, e.g. "policy.incentive.voucher_nok=100"

    @property
    def is_reference(self) -> bool:
        """The baseline as it is (no lever setting changed): what the others are compared with."""
        return self.policy == BASELINE and not self.changes


def scenario_labels(jobs: list[Job], policies: dict[Path, str]) -> dict[Path, Scenario]:
    """A scenario per job: the policy, plus the lever settings it changes (policy.*, always
    named: sim/config/reference_jobs.py) and any other override that differs between jobs.

    Overrides that pick the replication (seed, replication) are left out, so jobs that differ
    only in them are replications of one scenario.
    """
    settings = {
        job.folder: {k: v for k, v in map(split_override, job.overrides)
                     if k not in REPLICATION_KEYS and not is_hydra_key(k)}
        for job in jobs
    }
    keys = sorted({k for s in settings.values() for k in s})
    levers = [k for k in keys if is_lever_setting(k)]
    varying = [k for k in keys if len({s.get(k) for s in settings.values()}) > 1
               and k != "policy" and k not in levers]
    labels = {}
    for job in jobs:
        own = settings[job.folder]
        policy = policies.get(job.folder) or own.get("policy") or "run"
        shown = {k: f"{k}={own.get(k, '(default)')}" for k in varying}
        changes = {k: f"{k}={own[k]}" for k in levers if k in own}
        extra = " ".join(shown.values())
        label = " ".join([policy] + [(shown | changes)[k] for k in sorted(shown | changes)])
        labels[job.folder] = Scenario(label, policy, extra, " ".join(changes.values()))
    return labels


def load_rows(jobs: list[Job]) -> tuple[pd.DataFrame, dict[Path, Scenario], list[str]]:
    """Each finished job's summary rows, with its scenario, display names and replication key."""
    frames, policies, warnings = {}, {}, []
    for job in jobs:
        if job.status != "done":  # its policy, from the config Hydra saved before it ran
            cfg = read_yaml(job.folder / ".hydra" / "config.yaml") or {}
            policies[job.folder] = str((cfg.get("policy") or {}).get("name") or "")
            continue
        try:
            summary = file_cache.read(job.folder / "summary.csv", pd.read_csv)
        except (OSError, ValueError, pd.errors.ParserError) as error:
            warnings.append(f"{job.folder}: summary.csv unreadable ({error}); left out")
            continue
        frames[job.folder] = summary
        policies[job.folder] = str(summary.policy.iloc[0]) if "policy" in summary else ""
    labels = scenario_labels(jobs, policies)
    parts = []
    display: dict[str, tuple[str, str]] = {}
    commits = set()
    for job in jobs:
        if job.folder not in frames:
            continue
        summary = frames[job.folder]  # its own already (read, or a copy from the read-ahead)
        label = labels[job.folder].label
        if label not in display:
            display[label] = _display_names(job.folder, labels[job.folder])
        info = read_json(job.folder / "run_info.json")
        if info.get("git_commit"):
            commits.add(info["git_commit"])
        seed = summary["seed"].iloc[0] if "seed" in summary else 0
        replication = summary["replication"].iloc[0] if "replication" in summary else 0
        summary.insert(0, "_pair", f"{seed}/{replication}")
        summary.insert(0, "_folder", str(job.folder))
        summary.insert(0, "display_name_en", display[label][1])
        summary.insert(0, "display_name_nb", display[label][0])
        summary.insert(0, "scenario", label)
        parts.append(summary)
    if len(commits) > 1:
        warnings.append(f"the jobs ran on {len(commits)} code versions ({', '.join(sorted(commits))}): "
                        "results may not be comparable")
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not rows.empty:
        firsts = rows[rows.clinic == "all"] if "clinic" in rows else rows
        dup = firsts.duplicated(["scenario", "_pair"], keep="first")
        if dup.any():
            dropped = sorted(set(firsts.loc[dup, "_folder"]))
            warnings.append(f"{len(dropped)} job folder(s) repeat a scenario and replication already "
                            f"seen and are left out: {', '.join(dropped[:3])}{' ...' if len(dropped) > 3 else ''}")
            rows = rows[~rows._folder.isin(dropped)]
    return rows, labels, warnings


def remember_job(folder: Path) -> None:
    """Read a finished job's files now, for the comparison at the end (sim/study/file_cache.py)."""
    for name, reader in ((JOB_FILE, _json_file), ("run_info.json", _json_file),
                         ("config.yaml", _yaml_file), ("summary.csv", pd.read_csv)):
        file_cache.remember(folder / name, reader)


def _display_names(folder: Path, scenario: Scenario) -> tuple[str, str]:
    cfg = read_yaml(folder / "config.yaml") or {}
    names = (cfg.get("policy") or {}).get("display_name") or {}
    nb, en = names.get("nb") or scenario.policy, names.get("en") or scenario.policy
    return _named(nb, scenario), _named(en, scenario)


def _named(name: str, scenario: Scenario) -> str:
    """A scenario's display name: its policy's, and what it changes (the `policy.` left out)."""
    changes = " ".join(change.removeprefix("policy.") for change in scenario.changes.split())
    if changes and scenario.policy == BASELINE:  # the baseline changed: no longer the reference
        return f"{name} + {changes}" + (f" ({scenario.extra})" if scenario.extra else "")
    extra = " ".join(part for part in (changes, scenario.extra) if part)
    return f"{name} ({extra})" if extra else name
