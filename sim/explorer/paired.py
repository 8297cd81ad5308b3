"""The chosen policy and the baseline run in step, day by day, from the same seed.

Replication i of any two scenarios sees the same patients and chance events (common random
numbers, sim/streams.py), so the two runs differ only by what the policy changes: the difference
between them, day by day, is the policy's effect. Both warm up at once (not shown: the clinics
start full); then the counted year plays.
"""

from __future__ import annotations

from sim.config import RunConfig
from sim.explorer.live import SoFar, so_far
from sim.model import AttendanceModel


class PairedRun:
    """The policy's run and the baseline's, always at the same day."""

    def __init__(self, policy: RunConfig, baseline: RunConfig):
        if (policy.seed, policy.replication) != (baseline.seed, baseline.replication):
            raise ValueError("the policy and the baseline must share a seed and replication")
        self.policy, self.baseline = AttendanceModel(policy), AttendanceModel(baseline)
        self.horizon = policy.horizon_days
        for _ in range(policy.warmup_days):
            self._step()

    @property
    def counted(self) -> int:
        """Days of the counted window run so far."""
        return self.policy.day - self.policy.cfg.warmup_days

    @property
    def done(self) -> bool:
        return not self.policy.running

    def advance(self, days: int) -> None:
        """Both runs `days` days on (not past the last day)."""
        for _ in range(max(0, min(days, self.horizon - self.counted))):
            self._step()

    def _step(self) -> None:
        self.policy.step()
        self.baseline.step()

    def close(self) -> None:
        """Let go of both runs' arrays: Mesa 3.3 keeps every model made in a process alive
        (sim.model.AttendanceModel.let_go_of_arrays), and the explorer makes two per change."""
        self.policy.let_go_of_arrays()
        self.baseline.let_go_of_arrays()

    def so_far(self) -> tuple[SoFar, SoFar]:
        """(policy, baseline): what each has shown so far."""
        return so_far(self.policy), so_far(self.baseline)
