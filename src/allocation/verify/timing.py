"""Hard: a home stands empty no longer than allowed, a family waits in reception no longer (Q3, Q5).

Recomputed here from the policy: dates are compared in buckets of `time_bucket_days` counted from
2000-01-01, a household's date is its given arrival or its forecast's likely date, else the
planning date; a dwelling without `available_from` is free from the planning date; without a
planning date such a pairing is not compared at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from allocation.forecast.windows import arrival_window
from allocation.plan import Plan
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.violation import Violation

START = date(2000, 1, 1)


def planned_with_time(policy: Policy) -> bool:
    """The policy sets a wait or vacancy limit, or ranks wait or vacancy in the objective."""
    limits = (policy.max_reception_wait_days, policy.max_vacancy_days)
    return any(x is not None for x in limits) or bool({"wait", "vacancy"} & set(policy.objective_order))


def gap_days(household: Household, dwelling: Dwelling, policy: Policy) -> int | None:
    """Days from the family's arrival to the home's availability, in whole buckets."""
    window = arrival_window(household, policy)
    arrival = window.likely if window else policy.planning_date
    available = dwelling.available_from or policy.planning_date
    if arrival is None or available is None:
        return None
    size = policy.time_bucket_days
    return ((available - START).days // size - (arrival - START).days // size) * size


def in_time(household: Household, dwelling: Dwelling, policy: Policy) -> bool:
    """Neither limit broken (always true when the policy does not plan with time)."""
    gap = gap_days(household, dwelling, policy) if planned_with_time(policy) else None
    if gap is None:
        return True
    if policy.max_reception_wait_days is not None and gap > policy.max_reception_wait_days:
        return False
    return policy.max_vacancy_days is None or -gap <= policy.max_vacancy_days


def check_timing(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every move respects the wait and vacancy limits; a refused application is never housed."""
    policy = scenario.policy
    for a, household, dwelling in ix.placed(plan.assignments):
        if household.tvs_step == "afgewezen":
            yield Violation(
                "REFUSED_HOUSED", household.id, dwelling.id, f"{household.id}'s application was refused"
            )
        if a.kind == "join" or in_time(household, dwelling, policy):
            continue
        gap = gap_days(household, dwelling, policy) or 0
        rule = "TIMING_WAIT" if gap > 0 else "TIMING_VACANCY"
        yield Violation(rule, household.id, dwelling.id, f"{abs(gap)} days between arrival and availability")
