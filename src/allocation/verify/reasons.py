"""Hard: an unassigned household's contract reason code is not contradicted by the scenario and plan."""

from __future__ import annotations

from collections.abc import Iterator

from allocation.plan import Plan
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.norms import misfits, reach
from allocation.verify.violation import Violation


def check_reasons(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """NO_FITTING_DWELLING: no offerable home fits whole; DWELLINGS_TAKEN: none of those is left free."""
    given = {a.dwelling for a in plan.assignments}
    for u in plan.unassigned:
        household = ix.households.get(u.household)
        if household is None or u.reason_code not in ("NO_FITTING_DWELLING", "DWELLINGS_TAKEN"):
            continue
        members = ix.members.get(household.id, [])
        fitting = [
            d
            for d in _offerable(household, scenario, ix)
            if not misfits(members, d, scenario.policy, household.needs_accessible)
        ]
        if u.reason_code == "NO_FITTING_DWELLING" and fitting:
            yield Violation(
                "REASON_UNTRUE",
                household.id,
                fitting[0].id,
                f"{household.id} is said to fit no dwelling, but {fitting[0].id} fits the whole household",
            )
        if u.reason_code == "DWELLINGS_TAKEN":
            free = [d for d in fitting if d.id not in given and _vacant_for(d, household, ix)]
            if free:
                yield Violation(
                    "REASON_UNTRUE",
                    household.id,
                    free[0].id,
                    f"{household.id} is said to find its fitting dwellings taken, but {free[0].id} "
                    "fits it and is given to no one",
                )


def _offerable(household: Household, scenario: Scenario, ix: PlanIndex) -> list[Dwelling]:
    """Dwellings the household may be offered: its pinned dwelling, else its reach narrowed by a pin."""
    if household.pinned_dwelling:
        pinned = ix.dwellings.get(household.pinned_dwelling)
        return [pinned] if pinned is not None else []
    codes = reach(household, scenario)
    if household.pinned_municipality:
        codes &= {household.pinned_municipality}
    return [d for d in scenario.dwellings if d.municipality in codes]


def _vacant_for(dwelling: Dwelling, household: Household, ix: PlanIndex) -> bool:
    """Nobody else's referent still lives there (the household's own home is vacant for it)."""
    occupant = ix.occupant.get(dwelling.id)
    if occupant is None or occupant == household.id:
        return True
    return bool(ix.rows_of_household.get(occupant)) and dwelling.id not in ix.housed_at(occupant)
