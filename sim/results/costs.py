"""What a policy costs: its net cost in NOK, defined once, from what each lever declares it takes.

Every lever lists, in `Lever.takes`, which of its summary columns measure a cost and of what kind
(sim/levers/base.py); so do the clinics, for the overtime every scenario has (`CLINIC_TAKES`: the
clinics' own overbooking has some in the baseline, and a policy that brings more patients, or books
more, has more). A run's net cost, `policy_cost_nok`, is the NOK costs (staff time for reminders and
follow-up, FTEs added, overtime, vouchers, unused held slots, staff travel) minus the NOK revenue
(user fees, no-show fees) over the counted period; `policy_cost_nok_per_year` scales it to a year. It is a budget figure for the clinics, not a cost to society, and it leaves
out the value of the clinician hours a policy frees: those are shown beside it (`real_loss_nok`).
Compared with the baseline, lost fee revenue is a cost and time freed is a gain, apart.
"""

from __future__ import annotations

from typing import Iterable, Mapping

COST, REVENUE, AMOUNT, LEVEL = "cost_nok", "revenue_nok", "amount", "level"
KINDS = (COST, REVENUE, AMOUNT, LEVEL)
POLICY_COST = "policy_cost_nok"
POLICY_COST_PER_YEAR = "policy_cost_nok_per_year"
YEAR_DAYS = 365
# The summary's own columns that a policy changes and that cost (sim/results/kpis.py): overtime.
CLINIC_TAKES = {"overtime_consultations": AMOUNT, "overtime_cost_nok": COST}


def declared(levers: Iterable) -> dict[str, str]:
    """Summary column -> kind: the levers' (classes or instances), in their order, then the
    clinics' own (overtime: last, so that what a lever itself takes is said first)."""
    out: dict[str, str] = {}
    for lever in levers:
        out |= getattr(lever, "takes", {})
    return out | CLINIC_TAKES


def policy_cost(row: Mapping, levers: Iterable, horizon_days: int) -> dict:
    """The net cost columns of a summary row: the declared NOK costs (overtime, and the levers')
    minus the revenue, over the counted period and per year. A lever that declares nothing adds
    nothing."""
    net = 0.0
    for column, kind in declared(levers).items():
        if kind in (COST, REVENUE) and column in row:
            net += float(row[column]) * (1 if kind == COST else -1)
    return {POLICY_COST: round(net), POLICY_COST_PER_YEAR: round(per_year(net, horizon_days))}


def staff_cost_nok(cfg, hours: float) -> int:
    """Staff `hours` at the clinician's hourly cost (`clinic.clinician_cost_nok_per_hour`), in whole NOK."""
    return round(hours * cfg.clinic.clinician_cost_nok_per_hour)


def per_year(value: float, horizon_days: float) -> float:
    """A total over the counted period (`horizon_days`) as a yearly figure."""
    return value * YEAR_DAYS / horizon_days
