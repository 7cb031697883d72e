"""Planning views of the forecast: arrivals and school places per month, deadlines per household."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from allocation.forecast.windows import ArrivalWindow, arrival_window, is_refused, month_of
from allocation.plan import Plan
from allocation.rules.doubts import window_ended
from allocation.scenario import Household, Person, Scenario

PRIMARY_AGES = range(4, 12)
"""Q12: children of 4 to 11 go to a basisschool."""
ISK_AGES = range(12, 18)
"""Q12: young people of 12 to 17 go to an Internationale Schakelklas (regional)."""

DEADLINES: tuple[tuple[str, int, str], ...] = (
    ("arrival", 0, "expected arrival (likely day of the window)"),
    ("ind_appointment", 3, "Q9: appointment at the IND (BRP, residence document) within 3 days of arrival"),
    ("gp_intake", 14, "Q11: GP intake within 2 weeks of arrival keeps interpreter costs reimbursed"),
    ("quota_count", 0, "Q10: the nareizigers count toward the taakstelling once housed, from arrival"),
)
"""Deadline kind, days after the likely arrival, and the rule it follows."""

WINDOW_COLUMNS = (
    "household",
    "municipality",
    "tvs_step",
    "step_date",
    "source",
    "earliest",
    "likely",
    "latest",
    "persons",
    "primary",
    "isk",
)
ARRIVAL_COLUMNS = ("month", "municipality", "name", "households", "persons")
SCHOOL_COLUMNS = ("month", "municipality", "name", "region", "primary", "isk")
DEADLINE_COLUMNS = ("household", "municipality", "deadline", "due", "persons", "source", "rule")
OVERDUE_COLUMNS = ("household", "municipality", "tvs_step", "step_date", "latest")


@dataclass(frozen=True)
class HouseholdForecast:
    """One household expected to arrive: its window and how many nareizigers of which school age."""

    household: Household
    window: ArrivalWindow
    persons: int
    primary: int
    isk: int


@dataclass(frozen=True)
class Forecast:
    """Households expected to arrive, and those left out: refused, with nothing known, or overdue."""

    expected: list[HouseholdForecast]
    refused: list[str]
    unknown: list[str]
    overdue: list[HouseholdForecast] = field(default_factory=list)
    """Windows that ended before the forecast day: not forecast as arrivals; the planner checks TVS."""


def school_counts(persons: list[Person]) -> tuple[int, int]:
    """Q12: how many of these persons go to a basisschool and how many to an ISK."""
    return sum(p.age in PRIMARY_AGES for p in persons), sum(p.age in ISK_AGES for p in persons)


def forecast(scenario: Scenario, as_of: date | None = None) -> Forecast:
    """Every household's window; refused applications and households nobody arrives for drop out.

    A window that ended before `as_of` (else the policy's planning date) is overdue: the family
    should have travelled already, so it is listed for a TVS check instead of forecast.
    """
    day = as_of or scenario.policy.planning_date
    expected: list[HouseholdForecast] = []
    overdue: list[HouseholdForecast] = []
    refused: list[str] = []
    unknown: list[str] = []
    for household in scenario.households:
        if is_refused(household):
            refused.append(household.id)
            continue
        window = arrival_window(household, scenario.policy)
        if window is None:
            unknown.append(household.id)
            continue
        arriving = [p for p in scenario.members(household.id) if p.is_arriving]
        if not arriving:
            continue
        found = HouseholdForecast(household, window, len(arriving), *school_counts(arriving))
        (overdue if day is not None and window_ended(window, day) else expected).append(found)
    return Forecast(expected, refused, unknown, overdue)


def overdue_rows(result: Forecast) -> list[dict[str, object]]:
    """One row per overdue household (OVERDUE_COLUMNS), in file order."""
    return [
        {
            "household": f.household.id,
            "municipality": f.household.municipality,
            "tvs_step": f.household.tvs_step,
            "step_date": f.household.step_date,
            "latest": f.window.latest,
        }
        for f in result.overdue
    ]


def window_rows(result: Forecast) -> list[dict[str, object]]:
    """One row per expected household (WINDOW_COLUMNS), in file order."""
    return [
        {
            "household": f.household.id,
            "municipality": f.household.municipality,
            "tvs_step": f.household.tvs_step,
            "step_date": f.household.step_date,
            "source": f.window.source,
            "earliest": f.window.earliest,
            "likely": f.window.likely,
            "latest": f.window.latest,
            "persons": f.persons,
            "primary": f.primary,
            "isk": f.isk,
        }
        for f in result.expected
    ]


def _by_month(result: Forecast) -> dict[tuple[str, str], list[HouseholdForecast]]:
    """Expected households grouped by (month of the likely day, linked municipality)."""
    groups: dict[tuple[str, str], list[HouseholdForecast]] = defaultdict(list)
    for f in result.expected:
        groups[(month_of(f.window.likely), f.household.municipality)].append(f)
    return dict(sorted(groups.items()))


def arrival_rows(scenario: Scenario, result: Forecast) -> list[dict[str, object]]:
    """Households and arriving persons per month per municipality, by the likely day (ARRIVAL_COLUMNS)."""
    return [
        {
            "month": month,
            "municipality": code,
            "name": scenario.municipality(code).name,
            "households": len(group),
            "persons": sum(f.persons for f in group),
        }
        for (month, code), group in _by_month(result).items()
    ]


def school_rows(
    scenario: Scenario, result: Forecast, placed: list[Placement] | None = None
) -> list[dict[str, object]]:
    """Arriving children per school type per month per municipality (Q12; SCHOOL_COLUMNS).

    Without a plan: by the likely arrival in the linked municipality. With the plan's placements:
    where and from when the plan houses them; children of households the plan leaves out stay in
    reception and are not counted here.
    """
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    if placed is None:
        for (month, code), group in _by_month(result).items():
            counts[(month, code)] = [sum(f.primary for f in group), sum(f.isk for f in group)]
    else:
        for p in placed:
            total = counts[(month_of(p.day), p.municipality)]
            total[0] += p.primary
            total[1] += p.isk
    rows: list[dict[str, object]] = []
    for (month, code), (primary, isk) in sorted(counts.items()):
        if primary or isk:
            municipality = scenario.municipality(code)
            rows.append(
                {
                    "month": month,
                    "municipality": code,
                    "name": municipality.name,
                    "region": municipality.region,
                    "primary": primary,
                    "isk": isk,
                }
            )
    return rows


class Placement(NamedTuple):
    """Arriving members of a household at one dwelling of the plan: where, from when, school ages."""

    household: str
    dwelling: str
    municipality: str
    day: date
    """The later of the family's likely arrival and the day the home is free."""
    persons: int
    primary: int
    isk: int


class Housed(NamedTuple):
    """When and where the plan houses a household: the day all its members are in, its homes."""

    day: date
    dwellings: str
    municipality: str


def placements(scenario: Scenario, plan: Plan, result: Forecast) -> list[Placement]:
    """Per assignment of an expected household: its arriving members at that home and from when."""
    likely = {f.household.id: f.window.likely for f in result.expected}
    found: list[Placement] = []
    for a in plan.assignments:
        if a.household not in likely:
            continue
        dwelling = scenario.dwelling(a.dwelling)
        free = dwelling.available_from
        day = max(likely[a.household], free) if free is not None else likely[a.household]
        ids = set(a.person_ids)
        arriving = [p for p in scenario.members(a.household) if p.id in ids and p.is_arriving]
        found.append(
            Placement(
                a.household, a.dwelling, dwelling.municipality, day, len(arriving), *school_counts(arriving)
            )
        )
    return found


def housing_days(scenario: Scenario, plan: Plan, result: Forecast) -> dict[str, Housed]:
    """Per household the plan houses: the day all its members are in (likely arrival or, when
    later, the day the last of its dwellings is free), its dwelling(s) and municipality, for Q10."""
    parts: dict[str, list[Placement]] = defaultdict(list)
    for p in placements(scenario, plan, result):
        parts[p.household].append(p)
    return {
        household: Housed(
            max(p.day for p in found), ", ".join(p.dwelling for p in found), found[0].municipality
        )
        for household, found in parts.items()
    }


def deadline_rows(
    result: Forecast, as_of: date | None = None, housed: Mapping[str, Housed] | None = None
) -> list[dict[str, object]]:
    """Each expected household's deadlines by due day (DEADLINE_COLUMNS); with as_of, those still to come.

    With `housed` (from a plan, see housing_days) the quota deadline is the day the plan houses the
    household, in the municipality of its home, and households the plan leaves out get none;
    without, it is the likely arrival in the linked municipality.
    """
    rows: list[dict[str, object]] = []
    for f in result.expected:
        for kind, days, rule in DEADLINES:
            due = f.window.likely + timedelta(days=days)
            municipality = f.household.municipality
            if kind == "quota_count" and housed is not None:
                if f.household.id not in housed:
                    continue
                due, where, municipality = housed[f.household.id]
                rule = f"Q10: the nareizigers count toward the taakstelling once housed (plan: {where})"
            if as_of is not None and due < as_of:
                continue
            rows.append(
                {
                    "household": f.household.id,
                    "municipality": municipality,
                    "deadline": kind,
                    "due": due,
                    "persons": f.persons,
                    "source": f.window.source,
                    "rule": rule,
                }
            )
    rows.sort(key=lambda r: (r["due"], r["household"]))
    return rows
