"""Settings that do nothing where they are (e.g. a therapist switch without therapists): one note
each, said before the run (run.py prints them), not refused. Each lever owns its rules
(`Lever.no_effect_notes`, sim/levers/idle.py)."""

from __future__ import annotations

from typing import Any


def no_effect_notes(policy: Any) -> list[str]:
    """`note: ...` lines for a checked policy block (sim.config.Policy)."""
    from sim.levers import LEVERS

    notes = []
    for key, lever in LEVERS.items():
        params = getattr(policy, key, None)
        if params is not None:
            notes += [f"note: {line}" for line in lever.no_effect_notes(params)]
    return notes


def scenarios_no_effect_notes(runs: list) -> list[str]:
    """Each distinct scenario's settings that do nothing there (said, not refused)."""
    distinct = {id(run): run for run in runs}.values()
    return list(dict.fromkeys(note for run in distinct for note in no_effect_notes(run.policy)))
