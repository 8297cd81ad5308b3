"""Config fields with an allowed range, shared by the schema (`sim.config`) and the levers.

A range is `(low, high)`, both inclusive; `None` means unbounded. `sim.config.check_config` checks
every field that has one and names the field in its one-line error.
"""

from dataclasses import field

from omegaconf import MISSING


def ranged(low=None, high=None, default=MISSING):
    """A field with an allowed range."""
    return field(default=default, metadata={"range": (low, high)})


def share(default=MISSING):
    """A share or probability, 0 to 1."""
    return ranged(0.0, 1.0, default)
