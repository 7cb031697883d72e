"""Hard: a home stands empty no longer than allowed, a family waits in reception no longer (Q3, Q5).

Recomputed here from the policy and the README's arrival forecast: a household's date is its given
arrival, else the likely day of its TVS step's window, else the planning date; dates are compared
in buckets of `time_bucket_days` counted from 2000-01-01; a dwelling without `available_from`, or
free from an earlier day, is free from the planning date, and a home vacated by a referent who
moves is free from the day the referent's new home is (v2); without a date on either side a
pairing is not compared at all.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

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


def _months_later(day: date, months: int) -> date:
    """The same day of the month so many months on, or that month's last day when it is shorter."""
    year = day.year + (day.month - 1 + months) // 12
    month = (day.month - 1 + months) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _terms_after(step: str, policy: Policy) -> list[int]:
    """Q3: months the IND decision, the mvv collection and the journey may still take after a step."""
    terms = {
        "aanvraag_ingediend": [policy.ind_decision_months, policy.mvv_collect_months, policy.travel_months],
        "toegekend": [policy.mvv_collect_months, policy.travel_months],
        "mvv_afgegeven": [policy.travel_months],
    }
    return terms.get(step, [])


def arrival_day(household: Household, policy: Policy) -> date | None:
    """The day to plan the family's arrival with: given arrival, else the step window's likely day."""
    if household.arrival is not None:
        return household.arrival
    if household.tvs_step in (None, "afgewezen") or household.step_date is None:
        return policy.planning_date
    latest = household.step_date
    for months in _terms_after(household.tvs_step, policy):
        latest = _months_later(latest, months)
    span = (latest - household.step_date).days
    return household.step_date + timedelta(days=round(policy.likely_term_share * span))


def available_day(dwelling: Dwelling, ix: PlanIndex, policy: Policy) -> date | None:
    """When the home is free: its own date (else the planning date), when vacated not before the
    day its referent's new home is free (only when planning with time)."""
    return _available(dwelling, ix, policy, set())


def _available(dwelling: Dwelling, ix: PlanIndex, policy: Policy, seen: set[str]) -> date | None:
    own = dwelling.available_from
    if own is None or (policy.planning_date is not None and own < policy.planning_date):
        own = policy.planning_date  # a home free before the planning date is free on it
    occupant = ix.occupant.get(dwelling.id)
    if occupant is None or not planned_with_time(policy) or dwelling.id in seen:
        return own
    referent = ix.referent_id(occupant)
    new_homes = [
        a.dwelling
        for a in ix.rows_of_household.get(occupant, [])
        if referent in a.person_ids and a.dwelling != dwelling.id and a.dwelling in ix.dwellings
    ]
    if not new_homes:
        return own
    then = _available(ix.dwellings[new_homes[0]], ix, policy, seen | {dwelling.id})
    if own is None or then is None:
        return own or then
    return max(own, then)


def gap_days(household: Household, dwelling: Dwelling, ix: PlanIndex, policy: Policy) -> int | None:
    """Days from the family's arrival to the home's availability, in whole buckets."""
    arrival = arrival_day(household, policy)
    available = available_day(dwelling, ix, policy)
    if arrival is None or available is None:
        return None
    size = policy.time_bucket_days
    return ((available - START).days // size - (arrival - START).days // size) * size


def within_limits(gap: int | None, policy: Policy) -> bool:
    """Neither the reception-wait nor the vacancy limit is exceeded (no dates: nothing to compare)."""
    if gap is None:
        return True
    if policy.max_reception_wait_days is not None and gap > policy.max_reception_wait_days:
        return False
    return policy.max_vacancy_days is None or -gap <= policy.max_vacancy_days


def in_time(household: Household, dwelling: Dwelling, ix: PlanIndex, policy: Policy) -> bool:
    """Neither limit broken (always true when the policy does not plan with time)."""
    if not planned_with_time(policy):
        return True
    return within_limits(gap_days(household, dwelling, ix, policy), policy)


def check_timing(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every new home respects the wait and vacancy limits; a refused application is never housed."""
    policy = scenario.policy
    timed = planned_with_time(policy)
    for _, household, dwelling in ix.placed(plan.assignments):
        if household.tvs_step == "afgewezen":
            yield Violation(
                "REFUSED_HOUSED", household.id, dwelling.id, f"{household.id}'s application was refused"
            )
        if not timed or dwelling.id == household.current_dwelling:
            continue
        if within_limits(gap_days(household, dwelling, ix, policy), policy):
            continue
        gap = gap_days(household, dwelling, ix, policy) or 0
        rule = "TIMING_WAIT" if gap > 0 else "TIMING_VACANCY"
        yield Violation(rule, household.id, dwelling.id, f"{abs(gap)} days between arrival and availability")
