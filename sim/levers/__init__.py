"""Policy levers. Each module holds one lever: its parameters' meaning, its effect, its evidence.

Parameters are in `scenarios/policy/*.yaml`; effect sizes in `scenarios/behaviour/*.yaml`;
sources in `docs/evidence.md`.
"""
