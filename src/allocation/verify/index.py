"""Lookups over a scenario and a plan that tolerate a broken plan (unknown ids, duplicates)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from allocation.plan import Assignment, Plan, Unassigned
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from allocation.verify.norms import bedrooms_needed, misfits


@dataclass
class PlanIndex:
    """Plan rows grouped by household and dwelling, next to the scenario's own tables by id."""

    municipalities: dict[str, Municipality]
    dwellings: dict[str, Dwelling]
    households: dict[str, Household]
    persons: dict[str, Person]
    members: dict[str, list[Person]]
    occupant: dict[str, str]
    rows_of_household: dict[str, list[Assignment]] = field(default_factory=dict)
    rows_of_dwelling: dict[str, list[Assignment]] = field(default_factory=dict)
    unassigned_of: dict[str, list[Unassigned]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    stock: dict[str, dict[tuple, list[Dwelling]]] = field(default_factory=dict)
    """Dwellings per municipality, grouped by what the fit rules can tell apart, in file order."""
    fitting_cache: dict[tuple, list[Dwelling]] = field(default_factory=dict)

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
        stock: dict[str, dict[tuple, list[Dwelling]]] = defaultdict(lambda: defaultdict(list))
        policy = scenario.policy
        for d in scenario.dwellings:
            rent_ok = [
                d.rent is None or d.rent <= limit
                for limit in (policy.rent_limit_small, policy.rent_limit_large)
            ]
            stock[d.municipality][(d.bedrooms, d.max_occupants, d.accessible, d.kind, *rent_ok)].append(d)
        return cls(
            municipalities={m.code: m for m in scenario.municipalities},
            dwellings={d.id: d for d in scenario.dwellings},
            households={h.id: h for h in scenario.households},
            persons={p.id: p for p in scenario.persons},
            members=dict(members),
            occupant={h.current_dwelling: h.id for h in scenario.households if h.current_dwelling},
            rows_of_household=dict(by_household),
            rows_of_dwelling=dict(by_dwelling),
            unassigned_of=dict(unassigned),
            order={d.id: i for i, d in enumerate(scenario.dwellings)},
            stock={code: dict(kinds) for code, kinds in stock.items()},
        )

    def placed(self, assignments: list[Assignment]) -> list[tuple[Assignment, Household, Dwelling]]:
        """Rows whose household and dwelling both exist, with those objects."""
        return [
            (a, self.households[a.household], self.dwellings[a.dwelling])
            for a in assignments
            if a.household in self.households and a.dwelling in self.dwellings
        ]

    def group(self, assignment: Assignment) -> list[Person]:
        """The known persons an assignment lists, in its order."""
        return [self.persons[pid] for pid in assignment.person_ids if pid in self.persons]

    def referent_id(self, household_id: str) -> str | None:
        """Id of the household's referent (None for a household without one)."""
        return next((p.id for p in self.members.get(household_id, []) if p.role == "referent"), None)

    def housed_at(self, household_id: str) -> set[str]:
        """Dwelling ids the plan gives this household."""
        return {a.dwelling for a in self.rows_of_household.get(household_id, [])}

    def first_fitting(
        self,
        household: Household,
        municipalities: Iterable[str],
        policy: Policy,
        accept: Callable[[Dwelling], bool] | None = None,
    ) -> Dwelling | None:
        """First dwelling in file order in these municipalities that fits the household and is accepted."""
        members = self.members.get(household.id, [])
        need = (len(members), bedrooms_needed(members, policy), household.needs_accessible)
        best: Dwelling | None = None
        for code in set(municipalities):
            pick = next(
                (d for d in self._fitting(code, need, members, policy) if not accept or accept(d)), None
            )
            if pick is not None and (best is None or self.order[pick.id] < self.order[best.id]):
                best = pick
        return best

    def _fitting(
        self, code: str, need: tuple[int, int, bool], members: list[Person], policy: Policy
    ) -> list[Dwelling]:
        """Dwellings of a municipality, in file order, that fit any group of this size and room need."""
        key = (code, *need)
        if key not in self.fitting_cache:
            _, rooms, needs_accessible = need
            fits = [
                same
                for same in self.stock.get(code, {}).values()
                if not misfits(members, same[0], policy, needs_accessible, rooms)
            ]
            self.fitting_cache[key] = sorted(
                (d for same in fits for d in same), key=lambda d: self.order[d.id]
            )
        return self.fitting_cache[key]
