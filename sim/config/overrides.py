"""What a command-line override sets: its key, as the checks before Hydra read it."""

from __future__ import annotations


def override_key(arg: str) -> str:
    """The key an override sets, without its value and its `+`, `++` or `~` prefix."""
    return arg.split("=", 1)[0].lstrip("+~")


def is_hydra_key(key: str) -> bool:
    """Whether `key` is one of Hydra's own settings (`hydra.run.dir`, `hydra/launcher`)."""
    return key == "hydra" or key.startswith(("hydra.", "hydra/"))
