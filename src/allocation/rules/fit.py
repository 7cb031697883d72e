"""Whether a group of persons fits a dwelling (passende woning): size, bedrooms, access, kind, rent."""

from __future__ import annotations

from collections.abc import Sequence

from allocation.policy import Policy
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Person


def fit_problems(
    persons: Sequence[Person], dwelling: Dwelling, policy: Policy, *, needs_accessible: bool
) -> list[str]:
    """Every reason this group does not fit this dwelling, in planner's words; empty means it fits."""
    size = len(persons)
    problems: list[str] = []
    if size > dwelling.max_occupants:
        problems.append(f"{size} persons, dwelling takes at most {dwelling.max_occupants}")
    bedrooms = needed_bedrooms(persons, policy)
    if bedrooms > dwelling.bedrooms:
        problems.append(f"needs {bedrooms} bedrooms, dwelling has {dwelling.bedrooms}")
    if needs_accessible and not dwelling.accessible:
        problems.append("needs a step-free dwelling")
    if dwelling.kind == "room" and size != 1:
        problems.append("a room (kamerbewoning) houses one person only")
    if dwelling.rent is not None and dwelling.rent > policy.rent_limit(size):
        problems.append(
            f"rent {dwelling.rent:.2f} exceeds the limit {policy.rent_limit(size):.2f} "
            f"for {size} person{'s' if size != 1 else ''}"
        )
    return problems


def group_fits(
    persons: Sequence[Person], dwelling: Dwelling, policy: Policy, *, needs_accessible: bool
) -> bool:
    """True when the group may live in the dwelling under every fit rule."""
    return not fit_problems(persons, dwelling, policy, needs_accessible=needs_accessible)


def rent_band(rent: float | None, policy: Policy) -> int:
    """Rent as the rules see it: 0 within the small limit, 1 within the large limit, 2 above both."""
    if rent is None:
        return 0
    low, high = sorted((policy.rent_limit_small, policy.rent_limit_large))
    if rent <= low:
        return 0
    return 1 if rent <= high else 2
