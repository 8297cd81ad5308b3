"""What a command-line override sets: its key, as the checks before Hydra read it; which keys
pick a replication rather than a scenario; and what Hydra's basic sweeper expands into jobs."""

from __future__ import annotations

from omegaconf import DictConfig, OmegaConf

# Overrides that pick a replication, not a scenario: they change no setting but the random
# numbers, so jobs differing only in these are replications of one scenario (paired).
REPLICATION_KEYS = ("seed", "replication")


def override_key(arg: str) -> str:
    """The key an override sets, without its value and its `+`, `++` or `~` prefix."""
    return arg.split("=", 1)[0].lstrip("+~")


def is_hydra_key(key: str) -> bool:
    """Whether `key` is one of Hydra's own settings (`hydra.run.dir`, `hydra/launcher`)."""
    return key == "hydra" or key.startswith(("hydra.", "hydra/"))


def basic_sweep_arguments(config: DictConfig, task: list) -> list[str] | None:
    """The arguments Hydra's basic sweeper expands into jobs, in its order: an experiment file's
    sweep parameters first, then the command line's `task` overrides (a later one winning).
    None for another sweeper, which picks its jobs as it goes."""
    if not str(OmegaConf.select(config, "hydra.sweeper._target_") or "").endswith("BasicSweeper"):
        return None
    params = OmegaConf.select(config, "hydra.sweeper.params") or {}
    return [f"{k}={v}" for k, v in params.items()] + [str(t) for t in task]


def without_hydra(cfg: DictConfig | dict) -> DictConfig | dict:
    """`cfg` less Hydra's own node (its folders, launcher, the choices made), which is no
    setting of the model and is not resolved or checked with it."""
    if isinstance(cfg, DictConfig):
        return OmegaConf.masked_copy(cfg, [key for key in cfg if key != "hydra"])
    return {key: value for key, value in cfg.items() if key != "hydra"}


def quoted_for_hydra(arg: str) -> str:
    """`arg` with each value of its override that holds a letter outside ASCII (æ, ø, å) quoted,
    as Hydra's override grammar needs (`hydra.run.dir=outputs/Østfold` is a grammar error;
    `hydra.run.dir='outputs/Østfold'` is the same folder). A value already quoted, or holding
    quotes, backslashes or brackets, is left as it is."""
    if arg.startswith("-") or "=" not in arg:
        return arg
    key, value = arg.split("=", 1)
    if value.isascii() or any(c in value for c in "'\"\\()[]{}"):
        return arg
    return key + "=" + ",".join(v if v.isascii() else f"'{v}'" for v in value.split(","))
