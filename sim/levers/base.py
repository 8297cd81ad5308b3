"""What a lever is: a policy unit with parameters, effect sizes, its terms, columns and costs.

A subclass registers itself by its `key`, which is also its block under `policy:` in the YAML
(compare Starsim's Intervention), and declares its effect sizes (`Effect`), its block under
`behaviour:`. Its effect on patients is its terms (`array_terms`), which the compiled day reads
at fixed moments of an appointment's life (sim/engine/); its capacity hooks are asked when the
model is built; a hook left as it is here changes nothing.

The levers are asked in the order of their keys, whatever was imported first; and where two
levers change the same value, each answers from the site's own value and the answers combine
without regard to order: capacity changes add up and are rounded once (the bookable limit in
`sim.engine.booking.limit_for`, `treatment_places`); planned waits take the shortest cap (`planned_days`); the day adds terms
and reads each lever's at its own moment (a new therapist resets the alliance before a phone
reminder's gain is added).
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, Callable, ClassVar


class Lever:
    """One policy lever. Subclasses set `key` and `Params` and override the hooks they need."""

    key: ClassVar[str] = ""  # the YAML block under `policy:`
    Params: ClassVar[type]  # a dataclass of its parameters, with ranges (`sim.ranges.ranged`)
    # What it takes: each of its `summary_columns` that measures a cost, by kind (sim/results/costs.py):
    # "cost_nok" and "revenue_nok" make up the run's `policy_cost_nok` (costs minus revenue);
    # "amount" (staff hours, calls, vouchers over the counted period) and "level" (e.g. FTEs added)
    # are shown beside it. Every summary column ending in _nok must be a cost or a revenue here.
    takes: ClassVar[dict[str, str]] = {}
    # Its effect sizes: a dataclass of ranged fields (how patients respond to it; values and sources
    # in scenarios/behaviour/*.yaml), built into the `behaviour:` schema at `effect_key` (its key
    # unless it says otherwise), and given to the lever as `self.effect`. None: it has none.
    Effect: ClassVar[type | None] = None
    effect_key: ClassVar[str] = ""

    def __init__(self, params: Any, cfg: Any):
        self.params = params  # this lever's block of the policy
        self.cfg = cfg  # the whole run config (effect sizes live under `behaviour:`)
        self.effect = getattr(cfg.behaviour, self.effect_key) if self.Effect is not None else None
        self.model = None  # the model it works in, given when the model is built (for the clinics' days)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.Effect is not None and not cls.effect_key:
            cls.effect_key = cls.key
        if cls.key:
            register(cls)

    @classmethod
    def no_effect_notes(cls, params: Any) -> list[str]:
        """One line for each of its settings that does nothing with the others (e.g. a rule for
        therapists while none are modelled; sim/levers/idle.py): said before a run, not refused."""
        return []

    def uses(self, hook: str) -> bool:
        """Whether, with these parameters, `hook` can change anything; a neutral lever leaves its
        hooks out and costs nothing. Asked only for the hooks the lever overrides."""
        return True

    # Capacity and booking
    def extra_fte(self, site_key: str) -> float:
        """Clinical FTEs added at a site."""
        return 0.0

    def first_treatment_wait_cap(self, site_key: str) -> float:
        """The longest wait, in days, it lets a site plan from assessment to first treatment: the
        site plans the shortest of its own and every lever's cap (`planned_days`)."""
        return math.inf

    def assessment_lead_cap(self, site_key: str) -> float:
        """The longest lead, in days, it lets a site plan from referral to assessment: the site
        plans the shortest of its own and every lever's cap (`planned_days`)."""
        return math.inf

    def treatment_places_change(self, site_key: str) -> float:
        """Relative change in the patients a site takes into treatment at once (0.2: a fifth more),
        from its own places (caseload per FTE x FTE); the levers' changes add up and the places are
        rounded once. Asked once, when the clinic is built: a clinic that books more plans a
        bigger caseload."""
        return 0.0

    # Its effect on patients (sim/engine/)
    def array_terms(self) -> dict:
        """Its terms as the compiled day reads them, by the names of `sim.engine.settings` (a term
        left out keeps its neutral value): e.g. a cut in forgetting by stage, a log-odds term, a
        share who call to cancel. The day's code reads them at fixed moments: when an appointment
        is booked, before the patient decides, in the decision, once the outcome is known, after
        a miss (docs/architecture.md, "The compiled engine")."""
        return {}

    # Results (sim/results/)
    def appointment_columns(self, notes: dict) -> dict:
        """Columns this lever adds to the appointments table, after `lead_days`: for all held
        appointments at once, from the notes the day kept (`notes`: arrays by the names of
        `sim.engine.layout.APPOINTMENT_INT` and `APPOINTMENT_REAL`)."""
        return {}

    def patient_columns(self, patients: dict) -> dict:
        """Columns this lever adds at the end of the patients table, from the patients' columns
        (arrays by the names of `sim.engine.layout.PATIENT_REAL` and `PATIENT_INT`)."""
        return {}

    def summary_columns(self, appointments, patients) -> dict:
        """Key figures this lever adds to a summary row (one clinic's or all clinics' tables)."""
        return {}


HOOKS = tuple(name for name, value in vars(Lever).items()
              if callable(value) and not name.startswith("_") and name != "uses")

LEVERS: dict[str, type[Lever]] = {}  # by key, in the order of the keys (not of registering)
_listeners: list[Callable[[], None]] = []


def register(cls: type[Lever]) -> None:
    LEVERS[cls.key] = cls
    ordered = sorted(LEVERS.items())
    LEVERS.clear()
    LEVERS.update(ordered)
    for listener in _listeners:
        listener()


def unregister(key: str) -> None:
    LEVERS.pop(key, None)
    for listener in _listeners:
        listener()


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` whenever a lever registers or leaves (the policy schema rebuilds)."""
    _listeners.append(listener)


def levers_of(cfg) -> list[Lever]:
    """The levers a run's policy holds, in the order of their keys, each with its parameters."""
    return [lever(getattr(cfg.policy, key), cfg) for key, lever in LEVERS.items()
            if hasattr(cfg.policy, key)]


def hooks_of(levers: list[Lever]) -> SimpleNamespace:
    """For each hook, the bound methods of the levers that override it and use it with their
    parameters (`Lever.uses`): the core calls only those, so a neutral lever costs nothing."""
    return SimpleNamespace(**{name: [getattr(lever, name) for lever in levers if _overrides(lever, name)
                                     and lever.uses(name)] for name in HOOKS})


def _overrides(lever: Lever, hook: str) -> bool:
    return getattr(type(lever), hook) is not getattr(Lever, hook)


def planned_days(caps: list, site_key: str, days: int) -> int:
    """Days a site plans: its own `days`, or the shortest of the levers' caps if shorter."""
    return min([days, *(cap(site_key) for cap in caps)])


def treatment_places(changes: list, site_key: str, places: int) -> int:
    """A site's treatment places: its own `places` times one plus the levers' relative changes."""
    return round(places * (1 + math.fsum(change(site_key) for change in changes)))
