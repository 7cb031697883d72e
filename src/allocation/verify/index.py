"""Lookups over a scenario and a plan that tolerate a broken plan (unknown ids, duplicates)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from allocation.plan import Assignment, Plan, Unassigned
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from allocation.verify.norms import all_young, bedrooms_needed, misfits


class Kind(NamedTuple):
    """What the fit rules can tell apart in a dwelling: rooms, occupants, access, kind, rent under
    each limit (youth, small, large)."""

    bedrooms: int
    max_occupants: int
    accessible: bool
    kind: str
    rent_ok: tuple[bool, ...]


class Need(NamedTuple):
    """What the fit rules can tell apart in a group: size, bedrooms, step-free, all aged 18-20."""

    size: int
    bedrooms: int
    step_free: bool
    young: bool


def need_of(group: Sequence[Person], step_free: bool, policy: Policy) -> Need:
    """What the fit rules can tell apart in a group: size, bedrooms, step-free, all 18-20."""
    return Need(len(group), bedrooms_needed(group, policy), step_free, all_young(group, policy))


class Stock:
    """Dwellings per municipality, grouped by what the fit rules can tell apart, searched in file order.

    A dwelling is kept by its rank (its place in the file), so merging groups is sorting integers;
    a kind by its number (its place among the kinds seen), so asking whether a need fits it is cheap.
    """

    def __init__(self, dwellings: Iterable[Dwelling], order: dict[str, int], policy: Policy):
        self.order = order
        self.policy = policy
        self._rent_limits = (policy.rent_limit_young, policy.rent_limit_small, policy.rent_limit_large)
        groups: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        numbers: dict[Kind, int] = {}
        self._by_rank: dict[int, Dwelling] = {}
        self._samples: list[Dwelling] = []
        """One dwelling of each kind, by kind number: whether a need fits is the same for all of them."""
        for d in dwellings:
            kind = self.kind(d)
            if kind not in numbers:
                numbers[kind] = len(self._samples)
                self._samples.append(d)
            rank = order[d.id]
            groups[d.municipality][numbers[kind]].append(rank)
            self._by_rank[rank] = d
        self.ids: set[str] = {d.id for d in self._by_rank.values()}
        self.groups = {code: dict(kinds) for code, kinds in groups.items()}
        """Ranks of each municipality's dwellings by kind number, in file order."""
        self._kinds_fitting: dict[Need, frozenset[int]] = {}
        self._ranks: dict[tuple[str, Need], list[int]] = {}
        self._fitting: dict[tuple[str, Need], list[Dwelling]] = {}

    def kind(self, dwelling: Dwelling) -> Kind:
        """What the fit rules can tell apart: rooms, occupants, access, kind, rent under each limit."""
        rent = dwelling.rent
        rent_ok = tuple([rent is None or rent <= limit for limit in self._rent_limits])
        return Kind(dwelling.bedrooms, dwelling.max_occupants, dwelling.accessible, dwelling.kind, rent_ok)

    def need(self, group: Sequence[Person], step_free: bool) -> Need:
        """What the fit rules can tell apart in a group: size, bedrooms, step-free, all 18-20."""
        return need_of(group, step_free, self.policy)

    def fitting(
        self, code: str, group: Sequence[Person], step_free: bool, need: Need | None = None
    ) -> list[Dwelling]:
        """Dwellings of a municipality, in file order, that fit this group (rent checked)."""
        need = need or self.need(group, step_free)
        key = (code, need)
        if key not in self._fitting:
            self._fitting[key] = [self._by_rank[r] for r in self._fitting_ranks(code, group, need)]
        return self._fitting[key]

    def _fitting_ranks(self, code: str, group: Sequence[Person], need: Need) -> list[int]:
        """Ranks of a municipality's dwellings that fit a need, sorted; worked out once per pair."""
        key = (code, need)
        if key not in self._ranks:
            fits = self._fitting_kinds(group, need)
            found: list[int] = []
            for number, ranks in self.groups.get(code, {}).items():
                if number in fits:
                    found += ranks
            found.sort()
            self._ranks[key] = found
        return self._ranks[key]

    def _fitting_kinds(self, group: Sequence[Person], need: Need) -> frozenset[int]:
        """Numbers of the kinds a group of this need fits, asked once per need for every municipality."""
        if need not in self._kinds_fitting:
            policy = self.policy
            self._kinds_fitting[need] = frozenset(
                number
                for number, sample in enumerate(self._samples)
                if not misfits(group, sample, policy, need.step_free, need.bedrooms, young=need.young)
            )
        return self._kinds_fitting[need]

    def fitting_in(
        self, codes: frozenset[str], group: Sequence[Person], step_free: bool, need: Need
    ) -> Iterator[Dwelling]:
        """Dwellings of these municipalities (a household's reach) that fit the group, in file order,
        lazily: most searches stop at the first, so the reach's lists are merged, not joined and sorted."""
        by_rank = self._by_rank
        lists = [self._fitting_ranks(code, group, need) for code in codes]
        ranks = lists[0] if len(lists) == 1 else heapq.merge(*lists)  # none (an empty reach) merges to none
        return (by_rank[r] for r in ranks)

    def first(
        self,
        codes: Iterable[str],
        group: Sequence[Person],
        step_free: bool,
        accept: Callable[[Dwelling], bool] | None = None,
    ) -> Dwelling | None:
        """First dwelling in file order in these municipalities that fits the group and is accepted."""
        best: Dwelling | None = None
        need = self.need(group, step_free)
        for code in set(codes):
            pick = next(self.accepted(code, group, step_free, accept, need), None)
            if pick is not None and (best is None or self.order[pick.id] < self.order[best.id]):
                best = pick
        return best

    def accepted(
        self,
        code: str,
        group: Sequence[Person],
        step_free: bool,
        accept: Callable[[Dwelling], bool] | None = None,
        need: Need | None = None,
    ) -> Iterator[Dwelling]:
        """The fitting dwellings of a municipality that are accepted, in file order, lazily."""
        return (d for d in self.fitting(code, group, step_free, need) if accept is None or accept(d))


