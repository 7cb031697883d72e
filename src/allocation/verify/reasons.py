"""Hard: an unassigned household's contract reason code is not contradicted by the scenario and plan.

NO_FITTING_DWELLING: no home the household may be offered fits it whole, nor does a split the
rules allow. DWELLINGS_TAKEN: such homes exist, but the plan leaves none of them free (in time).
Each plan-wide set is computed once, so the check stays near-linear in the plan's size.
"""

from __future__ import annotations

from collections.abc import Iterator

from allocation.plan import Plan
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex, Stock
from allocation.verify.offers import Search, Shapes, SplitOffer
from allocation.verify.timing import Timeline
from allocation.verify.violation import Violation


def check_reasons(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Each contract reason code is true of the plan (Q5: a family hears why it waits)."""
    codes = {"NO_FITTING_DWELLING", "DWELLINGS_TAKEN"}
    left_out = [u for u in plan.unassigned if u.household in ix.households and u.reason_code in codes]
    if not left_out:
        return
    assert ix.stock is not None
    shapes = Shapes(ix)
    anywhere = Search(ix, ix.stock, shapes)
    given = {a.dwelling for a in plan.assignments}
    free = _free_search(scenario, ix, given, shapes)
    for u in left_out:
        household = ix.households[u.household]
        offer = anywhere.whole(household) or anywhere.split(household)
        if u.reason_code == "NO_FITTING_DWELLING":
            if offer is not None:
                yield Violation(
                    "REASON_UNTRUE",
                    household.id,
                    _first(offer).id,
                    f"{household.id} is said to fit no dwelling, but {_describe(offer)}",
                )
            continue
        if offer is None:
            yield Violation(
                "REASON_UNTRUE",
                household.id,
                None,
                f"{household.id} is said to find its fitting dwellings taken, but no dwelling it may "
                "be offered fits it, whole or split",
            )
            continue
        left = free.whole(household) or free.split(household)
        if left is not None:
            yield Violation(
                "REASON_UNTRUE",
                household.id,
                _first(left).id,
                f"{household.id} is said to find its fitting dwellings taken, but {_describe(left)} "
                "and the plan gives it to no one",
            )


def _free_search(scenario: Scenario, ix: PlanIndex, given: set[str], shapes: Shapes) -> Search:
    """Homes the plan gives to no one and no referent still lives in, within the time limits."""

    def vacant(d: Dwelling) -> bool:
        occupant = ix.occupant.get(d.id)
        if occupant is None:
            return True
        return bool(ix.rows_of_household.get(occupant)) and d.id not in ix.housed_at(occupant)

    stock = Stock((d for d in scenario.dwellings if d.id not in given and vacant(d)), ix.order, ix.policy)
    policy = scenario.policy

    def own_usable(household: Household) -> bool:
        return household.current_dwelling not in given

    timeline = Timeline(ix, policy)
    if not timeline.timed:
        return Search(ix, stock, shapes, None, own_usable)
    return Search(ix, stock, shapes, timeline.in_time_for, own_usable, timeline.arrival_bucket)


def _first(offer: Dwelling | SplitOffer) -> Dwelling:
    """The dwelling a violation names: the home, or the main home of a split."""
    return offer.main if isinstance(offer, SplitOffer) else offer


def _describe(offer: Dwelling | SplitOffer) -> str:
    """The offer in a planner's words."""
    if isinstance(offer, SplitOffer):
        return f"{offer.main.id} and {offer.second.id} hold it split as casus 4 allows"
    return f"{offer.id} fits the whole household"
