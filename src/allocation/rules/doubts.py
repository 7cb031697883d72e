"""Warnings (v2): rows a planner should look at that do not block a plan (Q1, Q2, Q3, casus 4).

Entitlement doubts (Q2: one spouse or partner, minor children, dependent adult children; parents
and siblings only for an unaccompanied minor), procedure doubts (Q1/Q3: a window that has run out,
a family "bij referent" without the referent's home) and homes no household can use. Each doubt is
data (code, row, column, numbers); `allocation.warning_texts` renders them as located problems.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Literal

from allocation.policy import Policy
from allocation.rules.arrival import ArrivalWindow, arrival_window, is_refused
from allocation.rules.fit import group_fits, needs_step_free
from allocation.rules.reach import reachable_municipalities
from allocation.scenario import Dwelling, Household, Person, Scenario

MAX_SPLIT_CANDIDATES = 6
"""As in the split rule: of many adult children only the oldest six are tried at a second address."""


@dataclass(frozen=True)
class Doubt:
    """One thing to look at: the table and data row concerned, the column, a code and numbers.

    The row is the one validation names (a file's blank lines counted), else the 1-based position.
    """

    table: Literal["municipalities", "dwellings", "households", "persons"]
    row: int
    column: str
    code: str
    params: dict[str, object] = field(default_factory=dict)


def planning_day(policy: Policy, today: date | None = None) -> date:
    """The day the plan is made: policy.planning_date, else today."""
    return policy.planning_date or today or date.today()


def entitlement_doubts(scenario: Scenario) -> list[Doubt]:
    """Q2: more than one partner, a partner under age, a parent joining an adult referent."""
    adult = scenario.policy.adult_age
    rows = {
        p.id: scenario.source_row("persons", p.id, row) for row, p in enumerate(scenario.persons, start=1)
    }
    doubts: list[Doubt] = []
    for household in scenario.households:
        members = scenario.members(household.id)
        referent = next((p for p in members if p.role == "referent"), None)
        partners = [p for p in members if p.role == "partner"]
        for extra in partners[1:]:
            doubts.append(
                Doubt(
                    "persons",
                    rows[extra.id],
                    "role",
                    "more_partners",
                    {"household": household.id, "count": len(partners)},
                )
            )
        for p in members:
            params = {"person": p.id, "household": household.id, "adult": adult}
            if p.role == "partner" and p.age < adult:
                doubts.append(Doubt("persons", rows[p.id], "age", "young_partner", {**params, "age": p.age}))
            if p.role == "parent" and referent is not None and referent.age >= adult:
                doubts.append(
                    Doubt("persons", rows[p.id], "role", "parent_of_adult", {**params, "age": referent.age})
                )
    return doubts


def window_ended(window: ArrivalWindow, day: date) -> bool:
    """Q3: the family should have travelled by now: a forecast window (not a given arrival, not an
    arrival already recorded in TVS) whose latest day lies before `day`."""
    return window.source not in ("arrival", "bij_referent", "in_opvang") and window.latest < day


def procedure_doubts(scenario: Scenario, today: date | None = None) -> list[Doubt]:
    """Q1/Q3: a forecast window that ended before the planning date; bij_referent without a home."""
    planning = planning_day(scenario.policy, today)
    doubts: list[Doubt] = []
    for position, household in enumerate(scenario.households, start=1):
        row = scenario.source_row("households", household.id, position)
        window = arrival_window(household, scenario.policy)
        if window is not None and window_ended(window, planning):
            params = {
                "step": household.tvs_step,
                "step_date": household.step_date,
                "latest": window.latest,
                "planning": planning,
            }
            doubts.append(Doubt("households", row, "tvs_step", "window_past", params))
        if household.tvs_step == "bij_referent" and not household.current_dwelling:
            doubts.append(Doubt("households", row, "current_dwelling", "with_referent_no_home"))
    return doubts


@dataclass(frozen=True)
class Group:
    """Persons who would live together at one address, and whether their home must be step-free."""

    persons: tuple[Person, ...]
    needs_accessible: bool


def _group(persons: Iterable[Person], household: Household) -> Group:
    """v2: step-free when a person needs it, or the group holds the referent and the household needs it."""
    group = tuple(persons)
    return Group(group, needs_step_free(group, household))


def candidate_groups(household: Household, scenario: Scenario) -> Iterator[Group]:
    """The whole family, and, when splits are allowed, both parts of every split casus 4 permits."""
    policy = scenario.policy
    members = scenario.members(household.id)
    yield _group(members, household)
    if not policy.split_allowed:
        return
    movable = [
        p
        for p in members
        if p.role != "referent" and p.role in policy.split_roles and p.age >= policy.split_min_age
    ]
    movable = sorted(movable, key=lambda p: (-p.age, p.id))[:MAX_SPLIT_CANDIDATES]
    for size in range(1, len(movable) + 1):
        for second in combinations(movable, size):
            ids = {p.id for p in second}
            yield _group((p for p in members if p.id not in ids), household)
            yield _group(second, household)


def _age_bands(policy: Policy) -> list[int]:
    """Ages where a fit rule may change its answer: shared rooms, adulthood, the youth rent limit."""
    return sorted({policy.child_shared_room_age, policy.adult_age, policy.young_max_age + 1})


def _signature(group: Group, bands: list[int]) -> tuple:
    """What fit can depend on in a group: each person's role, age band, sex and need, the step-free flag."""
    people = sorted(
        (p.role, bisect_right(bands, p.age), p.sex or "", p.needs_accessible) for p in group.persons
    )
    return (tuple(people), group.needs_accessible)


def _shape(dwelling: Dwelling) -> tuple:
    """What fit can depend on in a dwelling besides its rent: rooms, occupants, access, kind."""
    return (dwelling.bedrooms, dwelling.max_occupants, dwelling.accessible, dwelling.kind)


@dataclass
class RentBounds:
    """For one set of groups and one dwelling shape: the highest rent known to fit some group and the
    lowest known to fit none (a higher rent never fits more groups)."""

    fits_up_to: float | None = None
    fits_none_from: float | None = None


def user_groups(scenario: Scenario) -> dict[str, dict[tuple, Group]]:
    """Per municipality, every distinct group (whole family or split part) that may live there."""
    bands = _age_bands(scenario.policy)
    groups: dict[str, dict[tuple, Group]] = {}
    for household in scenario.households:
        if is_refused(household) or not scenario.members(household.id):
            continue
        shapes = {_signature(g, bands): g for g in candidate_groups(household, scenario)}
        for code in reachable_municipalities(household, scenario):
            groups.setdefault(code, {}).update(shapes)
    return groups


def unusable_home_doubts(scenario: Scenario) -> list[Doubt]:
    """Homes no household may reach, or that fit no household that may (whole, or a part of a split).

    A referent's current home is lived in and not offered, so it is not looked at; refused
    applications need no home and are not counted as users.
    """
    groups = user_groups(scenario)
    same_users = {code: frozenset(found) for code, found in groups.items()}
    lived_in = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    bounds: dict[tuple, RentBounds] = {}
    doubts: list[Doubt] = []
    for position, dwelling in enumerate(scenario.dwellings, start=1):
        if dwelling.id in lived_in:
            continue
        row = scenario.source_row("dwellings", dwelling.id, position)
        params = {"dwelling": dwelling.id, "municipality": dwelling.municipality}
        users = groups.get(dwelling.municipality)
        if not users:
            doubts.append(Doubt("dwellings", row, "municipality", "reached_by_nobody", params))
            continue
        known = bounds.setdefault((same_users[dwelling.municipality], _shape(dwelling)), RentBounds())
        rent = float("-inf") if dwelling.rent is None else dwelling.rent  # no rent: no rent check
        if known.fits_up_to is not None and rent <= known.fits_up_to:
            continue
        below = known.fits_none_from is None or rent < known.fits_none_from
        if below and _fits_any(users.values(), dwelling, scenario.policy):
            known.fits_up_to = rent
            continue
        known.fits_none_from = rent if below else known.fits_none_from
        doubts.append(Doubt("dwellings", row, "id", "fits_nobody", params))
    return doubts


def _fits_any(groups: Iterable[Group], dwelling: Dwelling, policy: Policy) -> bool:
    """True when some group may live in the dwelling under every fit rule."""
    return any(
        group_fits(list(g.persons), dwelling, policy, needs_accessible=g.needs_accessible) for g in groups
    )


def scenario_doubts(scenario: Scenario, today: date | None = None) -> list[Doubt]:
    """Every doubt of the scenario, by table and row (as validation problems are sorted)."""
    doubts = entitlement_doubts(scenario) + procedure_doubts(scenario, today) + unusable_home_doubts(scenario)
    return sorted(doubts, key=lambda d: (d.table, d.row))
