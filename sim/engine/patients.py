"""The patient agents, as rows of arrays, behind a collection shaped like Mesa's AgentSet.

`model.patients` has a length, `select`, `agg` and each attribute as an array
(`model.patients.motivation`); `model.patients[i]` is one patient, read through the domain's
names (`patient.no_shows`, `patient.alliance`). Views read; only the day's named operations
(`sim.engine.day`) change a patient.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from sim.engine import layout as L

_REAL = {name: index for index, name in enumerate(L.PATIENT_REAL)}
_INT = {name: index for index, name in enumerate(L.PATIENT_INT)}


class Patients:
    """All patients referred in a run (in the order they were referred), or a selection."""

    def __init__(self, state, rows: np.ndarray | None = None):
        self._state = state
        self._rows = rows

    @property
    def rows(self) -> np.ndarray:
        if self._rows is None:
            return np.arange(self._state.n_patients)
        return self._rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getattr__(self, name: str) -> np.ndarray:
        """An attribute of every patient here, as a read-only array."""
        if name.startswith("_"):
            raise AttributeError(name)
        if name in _REAL:
            column = self._state.patient_real[self.rows, _REAL[name]]
        elif name in _INT:
            column = self._state.patient_int[self.rows, _INT[name]]
        else:
            raise AttributeError(f"patients have no attribute {name!r}")
        column.flags.writeable = False
        return column

    def __getitem__(self, i: int) -> PatientView:
        return PatientView(self._state, int(self.rows[i]))

    def __iter__(self):
        return (PatientView(self._state, int(row)) for row in self.rows)

    def select(self, keep: Callable[[Patients], np.ndarray]) -> Patients:
        """The patients for whom `keep(patients)` (a boolean array) is true, e.g.
        `model.patients.select(lambda p: p.exit_reason == L.DROPPED_OUT)`."""
        return Patients(self._state, self.rows[np.asarray(keep(self), dtype=bool)])

    def agg(self, attribute: str, func: Callable[[np.ndarray], float]) -> float:
        """`func` over one attribute, as Mesa's `AgentSet.agg`."""
        return func(getattr(self, attribute))


class PatientView:
    """One patient, read by the domain's names (`unique_id` is the row number plus one)."""

    __slots__ = ("_state", "row")

    def __init__(self, state, row: int):
        self._state, self.row = state, row

    @property
    def unique_id(self) -> int:
        return self.row + 1

    def __getattr__(self, name: str):
        if name in _REAL:
            return float(self._state.patient_real[self.row, _REAL[name]])
        if name in _INT:
            return int(self._state.patient_int[self.row, _INT[name]])
        raise AttributeError(f"a patient has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"<patient {self.unique_id} of site {self.site}, motivation {self.motivation:.2f}>"
