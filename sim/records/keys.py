"""Patient and clinician keys replaced by a keyed hash as soon as they are read.

The hash is HMAC-SHA256 with a secret made once per machine and kept in a file outside the
repository and every output (`~/.config/clinic-attendance/records.key`, or the file the
environment variable CLINIC_RECORDS_KEY_FILE names). The same key gives the same hash on this
machine, so a patient's appointments stay together; without the secret the hash cannot be
turned back into the key, not even by trying every possible national id number.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd

from sim.records import RecordsError

KEY_FILE_VARIABLE = "CLINIC_RECORDS_KEY_FILE"
HASH_CHARACTERS = 16  # 64 bits: no two of a trust's patients share one by chance


def key_file() -> Path:
    if named := os.environ.get(KEY_FILE_VARIABLE):
        return Path(named).expanduser()
    config_home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config_home) / "clinic-attendance" / "records.key"


def machine_secret() -> bytes:
    """The secret of this machine, made on first use (readable by its owner only)."""
    path = key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "w") as out:
                out.write(secrets.token_hex(32) + "\n")
        secret = path.read_text().strip()
    except FileExistsError:  # another process made it just now
        secret = path.read_text().strip()
    except OSError as error:
        raise RecordsError(f"{path}: cannot make or read the key file for hashing patient keys "
                           f"({error.strerror}); set {KEY_FILE_VARIABLE} to another file"
                           ) from None
    if len(secret) < 32:
        raise RecordsError(f"{path}: the key file for hashing patient keys is too short; "
                           "delete it to make a new one")
    return secret.encode()


def hashed(keys: pd.Series, secret: bytes) -> pd.Series:
    """Each key (trimmed) as its keyed hash; empty cells stay empty."""
    def one(key: str) -> str:
        digest = hmac.new(secret, key.strip().encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:HASH_CHARACTERS]

    return keys.map(one, na_action="ignore")
