"""Whether a group of persons fits a dwelling (passende woning): size, bedrooms, access, kind, rent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from allocation.policy import Policy
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Household, Person, Scenario


@dataclass(frozen=True)
class FitProblem:
    """A reason a group does not fit: `code` names the rule, `params` its numbers (texts render it)."""

    code: str
    params: dict[str, float | int] = field(default_factory=dict)


class GroupKey(NamedTuple):
    """What the fit rules can tell apart in a group."""

    size: int
    bedrooms: int
    step_free: bool
    young: bool


class DwellingKey(NamedTuple):
    """What the fit rules can tell apart in a dwelling."""

    bedrooms: int
    max_occupants: int
    accessible: bool
    kind: str
    rent_band: int


def needs_step_free(persons: Sequence[Person], household: Household) -> bool:
    """Step-free when a person of the group needs it, or the group holds the referent and the
    household needs it: the household flag is about the main address (v2), so two healthy adult
    children at a split's second address (casus 4) need no step-free home."""
    for p in persons:  # a loop, not any(): 228 ns against 378 a call, asked in every phase
        if p.needs_accessible:
            return True
    if household.needs_accessible:
        for p in persons:
            if p.role == "referent":
                return True
    return False


def is_young_group(persons: Sequence[Person], policy: Policy) -> bool:
    """Every person is 18-20 (adult_age..young_max_age): huurtoeslag only up to rent_limit_young,
    as for adult children split off at a second address (casus 4)."""
    if not policy.rent_limit_young_applies or not persons:
        return False
    low, high = policy.adult_age, policy.young_max_age
    for p in persons:  # noqa: SIM110 (a loop, not all(): 195 ns against 506, asked in every phase)
        if not low <= p.age <= high:
            return False
    return True


def rent_limit(persons: Sequence[Person], policy: Policy) -> float:
    """Rent ceiling for the group: aftoppingsgrens by size, or the youth limit for 18-20-year-olds.

    From 2026 huurtoeslag for 18-20-year-olds counts rent only up to `rent_limit_young` (498.20),
    so a split-off young adult without income cannot pay more (policy, may be switched off).
    """
    if is_young_group(persons, policy):
        return policy.rent_limit_young
    return policy.rent_limit(len(persons))


def fit_problems(
    persons: Sequence[Person],
    dwelling: Dwelling,
    policy: Policy,
    *,
    needs_accessible: bool,
    check_rent: bool = True,
) -> list[FitProblem]:
    """Every reason this group does not fit this dwelling; empty means it fits.

    `needs_accessible` is the group's step-free need (see needs_step_free); `check_rent` is off for
    a family joining the referent's own home (Q5, v2: no new allocation, so no rent limit).
    """
    size = len(persons)
    problems: list[FitProblem] = []
    if size > dwelling.max_occupants:
        problems.append(FitProblem("occupants", {"size": size, "most": dwelling.max_occupants}))
    bedrooms = needed_bedrooms(persons, policy)
    if bedrooms > dwelling.bedrooms:
        problems.append(FitProblem("bedrooms", {"need": bedrooms, "has": dwelling.bedrooms}))
    if needs_accessible and not dwelling.accessible:
        problems.append(FitProblem("accessible"))
    if dwelling.kind == "room" and size != 1:
        problems.append(FitProblem("room"))
    limit = rent_limit(persons, policy)
    if check_rent and dwelling.rent is not None and dwelling.rent > limit:
        young = is_young_group(persons, policy)
        params = {"rent": dwelling.rent, "limit": limit, "size": size, "young": int(young)}
        problems.append(FitProblem("rent", params))
    return problems


def group_fits(
    persons: Sequence[Person],
    dwelling: Dwelling,
    policy: Policy,
    *,
    needs_accessible: bool,
    check_rent: bool = True,
) -> bool:
    """True when the group may live in the dwelling under every fit rule."""
    return not fit_problems(
        persons, dwelling, policy, needs_accessible=needs_accessible, check_rent=check_rent
    )


