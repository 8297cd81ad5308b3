"""Every word of the board report in English (en); the same keys as sim/report/text_nb.py."""

TEXT = {
    "title": "Reducing no-shows in outpatient substance-use treatment",
    "clinics": "The outpatient clinics of {sites}",
    "scenarios": "{n} scenarios, {reps} runs each",
    "scenarios_one_run": "{n} scenarios, one run each, no confidence interval",
    "one_scenario": "1 scenario, {reps} runs",
    "one_run": "one run, no confidence interval",
    "incomplete_jobs": (
        "Incomplete: {n} of {total} planned jobs are missing or failed ({names}). The figures cover "
        "only the runs that finished."
    ),
    "incomplete_uneven": "Incomplete: the scenarios have different numbers of runs ({counts}).",
    "see_last_page": "See the last page.",
    "incomplete_title": "Incomplete results",
    "period": "counted period {start} to {end} ({days} days)",
    "and": "and",
    "best": (
        "Largest effect: {name} changes the no-show rate from {base} to {value} ({diff} percentage "
        "points{ci}). That frees {hours} clinician hours a year, worth NOK {nok}; {real_hours} of them "
        "are time clinicians would otherwise sit idle, worth NOK {real_nok}."
    ),
    "best_ci": ", 95% CI {low} to {high}",
    "no_gain": (
        "No policy gives a clear fall in the no-show rate: the 95% CI of every change includes zero or "
        "lies above it."
    ),
    "single": (
        "{name}: the no-show rate is {value}. {hours} clinician hours a year are lost (technical), "
        "worth NOK {nok}; clinicians really sit idle for {real_hours} of them, worth NOK {real_nok}."
    ),
    "baseline_mark": "(baseline)",
    "reference_one": "the baseline ({name})",
    "reference_many": "the baseline policy at the same other settings ({names})",
    "head_scenario": "Scenario",
    "head_no_show": "No-show rate",
    "head_change": "Change vs.\nbaseline",
    "sub_change": "% points",
    "head_freed": "Clinician hours\nfreed per year",
    "head_lost": "Clinician hours\nlost per year",
    "head_value": "Value in NOK\nper year",
    "head_cost": "Cost in NOK\nper year",
    "technical": "technical",
    "real": "real",
    "head_days": "Wait to\nfirst\ntreatment",
    "sub_days": "days",
    "head_treated": "Patients\ntreated",
    "sub_treated": "in period",
    "sub_ci": "(95% CI)",
    "table_note": (
        "Sorted by effect on no-shows, largest fall first. Below each figure: its 95% confidence "
        "interval (CI). Change, hours freed and value are paired differences from {reference} in "
        "the same run. Technical time: no-shows × slot length; real time: the time "
        "clinicians actually sit idle. Assumptions and sources: last page."
    ),
    "table_note_single": (
        "Technical time: no-shows × slot length; real time: the time clinicians actually sit idle. "
        "Assumptions and sources: last page."
    ),
    "page": "Page {n} of {total}",
    # charts
    "no_show_title": "No-show rate by scenario",
    "no_show_sub": "Share of planned appointments, mean over the runs with 95% confidence interval",
    "no_show_axis": "No-show rate (share of planned appointments)",
    "weekly_title": "No-show rate week by week",
    "weekly_sub": "Mean over the runs; shaded: 95% confidence interval of the mean",
    "weekly_axis": "No-show rate",
    "funnel_title": "Patient pathway",
    "funnel_sub": "Patients in the period, mean over the runs",
    "funnel_in": "Referred in the period",
    "funnel_out": "Courses ended in the period",
    "funnel_axis": "Patients",
    "referred": "Referred",
    "assessed": "Assessed",
    "started": "Started treatment",
    "completed": "Completed",
    "dropped_out": "Dropped out",
    "discharged": "Discharged for\nnon-attendance",
    "lost_title": "Lost time: technical and real",
    "lost_sub": (
        "Clinician hours a year lost to no-shows; 1 hour = NOK {cost}. Technical: no-shows × slot "
        "length. Real: time clinicians actually sit idle."
    ),
    "lost_axis": "Clinician hours per year",
    "waiting_title": "Waiting list: referred, not yet in treatment",
    "waiting_sub": "All clinics together, day by day; shaded: 95% confidence interval of the mean",
    "waiting_axis": "Patients waiting",
    "single_band": "One run: no confidence interval",
    "baseline_line": "baseline",
    # the footnote page
    "notes_title": "Assumptions and sources",
    "how_title": "How the figures are computed",
    "how": {
        "no_show": (
            "No-show rate: share of planned appointments (attended + no-show) the patient missed "
            "without notice; late cancellations are left out, as in the Østfold report."
        ),
        "ci": (
            "95% CI: t-based confidence interval of the mean over the runs. Changes from the baseline "
            "are paired: run i of every scenario has the same patients and events (common random "
            "numbers)."
        ),
        "hours": (
            "Clinician hours freed per year: hours lost in the baseline minus hours lost in the "
            "scenario, scaled to a year (× 365 / {days} days). Technical loss: no-shows × {slot} "
            "minutes. Real loss: the clinician waits {wait} minutes and fills {refill} of the rest of "
            "the slot with other work. Value: hours × NOK {cost} per clinician hour (incl. social "
            "costs; an assumption)."
        ),
        "days": (
            "Wait to first treatment: days from referral, for patients who started treatment in the "
            "period. Patients treated: patients who attended at least one treatment session in the "
            "period (the appointment list, appointments.csv)."
        ),
        "pathway": (
            "Patient pathway: referred, assessed and started treatment count patients referred in the "
            "period; completed, dropped out and discharged count every course that ended in the period."
        ),
        "bands": (
            "Shaded band in the time series: 95% CI of the mean, week by week (no-shows) and day by "
            "day (waiting list, summed over the clinics)."
        ),
        "one_run": (
            "One run per scenario: no confidence intervals. More runs (e.g. 'replication=range(30)') "
            "give them."
        ),
        "hours_lost": (
            "Clinician hours lost per year: the hours in the period scaled to a year (× 365 / {days} "
            "days). Technical loss: no-shows × {slot} minutes. Real loss: the clinician waits {wait} "
            "minutes and fills {refill} of the rest of the slot with other work. Cost: hours × NOK "
            "{cost} per clinician hour (incl. social costs; an assumption)."
        ),
    },
    "assumptions_title": "The model's main assumptions",
    "assumptions": [
        (
            "Most numbers for patients' behaviour are assumptions: the sources say which way an effect "
            "goes, rarely how large it is. The model is calibrated to one year of totals from five "
            "clinics (2005)."
        ),
        "Reminders act only on forgetting; a phone call also strengthens the alliance a little.",
        (
            "No overbooking, no holidays, no readmissions and no change of therapist. Referrals arrive "
            "evenly through the year, and appointments are given first come, first served."
        ),
        "Late cancellations are not refilled and are not counted as lost time.",
        (
            "Levers the sources discuss but the model lacks: follow-up after a no-show, incentives, "
            "outreach, digital and drop-in sessions."
        ),
    ],
    "sources_title": "Sources",
    "sources": [
        (
            "Vold Hansen, G. and Ramsdal, H. (2006). Report on missed appointments at the "
            "social-medical outpatient clinics of Østfold, for Sykehuset Østfold HF. The baseline: "
            "no-shows in 2005 (table 1), 380 consultations per clinical FTE, real time lost 2–2.6% of "
            "working time (Hatling and Rohme 2005, cited there)."
        ),
        (
            "Sandberg and Hallquist (2022), NTNU: attendance of young people in substance-use "
            "treatment (reminders, fees, waiting). Wilhelmsen (2014), HiST: aftercare and relapse. "
            "Sterri (c. 2022), UiT: user involvement and motivation. Løberg (2015), Østfold University "
            "College: the good helper (alliance)."
        ),
        "Every value with its source and status: docs/evidence.md. The model: docs/model.md.",
    ],
    "runs_title": "The runs",
    "runs": (
        "Seed {seed}; run numbers {reps}; {days} days counted after a {warmup}-day warm-up; scale {scale}. "
        "Code version {commit}; Mesa {mesa}, Python {python}."
    ),
    "failed": "{n} job(s) failed and are left out.",
    "folder": "Results folder: {folder}",
    "reproduce_title": "To reproduce this report",
}
