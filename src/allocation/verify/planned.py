"""The scenario as a plan says it was planned: the rules it declares, homes beyond its horizon out.

A dated plan (docs/FORMAT.md, planning with time) fills in the planning date and the vacancy limit
and leaves homes free only after the planning date plus `horizon_days` for a later plan, and so is
the home of a referent whose family it plans later (code LATER: the referent stays there); it is
checked under those rules, read again here from the plan's own record, not from the planner.
"""

from __future__ import annotations

from datetime import timedelta

from allocation.plan import REASON_LATER, Plan
from allocation.scenario import Scenario


def as_planned(scenario: Scenario, plan: Plan) -> Scenario:
    """The scenario under the plan's declared rules, without unused homes beyond its horizon and
    without the homes that referents of families planned later stay in."""
    policy = plan.policy
    if policy is None:
        return scenario
    later = {u.household for u in plan.unassigned if u.reason_code == REASON_LATER}
    assigned = {a.dwelling for a in plan.assignments}
    pinned = {h.pinned_dwelling for h in scenario.households}
    stayed_in = {h.current_dwelling for h in scenario.households if h.id in later} - assigned - pinned
    dwellings = [d for d in scenario.dwellings if d.id not in stayed_in]
    if policy.planning_date is not None and policy.horizon_days is not None:
        last = policy.planning_date + timedelta(days=policy.horizon_days)
        keep = assigned | {h.current_dwelling for h in scenario.households if h.current_dwelling}
        dwellings = [
            d for d in dwellings if d.available_from is None or d.available_from <= last or d.id in keep
        ]
    return scenario.model_copy(update={"policy": policy, "dwellings": dwellings})
