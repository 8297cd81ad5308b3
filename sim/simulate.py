"""Run one scenario end to end: config -> model -> tidy tables -> key figures."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sim.config import RunConfig
from sim.model import AttendanceModel
from sim.results.kpis import summarise
from sim.results.tables import appointments_table, patients_table, waiting_list_table


@dataclass
class Results:
    cfg: RunConfig
    appointments: pd.DataFrame  # one row per appointment
    patients: pd.DataFrame  # one row per patient
    waiting_list: pd.DataFrame  # one row per clinic and day
    summary: pd.DataFrame  # one row per clinic, plus "all"


def simulate(cfg: RunConfig) -> Results:
    """Simulate the warm-up and the counted horizon; return the counted window's tables."""
    model = AttendanceModel(cfg).run()
    appointments = appointments_table(model)
    patients = patients_table(model)
    waiting = waiting_list_table(model)
    fte = {key: clinic.fte for key, clinic in model.clinics.items()}
    summary = summarise(appointments, patients, waiting, fte, cfg, model.levers)
    model.let_go_of_arrays()
    return Results(cfg, appointments, patients, waiting, summary)
