"""How long a run will take and how much memory it needs, roughly, told before a big run starts.

Measured on the baseline (`python3 benchmarks/bench_run.py --run-py 50`): 365 warm-up + 365 counted
days simulate about 20,300 appointments per unit of scale; `python3 run.py scale=50` (about a
million appointments) takes about 15 s end to end (some 15 microseconds each) and peaks at about
490 MB. Both grow with the number of appointments, which grows with scale x simulated days.
"""

from __future__ import annotations

APPOINTMENTS_PER_SCALE_DAY = 20_300 / 730
SECONDS_PER_APPOINTMENT = 15e-6
BYTES_PER_APPOINTMENT = 490e6 / (50 * 20_300)
NOTE_ABOVE_SECONDS = 30
NOTE_ABOVE_BYTES = 1e9


def appointments(scale: float, warmup_days: int, horizon_days: int) -> float:
    """Appointments one run simulates (warm-up included)."""
    return APPOINTMENTS_PER_SCALE_DAY * scale * (warmup_days + horizon_days)


def cost_note(runs: list[tuple[float, int, int]]) -> str | None:
    """One line on the time and memory of these runs (scale, warmup_days, horizon_days), if large.

    Runs follow one another, so their times add up; memory is that of the largest run.
    """
    counts = [appointments(*run) for run in runs]
    if not counts:
        return None
    seconds = sum(counts) * SECONDS_PER_APPOINTMENT
    peak = max(counts) * BYTES_PER_APPOINTMENT
    if seconds <= NOTE_ABOVE_SECONDS and peak <= NOTE_ABOVE_BYTES:
        return None
    what = "this run simulates" if len(runs) == 1 else f"these {len(runs)} runs simulate"
    return (f"note: {what} about {round(sum(counts), -3):,.0f} appointments: expect about "
            f"{duration(seconds)} and {size(peak)} of memory")


def duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def size(n_bytes: float) -> str:
    return f"{n_bytes / 1e9:.1f} GB" if n_bytes >= 1e9 else f"{n_bytes / 1e6:.0f} MB"
