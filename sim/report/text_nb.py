"""Every word of the board report in Norwegian bokmål (nb); the same keys as sim/report/text_en.py."""

TEXT = {
    "title": "Tiltak mot ikke møtt i poliklinisk rusbehandling",
    "clinics": "Poliklinikkene i {sites}",
    "scenarios": "{n} scenarioer, {reps} kjøringer hver",
    "scenarios_one_run": "{n} scenarioer, én kjøring hver, uten konfidensintervall",
    "one_scenario": "1 scenario, {reps} kjøringer",
    "one_run": "én kjøring, uten konfidensintervall",
    "incomplete_jobs": (
        "Ufullstendig: {n} av {total} planlagte jobber mangler eller feilet ({names}). Tallene gjelder "
        "bare kjøringene som ble ferdige."
    ),
    "incomplete_uneven": "Ufullstendig: scenarioene har ulikt antall kjøringer ({counts}).",
    "see_last_page": "Se siste side.",
    "incomplete_title": "Ufullstendige resultater",
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
    "reference_one": "referansen ({name})",
    "reference_many": "referansen med de samme øvrige innstillingene ({names})",
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
        "{reference} i samme kjøring. Teknisk tid: ikke møtt × timens lengde; reell tid: "
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
}