class Placement(NamedTuple):
    """A plan row whose household and dwelling both exist, with those objects and its known persons."""

    assignment: Assignment
    household: Household
    dwelling: Dwelling
    group: list[Person]


@dataclass
class PlanIndex:
    """Plan rows grouped by household and dwelling, next to the scenario's own tables by id."""

    municipalities: dict[str, Municipality]
    dwellings: dict[str, Dwelling]
    households: dict[str, Household]
    persons: dict[str, Person]
    members: dict[str, list[Person]]
    occupant: dict[str, str]
    policy: Policy
    rows_of_household: dict[str, list[Assignment]] = field(default_factory=dict)
    rows_of_dwelling: dict[str, list[Assignment]] = field(default_factory=dict)
    unassigned_of: dict[str, list[Unassigned]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    region_of: dict[str, set[str]] = field(default_factory=dict)
    """Codes of each non-empty cooperation region."""
    stock: Stock | None = None
    placements: list[Placement] = field(default_factory=list)
    """The rows whose household and dwelling both exist, in plan order: most checks read only these."""
    row_groups: list[list[Person]] = field(default_factory=list)
    """The known persons of every assignment row, in plan order (one entry per row)."""
    _reach: dict[tuple, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, scenario: Scenario, plan: Plan) -> PlanIndex:
        """Index both sides once; every check reads from here."""
        members: dict[str, list[Person]] = defaultdict(list)
        for p in scenario.persons:
            members[p.household].append(p)
        by_household: dict[str, list[Assignment]] = defaultdict(list)
        by_dwelling: dict[str, list[Assignment]] = defaultdict(list)
        for a in plan.assignments:
            by_household[a.household].append(a)
            by_dwelling[a.dwelling].append(a)
        unassigned: dict[str, list[Unassigned]] = defaultdict(list)
        for u in plan.unassigned:
            unassigned[u.household].append(u)
        regions: dict[str, set[str]] = defaultdict(set)
        for m in scenario.municipalities:
            if m.region:
                regions[m.region].add(m.code)
        order = {d.id: i for i, d in enumerate(scenario.dwellings)}
        households = {h.id: h for h in scenario.households}
        dwellings = {d.id: d for d in scenario.dwellings}
        persons = {p.id: p for p in scenario.persons}
        row_groups = [_known(a.person_ids, persons) for a in plan.assignments]
        placements = [
            Placement(a, households[a.household], dwellings[a.dwelling], group)
            for a, group in zip(plan.assignments, row_groups, strict=True)
            if a.household in households and a.dwelling in dwellings
        ]
        return cls(
            municipalities={m.code: m for m in scenario.municipalities},
            dwellings=dwellings,
            households=households,
            persons=persons,
            members=dict(members),
            occupant={h.current_dwelling: h.id for h in scenario.households if h.current_dwelling},
            policy=scenario.policy,
            rows_of_household=dict(by_household),
            rows_of_dwelling=dict(by_dwelling),
            unassigned_of=dict(unassigned),
            order=order,
            region_of=dict(regions),
            stock=Stock(scenario.dwellings, order, scenario.policy),
            placements=placements,
            row_groups=row_groups,
        )

    def reach(self, household: Household) -> frozenset[str]:
        """Own municipality, its region when cooperating (Q6), the AMV's municipality (Q7)."""
        key = (household.municipality, household.amv_municipality)
        if key not in self._reach:
            policy = self.policy
            codes = {household.municipality}
            own = self.municipalities.get(household.municipality)
            if policy.regional_cooperation and own is not None and own.region:
                codes |= self.region_of.get(own.region, set())
            if policy.amv_municipality_allowed and household.amv_municipality:
                codes.add(household.amv_municipality)
            self._reach[key] = frozenset(codes)
        return self._reach[key]

    def group(self, assignment: Assignment) -> list[Person]:
        """The known persons an assignment lists, in its order."""
        return _known(assignment.person_ids, self.persons)

    def referent_id(self, household_id: str) -> str | None:
        """Id of the household's referent (None for a household without one)."""
        return next((p.id for p in self.members.get(household_id, []) if p.role == "referent"), None)

    def housed_at(self, household_id: str) -> set[str]:
        """Dwelling ids the plan gives this household."""
        return {a.dwelling for a in self.rows_of_household.get(household_id, [])}


def _known(person_ids: list[str], persons: dict[str, Person]) -> list[Person]:
    """The persons of these ids that the scenario knows, in the ids' order."""
    return [persons[pid] for pid in person_ids if pid in persons]
