"""Property: whatever bad value a planner gives any setting of the schema, the check before the
run answers with one line naming that setting, and nothing is created, changed or deleted."""

import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.config.command_line import check_command_line
from sim.config.compose import load_config
from sim.config import RunConfig


def _leaves(node, prefix: str, dict_keys: dict[str, list[str]]):
    """(dotted path, type, (low, high) or None) of every single setting, with each site of the
    default clinic and each age group of the default population for the settings keyed by name."""
    hints = typing.get_type_hints(node)
    for f in fields(node):
        path, kind = f"{prefix}{f.name}", hints[f.name]
        if is_dataclass(kind):
            yield from _leaves(kind, path + ".", dict_keys)
        elif typing.get_origin(kind) is dict:
            value_type = typing.get_args(kind)[1]
            for key in dict_keys.get(path, []):
                if is_dataclass(value_type):
                    yield from _leaves(value_type, f"{path}.{key}.", dict_keys)
                else:
                    yield f"{path}.{key}", value_type, (0.0, 1.0)
        else:
            args = [a for a in typing.get_args(kind) if a is not type(None)]
            yield path, (args[0] if args else kind), f.metadata.get("range")


DEFAULT = load_config()
LEAVES = list(_leaves(RunConfig, "", {"clinic.sites": list(DEFAULT.clinic.sites),
                                      "population.age_group_shares": list(DEFAULT.population.age_group_shares)}))


def bad_values(kind, bounds) -> list[str]:
    """Values no setting of this kind and range accepts."""
    if kind is bool:
        return ["maybe", "[1]"]
    if kind not in (int, float):
        return []
    low, high = bounds or (None, None)
    values = ["abc", "[1,2]"]
    values += [str(low - 1)] if low is not None else []
    values += [str(high * 2 + 1)] if high is not None else []
    values += ["nan", "inf", "-inf"] if kind is float else ["1.5"]
    return values


@pytest.fixture(scope="module")
def users_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("planner") / "results"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes")
    return folder


def test_every_kind_of_setting_is_covered():
    kinds = {kind for _, kind, _ in LEAVES}
    assert {int, float, bool, str} <= kinds
    assert any(path.startswith("clinic.sites.moss.") for path, _, _ in LEAVES)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_any_bad_value_or_unknown_key_gets_one_line_and_touches_nothing(users_folder, data):
    path, kind, bounds = data.draw(st.sampled_from(LEAVES))
    choices = [(path, value) for value in bad_values(kind, bounds)]
    choices.append((path + "x", "1"))  # a misspelt setting
    key, value = data.draw(st.sampled_from(choices))
    before = {p.name: p.read_bytes() for p in users_folder.iterdir()}
    outputs = sorted(Path("outputs").glob("*/*")) if Path("outputs").is_dir() else []

    plan = check_command_line([f"{key}={value}", f"hydra.run.dir={users_folder}"])

    assert plan.problem, f"{key}={value} was accepted"
    assert "\n" not in plan.problem
    assert key in plan.problem or key.rsplit(".", 1)[0] in plan.problem, plan.problem
    assert {p.name: p.read_bytes() for p in users_folder.iterdir()} == before
    assert (sorted(Path("outputs").glob("*/*")) if Path("outputs").is_dir() else []) == outputs
