"""Every behavioural parameter in YAML is listed in docs/evidence.md with a source."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ["behaviour/default.yaml", "population/ostfold_2005.yaml", "clinic/ostfold_2005.yaml",
           "policy/baseline.yaml"]
NOT_PARAMETERS = {"name", "display_name", "nb", "en", "sites", "stages", "capacity_fte"}


def _leaves(node, prefix=""):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


@pytest.mark.parametrize("config", CONFIGS)
def test_every_parameter_is_in_the_evidence_table(config):
    evidence = (ROOT / "docs" / "evidence.md").read_text()
    data = yaml.safe_load((ROOT / "scenarios" / config).read_text())
    data.pop("defaults", None)
    sites = data.pop("sites", {})
    names = {leaf.split(".")[-1] for leaf in _leaves(data)}
    names |= {leaf.split(".")[-1] for site in sites.values() for leaf in _leaves(site)}
    missing = sorted(n for n in names - NOT_PARAMETERS if f"`{n}`" not in evidence)
    assert not missing, f"not in docs/evidence.md: {missing}"
