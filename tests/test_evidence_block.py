"""The calibrated values in docs/evidence.md are what sim/calibration/evidence_block.py writes from
the committed fitted file, so the document cannot disagree with the fit."""

import copy

import pytest

from sim.calibration.evidence_block import (END, EVIDENCE, START, MissingBlock, fitted_block,
                                            with_fitted_block, write_fitted_block)
from sim.config.compose import load_config


@pytest.fixture(scope="module")
def fitted_cfg():
    return load_config(["charts=false"])  # the baseline with scenarios/fitted/ostfold_2005.yaml


def test_the_committed_block_is_what_the_fitted_file_writes(fitted_cfg):
    text = EVIDENCE.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1
    expected = with_fitted_block(text, fitted_block(fitted_cfg))
    assert text == expected, ("docs/evidence.md's calibrated values differ from "
                              "scenarios/fitted/: rerun python3 -m sim.calibration")


def test_the_block_names_the_fitted_figures(fitted_cfg):
    block = fitted_block(fitted_cfg)
    total = sum(round(site.referrals_per_year) for site in fitted_cfg.clinic.sites.values())
    assert f"| all | 19.9 | 1,205 | {total:,} |" in block
    assert f"{fitted_cfg.behaviour.decision.intercept}" in block
    askim = fitted_cfg.clinic.sites["askim"]
    per_fte = askim.referrals_per_year / askim.capacity_fte
    assert (f"| Askim | 4.2 | 254 | {round(askim.referrals_per_year):,} | {per_fte:.1f} | "
            f"{askim.unexplained_log_odds:+.4f} |") in block


def test_a_refit_changes_the_block(fitted_cfg, tmp_path):
    refit = copy.deepcopy(fitted_cfg)
    refit.clinic.sites["moss"].referrals_per_year = 300
    refit.behaviour.decision.intercept = -1.25
    page = tmp_path / "evidence.md"
    page.write_text(f"before\n{START}\nold\n{END}\nafter\n", encoding="utf-8")
    write_fitted_block(refit, page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("\nafter\n") and "\nold\n" not in text
    assert "| Moss | 4.4 | 268 | 300 |" in text and "intercept`: -1.25" in text
    assert with_fitted_block(text, fitted_block(fitted_cfg)) != text


def test_a_page_without_the_markers_is_refused(tmp_path):
    page = tmp_path / "evidence.md"
    page.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(MissingBlock):
        write_fitted_block(load_config(["charts=false"]), page)
    assert page.read_text(encoding="utf-8") == "no markers\n"
