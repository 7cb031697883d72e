"""Woningcheck (Q5): the family moves in with the referent when the referent's home fits them all."""

from __future__ import annotations

from allocation.rules.fit import group_fits
from allocation.scenario import Household, Scenario


def joins_referent(household: Household, scenario: Scenario) -> bool:
    """True when the referent's current dwelling fits the whole household, so it needs no other."""
    if not scenario.policy.woningcheck or not household.current_dwelling:
        return False
    home = scenario.dwelling(household.current_dwelling)
    members = scenario.members(household.id)
    return group_fits(members, home, scenario.policy, needs_accessible=household.needs_accessible)
