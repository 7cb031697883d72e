"""Woningcheck (Q5): the family moves in with the referent when the referent's home fits them all."""

from __future__ import annotations

from allocation.rules.fit import group_fits
from allocation.rules.timing import is_refused
from allocation.scenario import Household, Scenario


def pinned_elsewhere(household: Household, scenario: Scenario) -> bool:
    """The planner pinned the household away from the referent's current home: the pin decides."""
    home = household.current_dwelling
    if household.pinned_dwelling:
        return household.pinned_dwelling != home
    if household.pinned_municipality and home:
        return household.pinned_municipality != scenario.dwelling(home).municipality
    return False


def joins_referent(household: Household, scenario: Scenario) -> bool:
    """True when the referent's current dwelling fits the whole household, so it needs no other.

    Not for a refused application (nobody comes) nor when the planner pinned the family elsewhere.
    """
    if not scenario.policy.woningcheck or not household.current_dwelling:
        return False
    if is_refused(household) or pinned_elsewhere(household, scenario):
        return False
    home = scenario.dwelling(household.current_dwelling)
    members = scenario.members(household.id)
    return group_fits(members, home, scenario.policy, needs_accessible=household.needs_accessible)
