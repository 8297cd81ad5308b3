"""A sweep's job folders, named as Hydra names them by default, checked before the sweep starts.

Hydra makes each job's folder as it launches the job; a plain file in its place stops the whole
sweep with a traceback (issue 18, item 8), so the pre-check refuses it first, with one line.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

from sim.config.overrides import is_hydra_key, override_key

DEFAULT_SUBDIR = "${hydra:job.override_dirname}"
MAX_NAME_BYTES = 255  # the longest file name on common file systems (ext4, APFS, NTFS)


def file_in_a_jobs_place(master: DictConfig, jobs: list[list[str]], sweep_dir: Path) -> str | None:
    """The line refusing a plain file where a job's folder goes, or None. Only for Hydra's default
    naming (override_dirname: the job's overrides, sorted, less the excluded keys)."""
    raw = OmegaConf.to_container(master.hydra.sweep, resolve=False).get("subdir")
    if raw != DEFAULT_SUBDIR:
        return None
    naming = master.hydra.job.config.override_dirname
    for job in jobs:
        task = [o for o in job if not is_hydra_key(override_key(o))]
        lines = sorted(o for o in task if override_key(o) not in naming.exclude_keys)
        name = naming.item_sep.join(lines).replace("=", naming.kv_sep)
        if len(name.encode()) > MAX_NAME_BYTES:
            return (f"the job {' '.join(task)} would write to a folder named by its settings, "
                    f"{len(name.encode())} bytes long; folder names may have {MAX_NAME_BYTES}: "
                    f"set what every job shares in a config file, or set hydra.sweep.subdir")
        folder = sweep_dir / name
        if name and (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            return f"{folder} is a file where the job {' '.join(task)} writes its folder: move or remove it"
    return None


def quoted(value: str) -> str:
    if re.fullmatch(r"[\w./-]+", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def unwritable(folder: Path) -> str | None:
    """Why `folder` cannot be created and written, or None. Tries by making (and removing) a
    temporary folder in its nearest existing parent, so nothing is left behind."""
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".write-test-", dir=existing))
    except OSError as error:
        return f"{existing}: {error.strerror or error}"
    return None
