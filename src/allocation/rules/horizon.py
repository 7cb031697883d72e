"""Dated plans (Q3, Q5): a scenario with dates is planned with time, up to a horizon.

A planner's weekly meeting decides who moves in soon: a home free today should not go to a family
expected in nine months while another waits in reception (Q5: the COA houses within ten weeks, plus
two to move, hence `horizon_days` 91). Families arriving, and homes free, after the planning date
plus the horizon are planned nearer the time (reason LATER). A home is held at most
`DATED_MAX_VACANCY_DAYS` for an arriving family unless the policy says otherwise (Q3).
"""

from __future__ import annotations

from datetime import date, timedelta

from allocation.policy import DATED_MAX_VACANCY_DAYS, Policy
from allocation.rules.timing import available_date, likely_arrival
from allocation.scenario import Dwelling, Household, Scenario


def has_dates(scenario: Scenario) -> bool:
    """Any arrival, step date or availability date in the scenario."""
    return any(h.arrival or h.step_date for h in scenario.households) or any(
        d.available_from for d in scenario.dwellings
    )


def plans_with_time(scenario: Scenario) -> bool:
    """The policy's `plan_with_time`, else whether the scenario has any date."""
    chosen = scenario.policy.plan_with_time
    return has_dates(scenario) if chosen is None else chosen


def dated_policy(policy: Policy, today: date) -> Policy:
    """The policy as a dated plan uses it: a planning date (the policy's, else today) and the
    four-week vacancy limit when the policy sets none."""
    update: dict[str, object] = {"planning_date": policy.planning_date or today}
    if "max_vacancy_days" not in policy.model_fields_set:
        update["max_vacancy_days"] = DATED_MAX_VACANCY_DAYS
    return policy.model_copy(update=update)


def horizon_end(policy: Policy) -> date | None:
    """Last day planned now (None: no horizon, or no planning date)."""
    if policy.horizon_days is None or policy.planning_date is None:
        return None
    return policy.planning_date + timedelta(days=policy.horizon_days)


def arrives_later(household: Household, policy: Policy) -> bool:
    """The family's likely arrival lies beyond the horizon, so it is planned nearer the time."""
    end, arrival = horizon_end(policy), likely_arrival(household, policy)
    return end is not None and arrival is not None and arrival > end


def free_later(dwelling: Dwelling, policy: Policy) -> bool:
    """The home comes free beyond the horizon, so it is offered nearer the time."""
    end, free = horizon_end(policy), available_date(dwelling, policy)
    return end is not None and free is not None and free > end
