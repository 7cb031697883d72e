"""Whether a group of persons fits a dwelling (passende woning): size, bedrooms, access, kind, rent."""

from __future__ import annotations

from collections.abc import Sequence

from allocation.policy import Policy
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Person


class FitProblem(str):
    """A reason a group does not fit, readable as text; `code` names the rule for summaries."""

    code: str

    def __new__(cls, code: str, message: str) -> FitProblem:
        problem = super().__new__(cls, message)
        problem.code = code
        return problem


def fit_problems(
    persons: Sequence[Person], dwelling: Dwelling, policy: Policy, *, needs_accessible: bool
) -> list[FitProblem]:
    """Every reason this group does not fit this dwelling, in planner's words; empty means it fits."""
    size = len(persons)
    problems: list[FitProblem] = []
    if size > dwelling.max_occupants:
        problems.append(
            FitProblem("occupants", f"{size} persons, dwelling takes at most {dwelling.max_occupants}")
        )
    bedrooms = needed_bedrooms(persons, policy)
    if bedrooms > dwelling.bedrooms:
        problems.append(
            FitProblem("bedrooms", f"needs {bedrooms} bedrooms, dwelling has {dwelling.bedrooms}")
        )
    if needs_accessible and not dwelling.accessible:
        problems.append(FitProblem("accessible", "needs a step-free dwelling"))
    if dwelling.kind == "room" and size != 1:
        problems.append(FitProblem("room", "a room (kamerbewoning) houses one person only"))
    if dwelling.rent is not None and dwelling.rent > policy.rent_limit(size):
        limit = policy.rent_limit(size)
        persons_text = f"{size} person{'s' if size != 1 else ''}"
        problems.append(
            FitProblem("rent", f"rent {dwelling.rent:.2f} exceeds the limit {limit:.2f} for {persons_text}")
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


def group_key(persons: Sequence[Person], policy: Policy, *, needs_accessible: bool) -> tuple[int, int, bool]:
    """What the fit rules can tell apart in a group: size, needed bedrooms, step-free need."""
    return (len(persons), needed_bedrooms(persons, policy), needs_accessible)


def dwelling_key(dwelling: Dwelling, policy: Policy) -> tuple[int, int, bool, str, int]:
    """What the fit rules can tell apart in a dwelling: rooms, occupants, access, kind, rent band."""
    return (
        dwelling.bedrooms,
        dwelling.max_occupants,
        dwelling.accessible,
        dwelling.kind,
        rent_band(dwelling.rent, policy),
    )
