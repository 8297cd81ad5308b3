"""The compiled engine: patients as rows of arrays, the day's logic compiled with numba.

Numba keeps each compiled function on disk (`cache=True`) and checks only the function's own
file for changes; the column and setting numbers it reads come from other files
(`layout.py`, `settings.py`, the lever tags in `sim/levers/chance.py`) and are frozen into the
machine code. So the cache is dropped here whenever any file with compiled code or numbered
columns (or the lever tags) changed: a stale column number would silently read the wrong value.
"""

from __future__ import annotations

import hashlib
from itertools import chain
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_STAMP = "engine-sources.sha256"


def _drop_stale_cache() -> None:
    texts = [path.read_bytes() for path in sorted(_HERE.glob("*.py"))]
    texts = [text for text in texts if b"njit" in text or b"_number(" in text]  # compiled, numbered
    digest = hashlib.sha256(b"".join(texts) + (_HERE.parent / "levers" / "chance.py").read_bytes())
    cache = _HERE / "__pycache__"
    try:
        if (cache / _STAMP).read_text() == digest.hexdigest():
            return
    except OSError:
        pass
    try:
        for stale in chain(cache.glob("*.nbi"), cache.glob("*.nbc")):
            stale.unlink(missing_ok=True)
        cache.mkdir(exist_ok=True)
        (cache / _STAMP).write_text(digest.hexdigest())
    except OSError:  # a read-only install: numba then keeps its cache elsewhere, by its own rules
        pass


def needs_compiling() -> bool:
    """Whether the compiled day is not on disk yet: the next run compiles it (about 20 s)."""
    return not any((_HERE / "__pycache__").glob("day.run_day-*.nbi"))


_drop_stale_cache()
