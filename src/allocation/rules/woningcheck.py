"""Woningcheck (Q5): the family moves in with the referent when the referent's home fits them all.

v2: the rent limit does not apply: the family moves into the home the referent already rents, so
there is no new allocation. The same holds for a part of a split family that stays in the
referent's own home: it is checked without rent (`in_own_home`).
"""

from __future__ import annotations

from collections.abc import Sequence

from allocation.rules.arrival import is_refused
from allocation.rules.fit import group_fits, needs_step_free
from allocation.scenario import Dwelling, Household, Person, Scenario


def pinned_elsewhere(household: Household, scenario: Scenario) -> bool:
    """The planner pinned the household away from the referent's current home: the pin decides."""
    home = household.current_dwelling
    if household.pinned_dwelling:
        return household.pinned_dwelling != home
    if household.pinned_municipality and home:
        return household.pinned_municipality != scenario.dwelling(home).municipality
    return False


def in_own_home(household: Household, dwelling: Dwelling) -> bool:
    """The dwelling is the referent's current home: living there is no new allocation (Q5)."""
    return household.current_dwelling == dwelling.id


def fits_home(
    persons: Sequence[Person], household: Household, dwelling: Dwelling, scenario: Scenario
) -> bool:
    """The group fits this dwelling for this household: rent unchecked in the referent's own home."""
    return group_fits(
        persons,
        dwelling,
        scenario.policy,
        needs_accessible=needs_step_free(persons, household),
        check_rent=not in_own_home(household, dwelling),
    )


def joins_referent(household: Household, scenario: Scenario) -> bool:
    """True when the referent's current dwelling fits the whole household, so it needs no other.

    Not for a refused application (nobody comes) nor when the planner pinned the family elsewhere.
    """
    if not scenario.policy.woningcheck or not household.current_dwelling:
        return False
    if is_refused(household) or pinned_elsewhere(household, scenario):
        return False
    home = scenario.dwelling(household.current_dwelling)
    return fits_home(scenario.members(household.id), household, home, scenario)
