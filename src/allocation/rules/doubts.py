"""Warnings (v2): rows a planner should look at that do not block a plan (Q1, Q2, Q3, casus 4).

Entitlement doubts (Q2: one spouse or partner, minor children, dependent adult children; parents
and siblings only for an unaccompanied minor), procedure doubts (Q1/Q3: a window that has run out,
a family "bij referent" without the referent's home) and homes no household can use. Each doubt is
data (code, row, column, numbers); `allocation.warning_texts` renders them as located problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from allocation.rules.arrival import ArrivalWindow, arrival_window, is_refused
from allocation.rules.fit import (
    DwellingKey,
    GroupKey,
    dwelling_keys,
    family_fit,
    fit_cache,
    group_fit,
)
from allocation.rules.order import planning_day
from allocation.rules.reach import reachable_municipalities
from allocation.rules.split import split_groups
from allocation.scenario import Household, Person, Scenario


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


def entitlement_doubts(scenario: Scenario) -> list[Doubt]:
    """Q2: more than one partner, a partner under age, a parent joining an adult referent."""
    adult = scenario.policy.adult_age
    positions = {p.id: position for position, p in enumerate(scenario.persons, start=1)}

    def row(person: Person) -> int:
        return scenario.source_row("persons", person.id, positions[person.id])

    doubts: list[Doubt] = []
    for household in scenario.households:
        members = scenario.members(household.id)
        referent = next((p for p in members if p.role == "referent"), None)
        partners = [p for p in members if p.role == "partner"]
        for extra in partners[1:]:
            doubts.append(
                Doubt(
                    "persons",
                    row(extra),
                    "role",
                    "more_partners",
                    {"household": household.id, "count": len(partners)},
                )
            )
        for p in members:
            young_partner = p.role == "partner" and p.age < adult
            parent_of_adult = p.role == "parent" and referent is not None and referent.age >= adult
            if not (young_partner or parent_of_adult):
                continue
            params = {"person": p.id, "household": household.id, "adult": adult}
            if young_partner:
                doubts.append(Doubt("persons", row(p), "age", "young_partner", {**params, "age": p.age}))
            if parent_of_adult:
                assert referent is not None
                doubts.append(
                    Doubt("persons", row(p), "role", "parent_of_adult", {**params, "age": referent.age})
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


def candidate_groups(household: Household, scenario: Scenario) -> Iterator[tuple[GroupKey, Group]]:
    """The whole family, and, when splits are allowed, both parts of every split casus 4 permits,
    each with its fit key (the whole family's from rules.family_fit, asked once per scenario).
    Step-free (v2) when a person needs it, or the group holds the referent and the household needs it."""
    fit = family_fit(household, scenario)
    yield fit.key, Group(tuple(scenario.members(household.id)), fit.step_free)
    for option in split_groups(household, scenario):
        for part in (option.main, option.second):
            group = tuple(part)
            fit = group_fit(group, household, scenario.policy)
            yield fit.key, Group(group, fit.step_free)


def user_groups(scenario: Scenario) -> dict[str, dict[GroupKey, Group]]:
    """Per municipality, every group (whole family or split part) that may live there, one per
    kind the fit rules can tell apart."""
    by_reach: dict[tuple[str, ...], dict[GroupKey, Group]] = {}
    for household in scenario.households:
        if is_refused(household) or not scenario.members(household.id):
            continue
        kinds = dict(candidate_groups(household, scenario))
        reach = reachable_municipalities(household, scenario)
        by_reach.setdefault(reach, {}).update(kinds)
    groups: dict[str, dict[GroupKey, Group]] = {}
    for reach, kinds in by_reach.items():  # households share a few reaches: gathered per reach first
        for code in reach:
            groups.setdefault(code, {}).update(kinds)
    return groups


def unusable_home_doubts(scenario: Scenario) -> list[Doubt]:
    """Homes no household may reach, or that fit no household that may (whole, or a part of a split).

    A referent's current home is lived in and not offered, so it is not looked at; refused
    applications need no home and are not counted as users. Asked once per set of users and kind
    of dwelling (what the fit rules tell apart), so a national scenario costs a fraction of a second.
    """
    cache, kinds = fit_cache(scenario), dwelling_keys(scenario)
    groups = user_groups(scenario)
    same_users = {code: frozenset(found) for code, found in groups.items()}
    lived_in = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    usable: dict[tuple[frozenset[GroupKey], DwellingKey], bool] = {}
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
        kind = kinds[dwelling.id]
        key = (same_users[dwelling.municipality], kind)
        if key not in usable:
            usable[key] = any(
                cache.fits_key(
                    list(g.persons), gk, dwelling, needs_accessible=g.needs_accessible, dwelling_group=kind
                )
                for gk, g in users.items()
            )
        if not usable[key]:
            doubts.append(Doubt("dwellings", row, "id", "fits_nobody", params))
    return doubts


def scenario_doubts(scenario: Scenario, today: date | None = None) -> list[Doubt]:
    """Every doubt of the scenario, by table and row (as validation problems are sorted)."""
    doubts = entitlement_doubts(scenario) + procedure_doubts(scenario, today) + unusable_home_doubts(scenario)
    return sorted(doubts, key=lambda d: (d.table, d.row))
