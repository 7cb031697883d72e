"""Planning views of the forecast: arrivals and school places per month, deadlines per household."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from allocation.forecast.windows import ArrivalWindow, arrival_window, is_refused, month_of
from allocation.plan import Plan
from allocation.scenario import Household, Scenario

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
    """Households expected to arrive, and those left out: refused, or with nothing known."""

    expected: list[HouseholdForecast]
    refused: list[str]
    unknown: list[str]


def forecast(scenario: Scenario) -> Forecast:
    """Every household's window; refused applications and households nobody arrives for drop out."""
    expected: list[HouseholdForecast] = []
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
        expected.append(
            HouseholdForecast(
                household,
                window,
                len(arriving),
                sum(p.age in PRIMARY_AGES for p in arriving),
                sum(p.age in ISK_AGES for p in arriving),
            )
        )
    return Forecast(expected, refused, unknown)


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


def school_rows(scenario: Scenario, result: Forecast) -> list[dict[str, object]]:
    """Arriving children per school type per month per municipality (Q12; SCHOOL_COLUMNS)."""
    rows: list[dict[str, object]] = []
    for (month, code), group in _by_month(result).items():
        primary, isk = sum(f.primary for f in group), sum(f.isk for f in group)
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


def housing_days(scenario: Scenario, plan: Plan, result: Forecast) -> dict[str, tuple[date, str]]:
    """Per household the plan houses: the day all its members are in (likely arrival or, when
    later, the day the last of its dwellings is free) and the dwelling(s), for Q10."""
    likely = {f.household.id: f.window.likely for f in result.expected}
    dwellings: dict[str, list[str]] = defaultdict(list)
    for a in plan.assignments:
        if a.household in likely:
            dwellings[a.household].append(a.dwelling)
    housed: dict[str, tuple[date, str]] = {}
    for household, ids in dwellings.items():
        free = [scenario.dwelling(d).available_from for d in ids]
        day = max([likely[household], *(f for f in free if f is not None)])
        housed[household] = (day, ", ".join(ids))
    return housed


def deadline_rows(
    result: Forecast, as_of: date | None = None, housed: Mapping[str, tuple[date, str]] | None = None
) -> list[dict[str, object]]:
    """Each expected household's deadlines by due day (DEADLINE_COLUMNS); with as_of, those still to come.

    With `housed` (from a plan, see housing_days) the quota deadline is the day the plan houses the
    household, and households the plan leaves out get none; without, it is the likely arrival.
    """
    rows: list[dict[str, object]] = []
    for f in result.expected:
        for kind, days, rule in DEADLINES:
            due = f.window.likely + timedelta(days=days)
            if kind == "quota_count" and housed is not None:
                if f.household.id not in housed:
                    continue
                due, where = housed[f.household.id]
                rule = f"Q10: the nareizigers count toward the taakstelling once housed (plan: {where})"
            if as_of is not None and due < as_of:
                continue
            rows.append(
                {
                    "household": f.household.id,
                    "municipality": f.household.municipality,
                    "deadline": kind,
                    "due": due,
                    "persons": f.persons,
                    "source": f.window.source,
                    "rule": rule,
                }
            )
    rows.sort(key=lambda r: (r["due"], r["household"]))
    return rows
