"""docs/evidence.md has one row per YAML parameter, with its value, unit and source; no row names
a parameter that no longer exists; every fitted value is listed as calibrated, at its fitted value."""

from pathlib import Path

import pytest
import yaml

from sim.config.policy_parts import settings_of

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EVIDENCE = ROOT / "docs" / "evidence.md"
# Each file and the section its keys sit under in the composed config ("" = the root).
CONFIGS = {"config.yaml": "", "behaviour/default.yaml": "behaviour", "population/ostfold_2005.yaml": "population",
           "clinic/ostfold_2005.yaml": "clinic", "policy/baseline.yaml": "policy"}
FITTED = "fitted/ostfold_2005.yaml"
LABELS = {"name", "display_name"}  # names and display labels, not parameters
NOT_RUN_SETTINGS = {"defaults", "hydra"}  # Hydra's own keys in config.yaml


def _leaves(node: dict, prefix: str = ""):
    """(dotted path, value) of every leaf, skipping labels."""
    for key, value in node.items():
        if key in LABELS:
            continue
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from _leaves(value, path)
        else:
            yield path, value


def _yaml(name: str) -> dict:
    data = yaml.safe_load((SCENARIOS / name).read_text())
    return {k: v for k, v in data.items() if k not in NOT_RUN_SETTINGS}


def _rows() -> dict[str, dict[str, str]]:
    """Every row of the parameter tables, by full dotted path (section.parameter)."""
    rows, header = {}, None
    for line in EVIDENCE.read_text().splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif header[:2] == ["parameter", "section"] and not cells[0].startswith("---"):
            row = dict(zip(header, cells))
            section = "" if row["section"] == "(root)" else row["section"] + "."
            path = section + row["parameter"].strip("`")
            assert path not in rows, f"docs/evidence.md: two rows for {path}"
            rows[path] = row
    return rows


def _same(cell: str, value) -> bool:
    return yaml.safe_load(cell) == value or cell == str(value)


@pytest.mark.parametrize("config", CONFIGS)
def test_every_parameter_has_its_own_row_with_unit_and_source(config):
    rows, fitted = _rows(), dict(_leaves(_yaml(FITTED)))
    problems = []
    for path, value in _leaves(_yaml(config), CONFIGS[config]):
        row = rows.get(path)
        if row is None:
            problems.append(f"{path}: no row")
        elif not row["unit"] or not row["source"]:
            problems.append(f"{path}: empty unit or source")
        elif path not in fitted and not _same(row["value"], value):
            problems.append(f"{path}: value {row['value']} in the table, {value} in {config}")
    assert not problems, f"docs/evidence.md: {problems}"


def test_every_row_names_a_parameter_that_exists():
    known = {path for config, section in CONFIGS.items() for path, _ in _leaves(_yaml(config), section)}
    stale = sorted(set(_rows()) - known)
    assert not stale, f"docs/evidence.md has rows for parameters no YAML file has: {stale}"


def test_every_fitted_value_is_listed_as_calibrated_at_its_fitted_value():
    rows = _rows()
    for path, value in _leaves(_yaml(FITTED)):
        assert path in rows, f"docs/evidence.md: no row for the fitted {path}"
        assert rows[path]["status"].startswith("calibrated"), path
        assert _same(rows[path]["value"], value), f"{path}: {rows[path]['value']} in the table, {value} fitted"


def test_the_other_policy_files_are_listed_at_their_values():
    """The table of values changed from baseline: one row per changed value (a file that combines
    others: theirs too, sim/config/policy_parts.py), none stale."""
    listed = {}
    for line in EVIDENCE.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and cells[0].endswith(".yaml`"):
            listed[(cells[0].strip("`"), f"{cells[2]}.{cells[1].strip('`')}")] = cells[3]
    changed = {}
    for path in sorted((SCENARIOS / "policy").glob("*.yaml")):
        if path.name != "baseline.yaml":
            for key, value in settings_of(path.stem, [SCENARIOS]).items():
                changed[(path.name, f"policy.{key}")] = value
    assert sorted(listed) == sorted(changed)
    for key, cell in listed.items():
        assert _same(cell, changed[key]), (key, cell, changed[key])
