"""Two addresses for one family (casus 4): adult children or siblings may live apart, minors never.

`split_when` (policy): `no_home_in_plan` (v2 default) offers a split whenever the household has
members who may live apart, so also when the one home that fits the whole family goes to a family
that fits nowhere else ("noodgedwongen"); the `splits` term, ranked right after `persons`, keeps
splits to those that house more persons. `no_fitting_home` (v1) allows a split only when no
reachable dwelling fits the whole household at all. Either part may live in the referent's
current dwelling.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from allocation.rules.fit import fit_cache, group_key, needs_step_free, stock_by_key
from allocation.rules.reach import reachable_municipalities
from allocation.scenario import Household, Person, Scenario

MAX_SPLIT_CANDIDATES = 6
"""Beyond this many adult children the oldest six are considered (63 groups at most)."""


class SplitOption(NamedTuple):
    """One way to house a family at two addresses: the main group (every minor) and the second."""

    main: list[Person]
    second: list[Person]


def splittable_persons(household: Household, scenario: Scenario) -> list[Person]:
    """Members who may live at the second address: adults (18+) with role child or sibling."""
    policy = scenario.policy
    return [
        p
        for p in scenario.members(household.id)
        if p.role != "referent" and p.role in policy.split_roles and p.age >= policy.split_min_age
    ]


def whole_household_fits_somewhere(household: Household, scenario: Scenario) -> bool:
    """True when some dwelling in a reachable municipality fits the whole household."""
    reach = reachable_municipalities(household, scenario)
    members = scenario.members(household.id)
    step_free = needs_step_free(members, household)
    group = group_key(members, scenario.policy, needs_accessible=step_free)
    known = scenario.cached("fits_somewhere", dict)
    if (group, reach) not in known:
        cache, stock = fit_cache(scenario), stock_by_key(scenario)
        known[(group, reach)] = any(
            cache.fits_key(members, group, dwellings[0], needs_accessible=step_free, dwelling_group=key)
            for m in reach
            for key, dwellings in stock.get(m, {}).items()
        )
    return known[(group, reach)]


def may_split(household: Household, scenario: Scenario) -> bool:
    """Casus 4: split allowed when policy permits, some member may live apart, and (v1 rule
    `no_fitting_home` only) no reachable dwelling fits everyone."""
    policy = scenario.policy
    if not policy.split_allowed or not splittable_persons(household, scenario):
        return False
    return policy.split_when == "no_home_in_plan" or not whole_household_fits_somewhere(household, scenario)


def split_groups(household: Household, scenario: Scenario) -> tuple[SplitOption, ...]:
    """Every split the rules allow; minors always stay in the main group. Once per household and
    scenario: the warnings, greedy, aggregation and the reasons each ask it."""
    memo: dict[str, tuple[SplitOption, ...]] = scenario.cached("split_groups", dict)
    found = memo.get(household.id)
    if found is None:
        found = memo[household.id] = _split_options(household, scenario)
    return found


def _split_options(household: Household, scenario: Scenario) -> tuple[SplitOption, ...]:
    """The splits of split_groups, worked out: each non-empty set of the six oldest who may live apart."""
    if not may_split(household, scenario):
        return ()
    members = scenario.members(household.id)
    candidates = sorted(splittable_persons(household, scenario), key=lambda p: (-p.age, p.id))
    candidates = candidates[:MAX_SPLIT_CANDIDATES]
    options: list[SplitOption] = []
    for size in range(1, len(candidates) + 1):
        for second in combinations(candidates, size):
            second_ids = {p.id for p in second}
            main = [p for p in members if p.id not in second_ids]
            options.append(SplitOption(main, [p for p in members if p.id in second_ids]))
    return tuple(options)
