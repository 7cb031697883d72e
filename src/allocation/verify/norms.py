"""The seed's fit and reach rules, derived a second time from SCENARIO_FORMAT.md for checking.

Deliberately independent of `allocation.rules`: a plan is only trusted when two separate
readings of the rules agree on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Person, Scenario


def bedrooms_needed(group: Sequence[Person], policy: Policy) -> int:
    """Bedrooms under the policy norm (Eurostat by default), counted room by room."""
    adults = [p for p in group if p.age >= policy.adult_age]
    minors = [p for p in group if p.age < policy.adult_age]
    rooms = _adult_rooms(adults)
    if policy.bedroom_norm == "one_per_person":
        return rooms + len(minors)
    shared_age = policy.child_shared_room_age
    young = [p for p in minors if p.age < shared_age]
    boys = [p for p in minors if p.age >= shared_age and p.sex == "m"]
    girls = [p for p in minors if p.age >= shared_age and p.sex == "f"]
    others = [p for p in minors if p.age >= shared_age and p.sex not in ("m", "f")]
    return rooms + _pairs(len(young)) + _pairs(len(boys)) + _pairs(len(girls)) + len(others)


def _adult_rooms(adults: Sequence[Person]) -> int:
    """Referent with partner share a room, two parents share a room (AMV family), others sleep alone."""
    rooms = 0
    referents = sum(1 for p in adults if p.role == "referent")
    partners = sum(1 for p in adults if p.role == "partner")
    parents = sum(1 for p in adults if p.role == "parent")
    if referents and partners:
        rooms += 1
        referents, partners = referents - 1, partners - 1
    if parents >= 2:
        rooms += 1
        parents -= 2
    others = sum(1 for p in adults if p.role not in ("referent", "partner", "parent"))
    return rooms + referents + partners + parents + others


def _pairs(count: int) -> int:
    """Rooms for persons sleeping two to a room."""
    return (count + 1) // 2


def misfits(
    group: Sequence[Person],
    dwelling: Dwelling,
    policy: Policy,
    needs_accessible: bool,
    rooms: int | None = None,
) -> list[tuple[str, str]]:
    """(rule code, sentence) for every way the group does not fit; `rooms` may pass a known need."""
    size = len(group)
    found: list[tuple[str, str]] = []
    if size > dwelling.max_occupants:
        found.append(
            (
                "FIT_OCCUPANTS",
                f"{size} persons in {dwelling.id}, which takes at most {dwelling.max_occupants}",
            )
        )
    if rooms is None:
        rooms = bedrooms_needed(group, policy)
    if rooms > dwelling.bedrooms:
        found.append(
            ("FIT_BEDROOMS", f"the group needs {rooms} bedrooms, {dwelling.id} has {dwelling.bedrooms}")
        )
    if needs_accessible and not dwelling.accessible:
        found.append(("FIT_ACCESSIBLE", f"the household needs a step-free dwelling, {dwelling.id} is not"))
    if dwelling.kind == "room" and size != 1:
        found.append(
            ("FIT_ROOM", f"{dwelling.id} is a room (kamerbewoning) and houses one person, not {size}")
        )
    if dwelling.rent is not None:
        limit = policy.rent_limit_large if size >= policy.rent_large_from_persons else policy.rent_limit_small
        if dwelling.rent > limit:
            found.append(
                (
                    "FIT_RENT",
                    f"rent {dwelling.rent:.2f} of {dwelling.id} is above {limit:.2f}, "
                    f"the limit for {size} person{'' if size == 1 else 's'}",
                )
            )
    return found


def reach(household: Household, scenario: Scenario) -> set[str]:
    """Own municipality, same non-empty region when cooperating (Q6), the AMV's municipality (Q7)."""
    policy = scenario.policy
    codes = {household.municipality}
    own = next((m for m in scenario.municipalities if m.code == household.municipality), None)
    if policy.regional_cooperation and own is not None and own.region:
        codes |= {m.code for m in scenario.municipalities if m.region == own.region}
    if policy.amv_municipality_allowed and household.amv_municipality:
        codes.add(household.amv_municipality)
    return codes
