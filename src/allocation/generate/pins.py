"""Planner's pins for benchmark instances: feasible together, each to a fitting reachable place."""

from __future__ import annotations

from random import Random

from allocation.rules.bedrooms import needed_bedrooms
from allocation.rules.fit import group_fits
from allocation.rules.reach import reachable_municipalities
from allocation.rules.woningcheck import joins_referent
from allocation.scenario import Dwelling, Household, Scenario


def pin_households(scenario: Scenario, rng: Random, share: float, dwelling_share: float) -> Scenario:
    """Pin about `share` of the households, each to its own fitting free dwelling or that dwelling's town.

    Every pin reserves one dwelling that fits the whole household in a municipality it may reach,
    and no dwelling is reserved twice or occupied by a referent, so all pins hold at once.
    Households that join their referent (woningcheck) or that no free dwelling fits stay unpinned.
    """
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    free: dict[str, list[Dwelling]] = {}
    for d in scenario.dwellings:
        if d.id not in occupied:
            free.setdefault(d.municipality, []).append(d)
    target = round(share * len(scenario.households))
    pins: dict[str, dict[str, str]] = {}
    order = list(range(len(scenario.households)))
    rng.shuffle(order)
    for index in order:
        if len(pins) >= target:
            break
        household = scenario.households[index]
        if joins_referent(household, scenario):
            continue
        dwelling = _fitting_free_dwelling(household, scenario, free)
        if dwelling is None:
            continue
        free[dwelling.municipality].remove(dwelling)
        if rng.random() < dwelling_share:
            pins[household.id] = {"pinned_dwelling": dwelling.id}
        else:
            pins[household.id] = {"pinned_municipality": dwelling.municipality}
    households: list[Household] = [
        h.model_copy(update=pins[h.id]) if h.id in pins else h for h in scenario.households
    ]
    return Scenario(
        municipalities=scenario.municipalities,
        dwellings=scenario.dwellings,
        households=households,
        persons=scenario.persons,
        policy=scenario.policy,
    )


def _fitting_free_dwelling(
    household: Household, scenario: Scenario, free: dict[str, list[Dwelling]]
) -> Dwelling | None:
    """First free dwelling, home municipality first, that fits the whole household."""
    members = scenario.members(household.id)
    size = len(members)
    bedrooms = needed_bedrooms(members, scenario.policy)
    for code in reachable_municipalities(household, scenario):
        for dwelling in free.get(code, ()):
            if dwelling.max_occupants < size or dwelling.bedrooms < bedrooms:
                continue
            if group_fits(members, dwelling, scenario.policy, needs_accessible=household.needs_accessible):
                return dwelling
    return None
