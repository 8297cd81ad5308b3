"""Run one scenario end to end: config -> model -> tidy tables -> key figures."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pandas as pd

from sim.config import RunConfig
from sim.model import AttendanceModel, cycle_collection_paused
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
    with cycle_collection_paused():
        model = AttendanceModel(cfg).run()
        try:
            appointments = appointments_table(model)
            patients = patients_table(model)
            waiting = waiting_list_table(model)
            fte = {key: clinic.fte for key, clinic in model.clinics.items()}
        finally:
            model.release()
            model.appointments.clear()  # in the tables now; a large run holds a million
        summary = summarise(appointments, patients, waiting, fte, cfg, model.levers)
        del model
        # The model's agents and the model refer to each other: only the cycle collector frees
        # them. Once, now, over the objects of this run only (all in the young generations),
        # before the results are written: else the collector, enabled again, first scans them
        # all without finding any garbage, then again (half a second each at scale 50).
        gc.collect(1)
    return Results(cfg, appointments, patients, waiting, summary)
