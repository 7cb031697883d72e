"""Hard: an unassigned household's contract reason code is not contradicted by the scenario and plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from allocation.plan import Plan
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.norms import misfits, reach
from allocation.verify.timing import in_time
from allocation.verify.violation import Violation


def check_reasons(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """NO_FITTING_DWELLING: no offerable home fits whole; DWELLINGS_TAKEN: none of those is left free."""
    given = {a.dwelling for a in plan.assignments}
    for u in plan.unassigned:
        household = ix.households.get(u.household)
        if household is None:
            continue
        if u.reason_code == "NO_FITTING_DWELLING":
            fitting = _first_offerable(household, scenario, ix)
            if fitting is not None:
                yield Violation(
                    "REASON_UNTRUE",
                    household.id,
                    fitting.id,
                    f"{household.id} is said to fit no dwelling, but {fitting.id} fits the whole household",
                )
        elif u.reason_code == "DWELLINGS_TAKEN":
            free = _first_offerable(household, scenario, ix, _free_in_time(given, household, scenario, ix))
            if free is not None:
                yield Violation(
                    "REASON_UNTRUE",
                    household.id,
                    free.id,
                    f"{household.id} is said to find its fitting dwellings taken, but {free.id} "
                    "fits it and is given to no one",
                )


def _first_offerable(
    household: Household,
    scenario: Scenario,
    ix: PlanIndex,
    accept: Callable[[Dwelling], bool] | None = None,
) -> Dwelling | None:
    """First dwelling the household may be offered (its pin, else its reach within a pin) that fits it."""
    if household.pinned_dwelling:
        pinned = ix.dwellings.get(household.pinned_dwelling)
        members = ix.members.get(household.id, [])
        if pinned is None or misfits(members, pinned, scenario.policy, household.needs_accessible):
            return None
        return pinned if accept is None or accept(pinned) else None
    codes = reach(household, scenario)
    if household.pinned_municipality:
        codes &= {household.pinned_municipality}
    return ix.first_fitting(household, codes, scenario.policy, accept)


def _free_in_time(
    given: set[str], household: Household, scenario: Scenario, ix: PlanIndex
) -> Callable[[Dwelling], bool]:
    """Left free by the plan and within the policy's wait and vacancy limits for this household."""
    left_free = _left_free(given, household, ix)
    return lambda d: left_free(d) and in_time(household, d, scenario.policy)


def _left_free(given: set[str], household: Household, ix: PlanIndex) -> Callable[[Dwelling], bool]:
    """Dwellings the plan gives to no one and no other household's referent still lives in."""
    return lambda d: d.id not in given and _vacant_for(d, household, ix)


def _vacant_for(dwelling: Dwelling, household: Household, ix: PlanIndex) -> bool:
    """Nobody else's referent still lives there (the household's own home is vacant for it)."""
    occupant = ix.occupant.get(dwelling.id)
    if occupant is None or occupant == household.id:
        return True
    return bool(ix.rows_of_household.get(occupant)) and dwelling.id not in ix.housed_at(occupant)
