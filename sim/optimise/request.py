"""What the planner asks: `scenarios/search/<space>.yaml` with the command line's `key=value`
overrides, checked before any run; a wrong value is one line naming the field and what it may be."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sim.config import ConfigError
from sim.optimise.measures import OBJECTIVES

SEARCH_FOLDER = Path(__file__).resolve().parents[2] / "scenarios" / "search"
POLICY_FOLDER = SEARCH_FOLDER.parent / "policy"
DEFAULT_SPACE = "default"
RESUME_KEYS = ("objectives", "search_nok", "staff_hours", "max_wait_change_days", "fees",
               "replications", "seed", "overrides", "levers")  # what a resumed search must share


@dataclass
class Request:
    objectives: list[str]
    budget_nok: float
    search_nok: float
    also_for: list[float]
    staff_hours: float
    max_wait_change_days: float | None
    fees: bool
    trials: int
    replications: int
    fresh_replications: int
    processes: int
    seed: int
    overrides: list[str]
    folder: Path
    levers: dict = field(default_factory=dict)  # lever -> setting -> its bounds (space.py)
    single: list[str] = field(default_factory=list)  # reference policy files: single levers
    bundles: list[str] = field(default_factory=list)  # and hand-made bundles

    def budgets(self) -> list[float]:
        return sorted({*self.also_for, self.budget_nok})

    def identity(self) -> dict:
        """What a resumed search must share with the search it resumes."""
        return {key: getattr(self, key) for key in RESUME_KEYS}


def read_request(args: list[str], root: Path = SEARCH_FOLDER) -> Request:
    """The request from `args` (`key=value`), over the chosen space file."""
    given = dict(_split(arg) for arg in args)
    space = str(given.pop("space", DEFAULT_SPACE))
    path = Path(space) if space.endswith(".yaml") else root / f"{space}.yaml"  # a name or a file
    if not path.is_file():
        names = sorted(p.stem for p in root.glob("*.yaml"))
        raise ConfigError(f"space: no file {path.name} in {root} (one of {', '.join(names)})")
    settings = yaml.safe_load(path.read_text()) or {}
    for key in given:
        if key not in settings:
            raise ConfigError(f"{key}: no such setting of the search (one of {', '.join(settings)})")
    settings.update(given)
    return _checked(settings)


def _split(arg: str) -> tuple[str, object]:
    key, sep, text = arg.partition("=")
    if not sep or not re.fullmatch(r"[a-z_]+", key.lstrip("+")):
        raise ConfigError(f"{arg}: expected key=value (e.g. budget_nok=500000)")
    try:
        return key.lstrip("+"), yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return key.lstrip("+"), text


def _checked(s: dict) -> Request:
    objectives = s["objective"] if isinstance(s["objective"], list) else [s["objective"]]
    if not 1 <= len(objectives) <= 2 or any(o not in OBJECTIVES for o in objectives):
        raise ConfigError(f"objective: {s['objective']} is not one or two of "
                          f"{', '.join(OBJECTIVES)}")
    budget = _number(s, "budget_nok", 0)
    search = budget if s.get("search_nok") is None else _number(s, "search_nok", budget)
    also = s.get("also_for") or []
    also = also if isinstance(also, list) else [also]
    for value in also:
        _number({"also_for": value}, "also_for", 0, search)
    wait = s.get("max_wait_change_days")
    fees = s.get("fees", False)
    if not isinstance(fees, bool):
        raise ConfigError(f"fees: {fees} is not true or false")
    overrides = s.get("overrides") or []
    if not isinstance(overrides, list) or not all(isinstance(o, str) and "=" in o for o in overrides):
        raise ConfigError(f"overrides: {overrides} is not a list of key=value settings")
    request = Request(
        objectives=objectives, budget_nok=budget, search_nok=search, also_for=[float(a) for a in also],
        staff_hours=_number(s, "staff_hours", 0),
        max_wait_change_days=None if wait is None else _number(s, "max_wait_change_days", 0),
        fees=fees, trials=int(_number(s, "trials", 1, whole=True)),
        replications=int(_number(s, "replications", 2, whole=True)),
        fresh_replications=int(_number(s, "fresh_replications", 2, whole=True)),
        processes=int(_number(s, "processes", 1, 2, whole=True)),
        seed=int(_number(s, "seed", 0, whole=True)), overrides=overrides,
        folder=Path(s["folder"]) if s.get("folder") else default_folder(objectives, budget, search, fees),
        levers=s.get("levers") or {}, **_references(s.get("references") or {}, fees))
    if not isinstance(request.levers, dict) or not request.levers:
        raise ConfigError("levers: no search variables (a block per lever, see default.yaml)")
    return request


def _references(given: dict, fees: bool) -> dict:
    lists = {key: given.get(key) or [] for key in ("single", "bundles", "with_fees")}
    for key, names in lists.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"references.{key}: {names} is not a list of policy names")
        for name in names:
            if not (POLICY_FOLDER / f"{name}.yaml").is_file():
                raise ConfigError(f"references.{key}: no policy file {name}.yaml in {POLICY_FOLDER}")
    return {"single": lists["single"] + (lists["with_fees"] if fees else []),
            "bundles": lists["bundles"]}


def _number(s: dict, key: str, low: float, high: float | None = None, whole: bool = False) -> float:
    value = s.get(key)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or value < low or (high is not None and value > high) or (whole and value != int(value)):
        kind = "a whole number" if whole else "a number"
        limit = f"from {low:g}" + (f" to {high:g}" if high is not None else "")
        raise ConfigError(f"{key}: {value} is out of range ({kind} {limit})")
    return float(value)


def default_folder(objectives: list[str], budget: float, search: float, fees: bool) -> Path:
    name = "+".join(objectives) + f"_nok{budget:.0f}" + (f"_to{search:.0f}" if search != budget else "")
    return Path("outputs") / "search" / (name + ("_fees" if fees else ""))
