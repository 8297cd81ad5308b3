"""How long a run will take and how much memory it needs, roughly, told before a big run starts.

Measured on the baseline (`python3 benchmarks/bench_run.py --run-py 50`): 365 warm-up + 365 counted
days simulate about 20,300 appointments per unit of scale; `python3 run.py scale=50` (about a
million appointments) takes about 15 s end to end (some 15 microseconds each) and peaks at about
490 MB. Both grow with the number of appointments, which grows with scale x simulated days.
"""

from __future__ import annotations

import os

APPOINTMENTS_PER_SCALE_DAY = 20_300 / 730
SECONDS_PER_APPOINTMENT = 15e-6
BYTES_PER_APPOINTMENT = 490e6 / (50 * 20_300)
NOTE_ABOVE_SECONDS = 30
NOTE_ABOVE_BYTES = 1e9
ALLOW_LARGE = "SIM_ALLOW_LARGE_RUN"  # set to 1 to run even above the machine's memory


def appointments(scale: float, warmup_days: int, horizon_days: int) -> float:
    """Appointments one run simulates (warm-up included)."""
    return APPOINTMENTS_PER_SCALE_DAY * scale * (warmup_days + horizon_days)


def memory_problem(runs: list[tuple[float, int, int]]) -> str | None:
    """One line refusing runs whose largest needs more memory than the machine has, unless the
    user asks for it (`SIM_ALLOW_LARGE_RUN=1`): such a run would swap for hours or be killed."""
    total = machine_memory()
    if not runs or total is None or os.environ.get(ALLOW_LARGE) == "1":
        return None
    scale, warmup_days, horizon_days = max(runs, key=lambda run: appointments(*run))
    peak = appointments(scale, warmup_days, horizon_days) * BYTES_PER_APPOINTMENT
    if peak <= total:
        return None
    return (f"scale = {scale:g} with warmup_days = {warmup_days} and horizon_days = {horizon_days} "
            f"needs about {size(peak)} of memory; this machine has {size(total)}: lower the scale "
            f"or the days, or set {ALLOW_LARGE}=1 to run it anyway")


def machine_memory() -> float | None:
    """The machine's total memory in bytes (Linux, macOS), or None where it cannot be read."""
    try:
        return float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


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
