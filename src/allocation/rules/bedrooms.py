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
    """Bedrooms a group needs: a couple shares one, other adults one each, children by age and sex."""
    group = list(persons)
    if policy.bedroom_norm == "two_per_room":  # v2: the corporations' norm for large families
        return ceil(len(group) / 2)
    adults = [p for p in group if p.age >= policy.adult_age]
    minors = [p for p in group if p.age < policy.adult_age]
    rooms = len(adults) - _couples(adults)
    if policy.bedroom_norm == "one_per_person":
        return rooms + len(minors)
    return rooms + _children_rooms(minors, policy)


def _couples(adults: list[Person]) -> int:
    """Adult pairs sharing a room: referent with partner, and two parents of an AMV (Q7)."""
    roles = [p.role for p in adults]
    referent_couple = 1 if "referent" in roles and "partner" in roles else 0
    parent_couple = 1 if roles.count("parent") >= 2 else 0
    return referent_couple + parent_couple


def _children_rooms(minors: list[Person], policy: Policy) -> int:
    """Under the sharing age two to a room; older minors two to a room only when of the same sex."""
    young = sum(1 for p in minors if p.age < policy.child_shared_room_age)
    teens = [p for p in minors if p.age >= policy.child_shared_room_age]
    boys = sum(1 for p in teens if p.sex == "m")
    girls = sum(1 for p in teens if p.sex == "f")
    unknown = len(teens) - boys - girls
    return ceil(young / 2) + ceil(boys / 2) + ceil(girls / 2) + unknown
