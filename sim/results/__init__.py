"""What a run reports: tidy tables from a finished model (`tables`) and key figures from them (`kpis`).

The data flow is config -> model -> tables -> key figures -> charts and report
(docs/architecture.md). Tables and key figures read strings from the enums in `sim.enums`; each
lever adds its own columns and key figures through its hooks (`sim.levers.base`).
"""
