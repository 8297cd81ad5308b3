"""The README's effect table is written by `python3 -m sim.report.readme_effects` from a sweep of
every policy: it names each policy once, in the order of the effect, between its markers."""

import re

import pandas as pd
import pytest

from sim.report import readme_effects


def _comparison(effects: dict[str, float]) -> pd.DataFrame:
    rows = [{"scenario": name, "kpi": "no_show_rate", "diff_vs_baseline": d,
             "diff_ci_low": d - 0.01, "diff_ci_high": d + 0.01, "net_cost_nok_per_year": 1000.0,
             "net_cost_ci_low": 0.0, "net_cost_ci_high": 2000.0, "nok_per_pp_avoided": 50.0,
             "gain_clear": d < 0, "takes_overtime_consultations_per_year": 3.0, "n_pairs": 4}
            for name, d in effects.items()]
    return pd.DataFrame(rows)


def test_the_readme_table_has_one_row_per_policy_but_the_baseline():
    text = readme_effects.README.read_text(encoding="utf-8")
    table = text.split(readme_effects.START)[1].split(readme_effects.END)[0]
    named = re.findall(r"^\| `(\w+)` \|", table, flags=re.M)
    assert sorted(named) == [p for p in readme_effects.policies() if p != "baseline"]


def test_rows_go_from_the_largest_fall_and_the_block_replaces_only_itself():
    comparison = _comparison({"baseline": 0.0, "a": -0.02, "b": -0.05, "c": 0.01})
    rows = readme_effects.effect_rows(comparison)
    assert [re.match(r"\| `(\w+)`", r).group(1) for r in rows] == ["b", "a", "c"]
    assert rows[0] == "| `b` | -5.0 (-6.0 to -4.0) | +1k (+0k to +2k) | 0k | 3.0 sessions in overtime |"
    assert rows[2].split(" | ")[3] == ""  # no gain: no cost per point
    text = f"before\n{readme_effects.START}\nold\n{readme_effects.END}\nafter\n"
    new = readme_effects.replace_block(text, readme_effects.block(comparison, 4))
    assert new.startswith("before\n" + readme_effects.START) and new.endswith(
        readme_effects.END + "\nafter\n")
    assert "old" not in new and "4 replications" in new


def test_a_readme_without_its_markers_is_refused():
    with pytest.raises(ValueError, match="effects:start"):
        readme_effects.replace_block("no markers", "x")
