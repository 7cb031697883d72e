"""The scenario as a plan says it was planned: the rules it declares, homes beyond its horizon out.

A dated plan (docs/FORMAT.md, planning with time) fills in the planning date and the vacancy limit
and leaves homes free only after the planning date plus `horizon_days` for a later plan; it is
checked under those rules, read again here from the plan's own record, not from the planner.
"""

from __future__ import annotations

from datetime import timedelta

from allocation.plan import Plan
from allocation.scenario import Scenario


def as_planned(scenario: Scenario, plan: Plan) -> Scenario:
    """The scenario under the plan's declared rules, without unused homes beyond its horizon."""
    policy = plan.policy
    if policy is None:
        return scenario
    dwellings = scenario.dwellings
    if policy.planning_date is not None and policy.horizon_days is not None:
        last = policy.planning_date + timedelta(days=policy.horizon_days)
        keep = {a.dwelling for a in plan.assignments}
        keep |= {h.current_dwelling for h in scenario.households if h.current_dwelling}
        dwellings = [
            d for d in dwellings if d.available_from is None or d.available_from <= last or d.id in keep
        ]
    return scenario.model_copy(update={"policy": policy, "dwellings": dwellings})
