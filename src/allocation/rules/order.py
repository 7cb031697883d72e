"""Tie order (v2): who is housed first where the objective leaves a choice between households.

Households already in the Netherlands come first (tvs_step `bij_referent` or `in_opvang` (Q1), or
an arrival date on or before the planning date, today when the policy sets none), then the one
waiting longest (arrival date, else the step date of `bij_referent`/`in_opvang`, else the likely
forecast arrival, Q3), then the id.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

from allocation.policy import Policy
from allocation.rules.arrival import ARRIVED_STEPS, arrival_window
from allocation.scenario import Household, Scenario


class HousingRank(NamedTuple):
    """A household's place in the tie order; smaller comes first."""

    still_to_arrive: bool
    undated: bool
    waiting_since: date
    id: str


def planning_day(policy: Policy, today: date | None = None) -> date:
    """The day the plan is made: the policy's planning date, else `today` (the calendar's unless given)."""
    return policy.planning_date or today or date.today()


def already_here(household: Household, policy: Policy) -> bool:
    """The family is in the Netherlands: with the referent or in reception, or arrived by now."""
    if household.tvs_step in ARRIVED_STEPS:
        return True
    return household.arrival is not None and household.arrival <= planning_day(policy)


def waiting_since(household: Household, policy: Policy) -> date | None:
    """Since when the family waits: its arrival, else its step date here, else its likely arrival."""
    if household.arrival is not None:
        return household.arrival
    if household.tvs_step in ARRIVED_STEPS and household.step_date is not None:
        return household.step_date
    window = arrival_window(household, policy)
    return window.likely if window else None


@cache
def _default_policy() -> Policy:
    """The default rules, made once."""
    return Policy()


def housing_order(household: Household, policy: Policy | None = None) -> HousingRank:
    """The household's rank in the tie order (v2); `policy` defaults to the default rules."""
    policy = policy or _default_policy()
    since = waiting_since(household, policy)
    return HousingRank(
        still_to_arrive=not already_here(household, policy),
        undated=since is None,
        waiting_since=since or date.max,
        id=household.id,
    )


def housing_ranks(scenario: Scenario) -> dict[str, HousingRank]:
    """Every household's housing_order, worked out once per scenario and planning day (the day
    decides who is already here when the policy sets none): greedy, aggregation and the reasons
    each rank every household."""
    policy = scenario.policy
    by_day = scenario.cached("housing_ranks", dict)
    day = planning_day(policy)
    ranks = by_day.get(day)
    if ranks is None:
        dated = policy.model_copy(update={"planning_date": day})  # one day for the whole ranking
        ranks = by_day[day] = {h.id: housing_order(h, dated) for h in scenario.households}
    return ranks
