"""Ready before the first visit: the first choice composed, the compiled engine and the table
code loaded, so that the first chart is drawn within two seconds of opening the page."""

from __future__ import annotations

import functools
import threading

from sim.explorer import choices
from sim.explorer.paired import PairedRun
from sim.study.many import with_settings


_spare: dict[tuple, PairedRun] = {}  # a pair of runs of the first choice, built ahead
_lock = threading.Lock()


def first_key() -> tuple:
    """The settings of the page as it opens: (clinic, policy, controls moved, seed)."""
    return choices.DEFAULT_CLINIC, choices.DEFAULT_POLICY, (), 2005


def take(key: tuple) -> PairedRun | None:
    """The pair built ahead for these settings, if any (another is built for the next visit)."""
    with _lock:
        pair = _spare.pop(key, None)
    if pair is not None:
        threading.Thread(target=_build_spare, daemon=True).start()
    return pair


def _build_spare() -> None:
    from sim.explorer.state import settings_now  # Solara's state: only once the page is served

    settings = settings_now(*first_key()[:2], {}, first_key()[3])
    pair = PairedRun(settings.policy, settings.baseline)
    with _lock:
        _spare[first_key()] = pair


@functools.cache
def warm_up() -> None:
    """One short pair of runs of the first choice (once per server process), and a pair of the
    page's first settings built ahead for the first visit."""
    user = choices.user_folder()
    policy = choices.composed(choices.DEFAULT_CLINIC, choices.DEFAULT_POLICY, user)
    baseline = choices.composed(choices.DEFAULT_CLINIC, choices.BASELINE, user)
    small = {"scale": 0.1, "warmup_days": 14, "horizon_days": 14}
    pair = PairedRun(with_settings(policy, small), with_settings(baseline, small))
    pair.advance(14)
    pair.so_far()
    pair.close()
    _build_spare()
