"""Small builders for hand-made scenarios and plans in tests; defaults are the dull, valid case.

Import them as ``from builders import ...`` (pytest puts ``tests/`` on the import path).
Ids are given explicitly so a test reads like the planner's table it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from allocation.plan import Assignment, AssignmentKind, Plan, QuotaLine, Unassigned
from allocation.policy import Policy, Role
from allocation.scenario import Dwelling, DwellingKind, Household, Municipality, Person, Scenario, Sex


def municipality(
    code: str, name: str | None = None, *, region: str | None = None, quota: int = 0, housed: int = 0
) -> Municipality:
    """A municipality; the name defaults to the code."""
    return Municipality(code=code, name=name or code, region=region, quota=quota, housed=housed)


def dwelling(
    dwelling_id: str,
    municipality: str,
    *,
    bedrooms: int = 2,
    max_occupants: int = 4,
    rent: float | None = None,
    accessible: bool = False,
    kind: DwellingKind = "independent",
    available_from: date | None = None,
) -> Dwelling:
    """A dwelling, by default an independent two-bedroom home for four without a rent check."""
    return Dwelling(
        id=dwelling_id,
        municipality=municipality,
        bedrooms=bedrooms,
        max_occupants=max_occupants,
        rent=rent,
        accessible=accessible,
        kind=kind,
        available_from=available_from,
    )


def household(household_id: str, municipality: str, **fields) -> Household:
    """A household; extra keyword fields (current_dwelling, amv_municipality, pins...) pass through."""
    return Household(id=household_id, municipality=municipality, **fields)


def person(
    person_id: str,
    household: str,
    role: Role,
    age: int,
    sex: Sex | None = None,
    *,
    arriving: bool | None = None,
    counted_before: bool | None = None,
    needs_accessible: bool = False,
) -> Person:
    """One person of a household."""
    return Person(
        id=person_id,
        household=household,
        role=role,
        age=age,
        sex=sex,
        arriving=arriving,
        counted_before=counted_before,
        needs_accessible=needs_accessible,
    )


CASUS4_NINE: tuple[tuple[Role, int, Sex], ...] = (
    ("referent", 45, "m"),
    ("partner", 43, "f"),
    ("child", 20, "m"),
    ("child", 19, "f"),
    ("child", 16, "m"),
    ("child", 14, "m"),
    ("child", 11, "f"),
    ("child", 8, "f"),
    ("child", 5, "m"),
)
"""Casus 4: a family of nine with two adult children (the third and fourth member)."""


def family(household_id: str, *members: tuple) -> list[Person]:
    """Persons `<household>-1`, `<household>-2`, ... from (role, age) or (role, age, sex) tuples."""
    return [person(f"{household_id}-{i}", household_id, *m) for i, m in enumerate(members, start=1)]


def scenario(
    municipalities: Iterable[Municipality],
    dwellings: Iterable[Dwelling],
    households: Iterable[Household],
    persons: Iterable[Person],
    policy: Policy | None = None,
    **policy_changes,
) -> Scenario:
    """A Scenario; keyword arguments override policy defaults (e.g. ``split_allowed=False``)."""
    policy = policy or Policy()
    if policy_changes:
        policy = policy.model_copy(update=policy_changes)
    return Scenario(
        municipalities=list(municipalities),
        dwellings=list(dwellings),
        households=list(households),
        persons=list(persons),
        policy=policy,
    )


def assignment(
    scenario: Scenario,
    household_id: str,
    dwelling_id: str,
    kind: AssignmentKind = "move",
    person_ids: Sequence[str] | None = None,
) -> Assignment:
    """One household (or one group of it) at a known dwelling; persons default to all members."""
    if person_ids is None:
        person_ids = [p.id for p in scenario.members(household_id)]
    return Assignment(
        household=household_id,
        dwelling=dwelling_id,
        municipality=scenario.dwelling(dwelling_id).municipality,
        kind=kind,
        persons=len(person_ids),
        person_ids=list(person_ids),
    )


def unassigned(
    scenario: Scenario, household_id: str, reason_code: str = "NO_FITTING_DWELLING", reason: str = ""
) -> Unassigned:
    """A household left out; the reason text defaults to a plain sentence."""
    return Unassigned(
        household=household_id,
        persons=len(scenario.members(household_id)),
        reason_code=reason_code,
        reason=reason or "no dwelling the household may reach fits it",
    )


def quota_lines(scenario: Scenario, newly_counted: dict[str, int]) -> list[QuotaLine]:
    """The quota report, one line per municipality, from hand-counted newly counted persons."""
    lines = []
    for m in scenario.municipalities:
        newly = newly_counted.get(m.code, 0)
        lines.append(
            QuotaLine(
                code=m.code,
                name=m.name,
                quota=m.quota,
                housed_before=m.housed,
                newly_counted=newly,
                shortfall=max(0, m.quota - m.housed - newly),
            )
        )
    return lines


def plan(
    assignments: Iterable[Assignment],
    unassigned: Iterable[Unassigned] = (),
    quota: Iterable[QuotaLine] = (),
) -> Plan:
    """A Plan from its parts."""
    return Plan(assignments=list(assignments), unassigned=list(unassigned), quota=list(quota))
