"""Large homes kept for the larger families the forecast expects (lookahead's protection).

A weekly optimum houses whoever is here: a home that fits a family of six goes to the couple in
reception today, and the family of six that arrives next month finds none. Asked to
(`simulate --protect-gap`), lookahead leaves such a home free this week when the forecast (the
Q3 windows, never a drawn day) expects more families at least `gap` persons larger that fit it,
within the planning horizon, than free homes that fit them: a bid-price rule of revenue
management, counted in persons.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from allocation.forecast import ArrivalWindow, arrival_window
from allocation.plan import Plan
from allocation.rules import allowed_municipalities
from allocation.rules.fit import DwellingKey, GroupKey, dwelling_keys, family_fit, fit_cache
from allocation.scenario import Dwelling, Person, Scenario
from allocation.simulate.draws import Timeline
from allocation.simulate.weekly import StockState, remaining, seen_household

SUGGESTED_PROTECT_GAP = 3
"""Persons by which an expected family must be larger for its home to be kept that did best in the
regional replays (benchmarks/README.md); off unless asked for, since it did not pay nationally."""

DEFAULT_PROTECT_DAYS = 91
"""Days ahead the expected families are counted when the policy sets no horizon_days."""

PROTECT_ROUNDS = 3
"""Re-solves of one week at most: a home kept from one family may go to another small one."""


@dataclass(frozen=True)
class ExpectedGroup:
    """Families still abroad that fit and reach cannot tell apart, with their summed chance of arriving."""

    key: GroupKey
    members: tuple[Person, ...]
    """One family's members, to ask the fit rules with."""
    reach: frozenset[str]
    chance: float
    """Expected number of these families arriving within the horizon."""


def arrival_chance(window: ArrivalWindow, day: date, days: int) -> float:
    """Chance that a family not here by `day` arrives within `days`: uniform over what is left of its
    Q3 window, from tomorrow."""
    earliest, latest = remaining(window, day)
    end = day + timedelta(days=days)
    if earliest > end:
        return 0.0
    return ((min(latest, end) - earliest).days + 1) / ((latest - earliest).days + 1)


def expected_groups(
    base: Scenario, timelines: dict[str, Timeline], state: StockState, week: Scenario, day: date, days: int
) -> list[ExpectedGroup]:
    """The families abroad that this week's plan does not see (expected after the hold), by fit key and
    reach, each group with the chance-weighted count of its families arriving within `days`."""
    planned = {h.id for h in week.households}
    chances: Counter[tuple[GroupKey, tuple[str, ...]]] = Counter()
    members: dict[tuple[GroupKey, tuple[str, ...]], tuple[Person, ...]] = {}
    for household in base.households:
        timeline = timelines[household.id]
        if household.id in planned or household.id in state.moved or timeline.arrival is None:
            continue
        if timeline.arrived_by(day):
            continue
        window = arrival_window(seen_household(household, timeline, day, True), week.policy)
        chance = arrival_chance(window, day, days) if window is not None else 0.0
        if chance <= 0:
            continue
        group = (family_fit(household, base).key, allowed_municipalities(household, base))
        chances[group] += chance
        members.setdefault(group, tuple(base.members(household.id)))
    return [
        ExpectedGroup(key, members[(key, reach)], frozenset(reach), chance)
        for (key, reach), chance in chances.items()
    ]


def protected_homes(week: Scenario, plan: Plan, groups: list[ExpectedGroup], gap: int) -> set[str]:
    """Homes a family here would move into today that are kept free instead: the expected families
    at least `gap` persons larger that fit the home outnumber the homes left free that fit them."""
    fits = fit_cache(week)
    keys = dwelling_keys(week)
    by_household = plan.assignments_by_household()
    taken = {a.dwelling for a in plan.assignments}
    fixed = {h.current_dwelling for h in week.households if h.current_dwelling}
    fixed |= {h.pinned_dwelling for h in week.households if h.pinned_dwelling}
    free: dict[str, Counter[DwellingKey]] = {}
    sample: dict[DwellingKey, Dwelling] = {}
    for d in week.dwellings:
        if d.id not in taken and d.id not in fixed:
            key = keys[d.id]
            free.setdefault(d.municipality, Counter())[key] += 1
            sample.setdefault(key, d)
    by_municipality: dict[str, list[int]] = {}
    for number, group in enumerate(groups):
        for code in group.reach:
            by_municipality.setdefault(code, []).append(number)

    def fit(group: ExpectedGroup, key: DwellingKey, dwelling: Dwelling) -> bool:
        return fits.fits_key(
            group.members, group.key, dwelling, needs_accessible=group.key.step_free, dwelling_group=key
        )

    supplies: dict[tuple[int, ...], int] = {}

    def supply(larger: tuple[int, ...]) -> int:
        """Homes left free that fit at least one of these groups, within its reach."""
        if larger not in supplies:
            reach = set().union(*(groups[n].reach for n in larger))
            supplies[larger] = sum(
                count
                for code in reach
                for key, count in free.get(code, Counter()).items()
                if any(code in groups[n].reach and fit(groups[n], key, sample[key]) for n in larger)
            )
        return supplies[larger]

    keep: set[str] = set()
    today = week.policy.planning_date
    for household_id, assignments in by_household.items():
        household = week.household(household_id)
        if len(assignments) != 1 or assignments[0].kind == "join" or household.pinned_dwelling:
            continue
        if household.arrival is None or today is None or household.arrival > today:
            continue  # expected, not here: its home is held, not moved into
        home = week.dwelling(assignments[0].dwelling)
        if home.id in fixed or (home.available_from is not None and home.available_from > today):
            continue
        size = len(week.members(household_id))
        key = keys[home.id]
        larger = tuple(
            n
            for n in by_municipality.get(home.municipality, [])
            if groups[n].key.size >= size + gap and fit(groups[n], key, home)
        )
        if larger and sum(groups[n].chance for n in larger) > supply(larger):
            keep.add(home.id)
    return keep


def without_homes(week: Scenario, homes: set[str]) -> Scenario:
    """This week's scenario with the kept homes out of the stock."""
    return Scenario(
        municipalities=week.municipalities,
        dwellings=[d for d in week.dwellings if d.id not in homes],
        households=week.households,
        persons=week.persons,
        policy=week.policy,
    )
