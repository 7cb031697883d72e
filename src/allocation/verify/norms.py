"""The fit and reach rules of docs/FORMAT.md v2, derived a second time for checking.

Deliberately independent of `allocation.rules`: a plan is only trusted when two separate
readings of the rules agree on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Person, Scenario


def bedrooms_needed(group: Sequence[Person], policy: Policy) -> int:
    """Bedrooms under the policy norm (Eurostat by default), counted room by room in one pass."""
    if policy.bedroom_norm == "two_per_room":
        return _pairs(len(group))
    adult_age, shared_age = policy.adult_age, policy.child_shared_room_age
    roles: dict[str, int] = {}
    minors = young = boys = girls = 0
    for p in group:
        if p.age >= adult_age:
            roles[p.role] = roles.get(p.role, 0) + 1
        else:
            minors += 1
            if p.age < shared_age:
                young += 1
            elif p.sex == "m":
                boys += 1
            elif p.sex == "f":
                girls += 1
    rooms = _adult_rooms(roles)
    if policy.bedroom_norm == "one_per_person":
        return rooms + minors
    others = minors - young - boys - girls
    return rooms + _pairs(young) + _pairs(boys) + _pairs(girls) + others


def _adult_rooms(roles: dict[str, int]) -> int:
    """Referent with partner share a room, two parents share a room (AMV family), others sleep alone."""
    adults = sum(roles.values())
    shared = 1 if roles.get("referent") and roles.get("partner") else 0
    if roles.get("parent", 0) >= 2:
        shared += 1
    return adults - shared


def _pairs(count: int) -> int:
    """Rooms for persons sleeping two to a room."""
    return (count + 1) // 2


def all_young(group: Sequence[Person], policy: Policy) -> bool:
    """Every person of the group is aged 18-20, so the huurtoeslag youth limit governs the rent (v2)."""
    return (
        policy.rent_limit_young_applies
        and bool(group)
        and all(policy.adult_age <= p.age <= policy.young_max_age for p in group)
    )


def rent_ceiling(size: int, young: bool, policy: Policy) -> float:
    """Highest rent a new allocation may have: youth limit for 18-20s, else by group size."""
    if young:
        return policy.rent_limit_young
    return policy.rent_limit_large if size >= policy.rent_large_from_persons else policy.rent_limit_small


def needs_step_free(group: Sequence[Person], household: Household | None) -> bool:
    """A person of the group needs step-free, or the group holds the referent of a household that does."""
    if any(p.needs_accessible for p in group):
        return True
    return bool(household and household.needs_accessible) and any(p.role == "referent" for p in group)


def misfits(
    group: Sequence[Person],
    dwelling: Dwelling,
    policy: Policy,
    step_free: bool,
    rooms: int | None = None,
    *,
    rent_checked: bool = True,
    young: bool | None = None,
) -> list[tuple[str, str]]:
    """(rule code, sentence) for every way the group does not fit; `rooms` may pass a known need.

    `step_free` is the group's need (see needs_step_free); `rent_checked` is False for the
    referent's own home, which a join needs no new allocation for (Q5, v2); `young` may pass a
    known all_young.
    """
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
    if step_free and not dwelling.accessible:
        found.append(("FIT_ACCESSIBLE", f"the group needs a step-free dwelling, {dwelling.id} is not"))
    if dwelling.kind == "room" and size != 1:
        found.append(
            ("FIT_ROOM", f"{dwelling.id} is a room (kamerbewoning) and houses one person, not {size}")
        )
    if rent_checked and dwelling.rent is not None:
        young = all_young(group, policy) if young is None else young
        limit = rent_ceiling(size, young, policy)
        if dwelling.rent > limit:
            whom = (
                f"a group aged {policy.adult_age}-{policy.young_max_age}"
                if young
                else f"{size} person{'' if size == 1 else 's'}"
            )
            found.append(
                (
                    "FIT_RENT",
                    f"rent {dwelling.rent:.2f} of {dwelling.id} is above {limit:.2f}, the limit for {whom}",
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
