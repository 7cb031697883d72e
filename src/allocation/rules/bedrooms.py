"""Needed bedrooms under the policy's norm (default: Eurostat, as cited by the minister in 2024).

`two_per_room` (v2): persons / 2 rounded up, the occupancy norm many housing corporations use
for large families (a 5-bedroom home for nine, casus 4).
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil

from allocation.policy import Policy
from allocation.scenario import Person


def needed_bedrooms(persons: Iterable[Person], policy: Policy) -> int:
    """Bedrooms a group needs: a couple shares one, other adults one each, children by age and sex.

    Counted in one pass: the model, the explanations and the warnings ask it for every group.
    """
    group = persons if isinstance(persons, list | tuple) else list(persons)
    norm = policy.bedroom_norm
    if norm == "two_per_room":  # v2: the corporations' norm for large families
        return ceil(len(group) / 2)
    adult_age, shared_age = policy.adult_age, policy.child_shared_room_age
    adults = referent = partner = parents = minors = young = boys = girls = 0
    for p in group:
        age = p.age
        if age >= adult_age:
            adults += 1
            role = p.role
            if role == "referent":
                referent = 1
            elif role == "partner":
                partner = 1
            elif role == "parent":
                parents += 1
            continue
        minors += 1
        if age < shared_age:
            young += 1
        elif p.sex == "m":
            boys += 1
        elif p.sex == "f":
            girls += 1
    rooms = adults - _couples(referent and partner, parents)
    if norm == "one_per_person":
        return rooms + minors
    unknown = minors - young - boys - girls
    return rooms + _children_rooms(young, boys, girls, unknown)


def _couples(referent_couple: int, parents: int) -> int:
    """Adult pairs sharing a room: referent with partner, and two parents of an AMV (Q7)."""
    return (1 if referent_couple else 0) + (1 if parents >= 2 else 0)


def _children_rooms(young: int, boys: int, girls: int, unknown: int) -> int:
    """Under the sharing age two to a room; older minors two to a room only when of the same sex."""
    return ceil(young / 2) + ceil(boys / 2) + ceil(girls / 2) + unknown
