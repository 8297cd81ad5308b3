"""The reference of a sweep that changes lever settings: the baseline as it is.

A sweep compares each scenario with the `baseline` policy at the same other settings. A lever
setting on the command line (`-m policy.incentive.voucher_nok=100,250,500`, swept or not) is
applied to every job, the baseline's too, so the reference would have the vouchers as well and
every difference would be 0. So a lever setting leaves the baseline alone: for each combination
of the other settings (and each seed and replication: the pairs keep their common random
numbers), the sweep gets a reference job, `policy=baseline` without the lever settings, added
before the jobs asked for (folder `policy=baseline,...`, so a resumed sweep finds it), and each
scenario is named by what it changes (sim/study/jobs.py).
"""

from __future__ import annotations

from typing import Any

from sim.config.overrides import override_key

BASELINE = "baseline"
SWEEPER = "PrecheckedBasicSweeper"  # the project's sweeper (scenarios/config.yaml) adds them


def is_lever_setting(key: str) -> bool:
    """`policy.<lever>.<setting>`: a setting of a lever (not the policy's name or display name)."""
    parts = key.split(".")
    return len(parts) > 2 and parts[0] == "policy"


def reference_settings(settings: dict[str, Any]) -> dict[str, Any] | None:
    """A job's reference, as key -> value (the job's settings without its lever settings, on the
    baseline policy); None for a job that changes no lever setting."""
    if not any(is_lever_setting(key) for key in settings):
        return None
    reference = {} if "policy" in settings else {"policy": BASELINE}
    for key, value in settings.items():
        if not is_lever_setting(key):
            reference[key] = BASELINE if key == "policy" else value
    return reference


def with_reference_jobs(jobs: list[list[str]]) -> list[list[str]]:
    """A sweep's jobs (each a list of `key=value` overrides), with the reference jobs first."""
    known = {frozenset(job) for job in jobs}
    references: dict[frozenset, list[str]] = {}
    for job in jobs:
        if not any(is_lever_setting(override_key(o)) for o in job):
            continue
        reference = [f"policy={BASELINE}" if override_key(o) == "policy" else o
                     for o in job if not is_lever_setting(override_key(o))]
        if not any(override_key(o) == "policy" for o in reference):
            reference.insert(0, f"policy={BASELINE}")
        if frozenset(reference) not in known:
            references.setdefault(frozenset(reference), reference)
    return [*references.values(), *jobs]


def with_reference_combinations(combos: list[dict[str, str]]) -> list[dict[str, str]]:
    """The same for a sweep's planned combinations (key -> value)."""
    known = {frozenset(c.items()) for c in combos}
    references: dict[frozenset, dict[str, str]] = {}
    for combo in combos:
        reference = reference_settings(combo)
        if reference is not None and frozenset(reference.items()) not in known:
            references.setdefault(frozenset(reference.items()), reference)
    return [*references.values(), *combos]


def adds_reference_jobs(sweeper_target: Any) -> bool:
    """Whether the sweep's sweeper (its `_target_`) adds the reference jobs."""
    return str(sweeper_target or "").endswith(SWEEPER)


def reference_note(added: int, jobs: int) -> str | None:
    """The line before a sweep that got reference jobs."""
    if not added:
        return None
    return (f"note: the reference, policy=baseline without the policy.* settings, is added to the "
            f"sweep as {added} job(s) (total {jobs}), each at the same seed and replication as "
            f"the scenarios it is compared with")
