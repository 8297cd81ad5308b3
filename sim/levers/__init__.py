"""Policy levers, one module each: its parameters, its whole effect, its columns and key figures.

Every module in this package is imported here, and each `Lever` subclass registers itself by its
key (`sim.levers.base`; the registry keeps the order of the keys, not of the imports); the policy
schema (`sim.config.Policy`) has one block per lever, the behaviour schema its effect sizes. No
lever imports `sim.config` (ranged fields are `sim.ranges`): the two do not import each other.
Parameters are in `scenarios/policy/*.yaml`; effect sizes in `scenarios/behaviour/*.yaml`;
sources in `docs/evidence.md`. How to add one: docs/architecture.md.
"""

import importlib
import pkgutil

from sim.levers.base import LEVERS, Lever, levers_of

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["LEVERS", "Lever", "levers_of"]
