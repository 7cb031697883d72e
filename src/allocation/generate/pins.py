"""Planner's pins for benchmark instances: feasible together, each to a fitting reachable place."""

from __future__ import annotations

from random import Random

from allocation.rules.bedrooms import needed_bedrooms
from allocation.rules.fit import group_fits, rent_band
from allocation.rules.reach import reachable_municipalities
from allocation.rules.woningcheck import joins_referent
from allocation.scenario import Dwelling, Household, Scenario

FreeStock = dict[str, dict[int, list[Dwelling]]]
"""Unreserved dwellings by municipality, then by number of bedrooms, in file order."""


def pin_households(scenario: Scenario, rng: Random, share: float, dwelling_share: float) -> Scenario:
    """Pin about `share` of the households, each to its own fitting free dwelling or that dwelling's town.

    Every pin reserves one dwelling that fits the whole household in a municipality it may reach,
    and no dwelling is reserved twice or occupied by a referent, so all pins hold at once.
    Households that join their referent (woningcheck) or that no free dwelling fits stay unpinned.
    """
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    free: FreeStock = {}
    for d in scenario.dwellings:
        if d.id not in occupied:
            free.setdefault(d.municipality, {}).setdefault(d.bedrooms, []).append(d)
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
        found = _fitting_free_dwelling(household, scenario, free)
        if found is None:
            continue
        code, bedrooms, position = found
        dwelling = free[code][bedrooms].pop(position)
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
    household: Household, scenario: Scenario, free: FreeStock
) -> tuple[str, int, int] | None:
    """Where the first fitting free dwelling is: home municipality first, fewest bedrooms first.

    Only dwellings with enough bedrooms and places are put to the rules; fit depends on a
    dwelling only through its size, access, kind and rent band, so each such shape is asked once.
    """
    policy = scenario.policy
    members = scenario.members(household.id)
    size, needed = len(members), needed_bedrooms(members, policy)
    fits: dict[tuple, bool] = {}
    for code in reachable_municipalities(household, scenario):
        by_bedrooms = free.get(code, {})
        for bedrooms in sorted(b for b in by_bedrooms if b >= needed):
            for position, dwelling in enumerate(by_bedrooms[bedrooms]):
                if dwelling.max_occupants < size:
                    continue
                shape = (bedrooms, dwelling.max_occupants, dwelling.accessible, dwelling.kind)
                shape += (rent_band(dwelling.rent, policy),)
                if shape not in fits:
                    fits[shape] = group_fits(
                        members, dwelling, policy, needs_accessible=household.needs_accessible
                    )
                if fits[shape]:
                    return code, bedrooms, position
    return None
