"""Every word of the board report, in Norwegian bokmål (nb) and English (en).

`Language("nb")("key", name=...)` gives a string with its values filled in; the same object
formats numbers the way that language writes them (sim/report_format.py).
"""

from __future__ import annotations

from sim import report_format as fmt
from sim.config import check_report_language

TEXT = {
    "nb": {
        "title": "Tiltak mot ikke møtt i poliklinisk rusbehandling",
        "clinics": "Poliklinikkene i {sites}",
        "scenarios": "{n} scenarioer, {reps} kjøringer hver",
        "one_run": "én kjøring, uten konfidensintervall",
        "period": "telleperiode {start} til {end} ({days} dager)",
        "and": "og",
        "best": (
            "Størst effekt: {name} endrer andelen ikke møtt fra {base} til {value} ({diff} "
            "prosentpoeng{ci}). Det frigjør {hours} klinikertimer i året, verdt {nok} kr; {real_hours} av "
            "dem er tid klinikerne ellers ville ha sittet ledige, verdt {real_nok} kr."
        ),
        "best_ci": ", 95\u00a0% KI {low} til {high}",
        "no_gain": (
            "Ingen av tiltakene gir en sikker nedgang i andelen ikke møtt: 95\u00a0% KI for endringen "
            "omfatter null eller ligger over null."
        ),
        "single": (
            "{name}: andelen ikke møtt er {value}. Det tapes {hours} klinikertimer i året (teknisk), verdt "
            "{nok} kr; av dem sitter klinikerne reelt ledige i {real_hours} timer, verdt {real_nok} kr."
        ),
        "baseline_mark": "(referanse)",
        "head_scenario": "Scenario",
        "head_no_show": "Ikke møtt",
        "head_change": "Endring mot\nreferansen",
        "sub_change": "prosentpoeng",
        "head_freed": "Frigjorte\nklinikertimer per år",
        "head_lost": "Tapte\nklinikertimer per år",
        "head_value": "Verdi i kroner\nper år",
        "head_cost": "Kostnad i kroner\nper år",
        "technical": "teknisk",
        "real": "reell",
        "head_days": "Ventetid\ntil første\nbehandling",
        "sub_days": "dager",
        "head_treated": "Pasienter\nbehandlet",
        "sub_treated": "i perioden",
        "sub_ci": "(95\u00a0% KI)",
        "table_note": (
            "Sortert etter effekt på ikke møtt, størst nedgang øverst. Under hvert tall: 95\u00a0% "
            "konfidensintervall (KI). Endring, frigjorte timer og verdi er parvise forskjeller fra "
            "referansen ({baseline}) i samme kjøring. Teknisk tid: ikke møtt × timens lengde; reell tid: "
            "tiden klinikerne faktisk sitter ledige. Forutsetninger og kilder: siste side."
        ),
        "table_note_single": (
            "Teknisk tid: ikke møtt × timens lengde; reell tid: tiden klinikerne faktisk sitter ledige. "
            "Forutsetninger og kilder: siste side."
        ),
        "page": "Side {n} av {total}",
        # charts
        "no_show_title": "Ikke møtt per scenario",
        "no_show_sub": (
            "Andel av planlagte timer, gjennomsnitt over kjøringene med 95\u00a0% konfidensintervall"
        ),
        "no_show_axis": "Ikke møtt (andel av planlagte timer)",
        "weekly_title": "Ikke møtt uke for uke",
        "weekly_sub": (
            "Gjennomsnitt over kjøringene; skravert: 95\u00a0% konfidensintervall for gjennomsnittet"
        ),
        "weekly_axis": "Ikke møtt",
        "funnel_title": "Pasientforløp",
        "funnel_sub": "Pasienter i perioden, gjennomsnitt over kjøringene",
        "funnel_in": "Henvist i perioden",
        "funnel_out": "Forløp avsluttet i perioden",
        "funnel_axis": "Pasienter",
        "referred": "Henvist",
        "assessed": "Utredet",
        "started": "Startet behandling",
        "completed": "Fullført",
        "dropped_out": "Falt fra",
        "discharged": "Skrevet ut etter\nikke møtt",
        "lost_title": "Tapt tid: teknisk og reell",
        "lost_sub": (
            "Klinikertimer per år tapt på ikke møtt; 1 time = {cost} kr. Teknisk: ikke møtt × timens "
            "lengde. Reell: tid klinikerne faktisk sitter ledige."
        ),
        "lost_axis": "Klinikertimer per år",
        "waiting_title": "Venteliste: henvist, ikke startet behandling",
        "waiting_sub": (
            "Alle klinikker sammen, dag for dag; skravert: 95\u00a0% konfidensintervall for gjennomsnittet"
        ),
        "waiting_axis": "Pasienter på venteliste",
        "single_band": "Én kjøring: uten konfidensintervall",
        "baseline_line": "referansen",
        # the footnote page
        "notes_title": "Forutsetninger og kilder",
        "how_title": "Slik er tallene regnet",
        "how": {
            "no_show": (
                "Ikke møtt: andel av planlagte timer (møtt + ikke møtt) der pasienten uteble uten å melde "
                "fra; sene avbud er holdt utenfor, som i Østfold-rapporten."
            ),
            "ci": (
                "95\u00a0% KI: t-basert konfidensintervall for gjennomsnittet over kjøringene. Endringer "
                "mot referansen er parvise: kjøring i av hvert scenario har de samme pasientene og "
                "hendelsene (felles tilfeldige tall)."
            ),
            "hours": (
                "Frigjorte klinikertimer per år: tapte timer i referansen minus tapte timer i scenarioet, "
                "regnet om til ett år (× 365 / {days} dager). Teknisk tap: ikke møtt × {slot} minutter. "
                "Reelt tap: klinikeren venter {wait} minutter og fyller {refill} av resten av timen med "
                "annet arbeid. Verdi: timer × {cost} kr per klinikertime (inkl. sosiale kostnader; en "
                "forutsetning)."
            ),
            "days": (
                "Ventetid til første behandling: dager fra henvisning, for pasienter som startet "
                "behandling i perioden. Pasienter behandlet: pasienter som møtte til minst én "
                "behandlingstime i perioden (timelisten, appointments.csv)."
            ),
            "pathway": (
                "Pasientforløp: henvist, utredet og startet behandling gjelder pasienter henvist i "
                "perioden; fullført, falt fra og skrevet ut gjelder alle forløp avsluttet i perioden."
            ),
            "bands": (
                "Skravert bånd i tidsseriene: 95\u00a0% KI for gjennomsnittet, uke for uke (ikke møtt) og "
                "dag for dag (venteliste, summert over klinikkene)."
            ),
            "one_run": (
                "Én kjøring per scenario: uten konfidensintervall. Flere kjøringer (f.eks. "
                "'replication=range(30)') gir intervallene."
            ),
            "hours_lost": (
                "Tapte klinikertimer per år: timene i perioden regnet om til ett år (× 365 / {days} "
                "dager). Teknisk tap: ikke møtt × {slot} minutter. Reelt tap: klinikeren venter {wait} "
                "minutter og fyller {refill} av resten av timen med annet arbeid. Kostnad: timer × {cost} "
                "kr per klinikertime (inkl. sosiale kostnader; en forutsetning)."
            ),
        },
        "assumptions_title": "Modellens viktigste forutsetninger",
        "assumptions": [
            (
                "De fleste tallene for pasientenes atferd er anslag: kildene sier hvilken vei en effekt "
                "går, sjelden hvor stor den er. Modellen er kalibrert til ett års samlede tall fra fem "
                "klinikker (2005)."
            ),
            "Påminnelser virker bare på glemsel; en telefon styrker i tillegg alliansen litt.",
            (
                "Ingen overbooking, ingen ferier eller helligdager, ingen gjeninnleggelser og ingen bytte "
                "av terapeut. Henvisningene kommer jevnt gjennom året, og timer tildeles etter tur."
            ),
            "Sene avbud fylles ikke igjen og regnes ikke som tapt tid.",
            (
                "Tiltak kildene nevner, men som modellen ikke har: oppfølging etter ikke møtt, belønning, "
                "oppsøkende arbeid, digitale timer og drop-in."
            ),
        ],
        "sources_title": "Kilder",
        "sources": [
            (
                "Vold Hansen, G. og Ramsdal, H. (2006). Rapport om ikke møtt ved de sosialmedisinske "
                "poliklinikkene i Østfold, for Sykehuset Østfold HF. Referansen: ikke møtt 2005 (tabell "
                "1), 380 konsultasjoner per klinisk årsverk, reelt tidstap 2–2,6\u00a0% av arbeidstiden "
                "(Hatling og Rohme 2005, sitert der)."
            ),
            (
                "Sandberg og Hallquist (2022), NTNU: oppmøte hos unge i rusbehandling (påminnelser, gebyr, "
                "ventetid). Wilhelmsen (2014), HiST: ettervern og tilbakefall. Sterri (ca. 2022), UiT: "
                "brukermedvirkning og motivasjon. Løberg (2015), Høgskolen i Østfold: den gode hjelperen "
                "(allianse)."
            ),
            "Hver verdi med kilde og status: docs/evidence.md. Modellen: docs/model.md.",
        ],
        "runs_title": "Kjøringene",
        "runs": (
            "Startverdi (seed) {seed}; kjøring nr. {reps}; {days} dager telt etter {warmup} dagers oppvarming; "
            "skala {scale}. Kodeversjon {commit}; Mesa {mesa}, Python {python}."
        ),
        "failed": "{n} jobb(er) feilet og er utelatt.",
        "folder": "Resultatmappe: {folder}",
        "reproduce_title": "Slik gjenskapes rapporten",
    },
    "en": {
        "title": "Reducing no-shows in outpatient substance-use treatment",
        "clinics": "The outpatient clinics of {sites}",
        "scenarios": "{n} scenarios, {reps} runs each",
        "one_run": "one run, no confidence interval",
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
            "interval (CI). Change, hours freed and value are paired differences from the baseline "
            "({baseline}) in the same run. Technical time: no-shows × slot length; real time: the time "
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
    },
}


class Language:
    """The report's words and number formats in one language (nb or en)."""

    def __init__(self, code: str) -> None:
        check_report_language(code)
        self.code = code
        self.text = TEXT[code]

    def __call__(self, key: str, **values) -> str:
        return self.text[key].format(**values) if values else self.text[key]

    def items(self, key: str, **values) -> list[str]:
        return [item.format(**values) for item in self.text[key]]

    def pick(self, key: str, names: list[str], **values) -> list[str]:
        """Some of a keyed group of paragraphs, in the order named."""
        return [self.text[key][name].format(**values) for name in names]

    def num(self, value, decimals: int = 0, sign: bool = False) -> str:
        return fmt.number(value, self.code, decimals, sign)

    def pct(self, share, decimals: int = 1) -> str:
        return fmt.percent(share, self.code, decimals)

    def pp(self, diff) -> str:
        return fmt.points(diff, self.code)

    def ci(self, low: str, high: str) -> str:
        return fmt.interval(low, high, self.code)

    def day(self, value) -> str:
        return fmt.day(value, self.code)

    def months(self) -> list[str]:
        return fmt.MONTHS[self.code]

    def join(self, names: list[str]) -> str:
        """"A, B og C" / "A, B and C"."""
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {self('and')} {names[-1]}"