def rent_band(rent: float | None, policy: Policy) -> int:
    """Rent as the rules see it: how many of the rent limits (youth, small, large) it exceeds."""
    if rent is None:
        return 0
    # three comparisons, not sum() over a generator: asked of every home of a national stock
    return (
        (rent > policy.rent_limit_young) + (rent > policy.rent_limit_small) + (rent > policy.rent_limit_large)
    )


def group_key(persons: Sequence[Person], policy: Policy, *, needs_accessible: bool) -> GroupKey:
    """What the fit rules can tell apart in a group: size, needed bedrooms, step-free, 18-20 only."""
    return GroupKey(
        len(persons), needed_bedrooms(persons, policy), needs_accessible, is_young_group(persons, policy)
    )


def dwelling_key(dwelling: Dwelling, policy: Policy) -> DwellingKey:
    """What the fit rules can tell apart in a dwelling: rooms, occupants, access, kind, rent band."""
    return DwellingKey(
        dwelling.bedrooms,
        dwelling.max_occupants,
        dwelling.accessible,
        dwelling.kind,
        rent_band(dwelling.rent, policy),
    )


class FitCache:
    """group_fits memoised on what the rules can tell apart, for scans over a whole stock."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self._known: dict[tuple, bool] = {}

    def fits(self, persons: Sequence[Person], dwelling: Dwelling, *, needs_accessible: bool) -> bool:
        """Same answer as group_fits, computed once per (group key, dwelling key)."""
        return self.fits_key(
            persons,
            group_key(persons, self.policy, needs_accessible=needs_accessible),
            dwelling,
            needs_accessible=needs_accessible,
        )

    def fits_key(
        self,
        persons: Sequence[Person],
        group: tuple,
        dwelling: Dwelling,
        *,
        needs_accessible: bool,
        dwelling_group: tuple | None = None,
    ) -> bool:
        """As fits, with the group's (and optionally the dwelling's) key already known."""
        key = (group, dwelling_group or dwelling_key(dwelling, self.policy))
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = group_fits(
                persons, dwelling, self.policy, needs_accessible=needs_accessible
            )
        return known


class GroupFit(NamedTuple):
    """What the fit rules ask of a group: its step-free need and its group key."""

    step_free: bool
    key: GroupKey


def group_fit(persons: Sequence[Person], household: Household, policy: Policy) -> GroupFit:
    """The group's step-free need, and its fit key with that need."""
    step_free = needs_step_free(persons, household)
    return GroupFit(step_free, group_key(persons, policy, needs_accessible=step_free))


def family_fit(household: Household, scenario: Scenario) -> GroupFit:
    """group_fit of the whole family, once per scenario: the warnings, greedy, aggregation and the
    reasons each ask it of every household."""
    memo: dict[str, GroupFit] = scenario.cached("family_fit", dict)
    found = memo.get(household.id)
    if found is None:
        found = memo[household.id] = group_fit(scenario.members(household.id), household, scenario.policy)
    return found


def fit_cache(scenario: Scenario) -> FitCache:
    """The scenario's shared fit cache."""
    return scenario.cached("fit_cache", lambda: FitCache(scenario.policy))


def dwelling_keys(scenario: Scenario) -> dict[str, DwellingKey]:
    """Every dwelling's dwelling_key by id, once per scenario: the warnings, greedy, the aggregation
    and the reasons each ask it of every home."""
    return scenario.cached(
        "dwelling_keys", lambda: {d.id: dwelling_key(d, scenario.policy) for d in scenario.dwellings}
    )


def stock_by_key(scenario: Scenario) -> dict[str, dict[tuple, list[Dwelling]]]:
    """Per municipality, its dwellings grouped by what the fit rules can tell apart (id order)."""

    def build() -> dict[str, dict[tuple, list[Dwelling]]]:
        stock: dict[str, dict[tuple, list[Dwelling]]] = {}
        keys = dwelling_keys(scenario)
        for d in sorted(scenario.dwellings, key=lambda d: d.id):
            stock.setdefault(d.municipality, {}).setdefault(keys[d.id], []).append(d)
        return stock

    return scenario.cached("stock_by_key", build)
