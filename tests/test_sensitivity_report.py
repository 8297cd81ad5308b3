"""The board report of a sensitivity study (sim/report/sensitivity_page.py): one page whose
sentence names the policy that gives the fewest no-shows, in how many plausible worlds, and the assumption the
answer turns on, in plain words in both languages; written as PDF, PNG and SVG."""

import json

import pandas as pd
import pytest

from sim.report import write_report
from sim.report.sensitivity_page import sensitivity_page, words_for
from sim.report.text import Language

RECORD = {"method": "morris", "best": "sms_reminder", "share_best": 0.94,
          "share_within_margin": 0.98, "margin": 0.005, "samples": 840, "parameters": 83,
          "drivers": ["behaviour.forgetting.base_probability", "behaviour.reminder_efficacy.sms"],
          "shares": [{"option": "sms_reminder", "share_best": 0.94, "share_within_margin": 0.98},
                     {"option": "voucher", "share_best": 0.06, "share_within_margin": 0.2}],
          "names": {"sms_reminder": {"nb": "SMS-påminnelse", "en": "SMS reminder"},
                    "voucher": {"nb": "Gavekort", "en": "Voucher"}}}


def _oat() -> pd.DataFrame:
    rows = [{"parameter": p, "question": "sms_reminder", "kpi": "no_show_rate", "at_value": -0.06,
             "at_low": -0.06 + d, "at_high": -0.06 - d, "swing": 2 * abs(d)}
            for p, d in (("behaviour.forgetting.base_probability", 0.03),
                         ("clinic.sites.moss.travel_minutes_mean", 0.001))]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("code, sentence", [
    ("en", "SMS reminder gives the fewest no-shows in 94% of plausible worlds (costs aside); the "
           "answer turns on how often patients forget."),
    ("nb", "SMS-påminnelse gir færrest uteblivelser i 94 % av de troverdige verdenene (kostnader "
           "ikke medregnet); svaret avhenger mest av hvor ofte pasienter glemmer."),
])
def test_the_page_says_who_stays_best_and_what_the_answer_turns_on(code, sentence):
    fig = sensitivity_page(RECORD, _oat(), Language(code))
    text = " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
    assert sentence in text
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert labels[-1] == words_for("behaviour.forgetting.base_probability", Language(code))
    assert "Moss" in labels[0]  # a parameter without words of its own: its group, site and name


def test_the_report_of_a_study_folder_is_one_page_in_pdf_png_and_svg(tmp_path):
    (tmp_path / "sensitivity.json").write_text(json.dumps(RECORD))
    _oat().to_csv(tmp_path / "oat.csv", index=False)
    out = write_report(tmp_path, "en")
    assert {p.name for p in out.iterdir()} == {"report.pdf", "sensitivity.png", "sensitivity.svg"}
