"""Run one scenario on the compiled engine: config -> model -> tidy tables -> key figures."""

from __future__ import annotations

from sim.engine.model import ArrayModel
from sim.engine.tables import appointments_table, patients_table, waiting_list_table
from sim.results.kpis import summarise
from sim.simulate import Results


def simulate_arrays(cfg) -> Results:
    model = ArrayModel(cfg).run()
    appointments = appointments_table(model)
    patients = patients_table(model)
    waiting = waiting_list_table(model)
    fte = {key: site.fte for key, site in model.clinics.items()}
    summary = summarise(appointments, patients, waiting, fte, cfg, model.levers)
    return Results(cfg, appointments, patients, waiting, summary)
