"""Lookups over a scenario and a plan that tolerate a broken plan (unknown ids, duplicates)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from allocation.plan import Assignment, Plan, Unassigned
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario


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
