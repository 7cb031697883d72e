"""Hard: each placement fits, is within reach, respects the woningcheck, occupied homes and pins."""

from __future__ import annotations

from collections.abc import Iterator

from allocation.plan import Plan
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.norms import misfits, needs_step_free
from allocation.verify.offers import fits_own_home
from allocation.verify.violation import Violation


def check_fit(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every group fits its dwelling: size, bedrooms, step-free, room for one, rent (passend).

    v2: the referent's own home has no rent check (a join, or a split part there: Q5); the youth
    limit holds for a group of 18-20-year-olds; step-free follows the group's own persons, and the
    household's flag only the referent's group.
    """
    for _, household, dwelling, group in ix.placements:
        own = dwelling.id == household.current_dwelling
        found = misfits(
            group, dwelling, scenario.policy, needs_step_free(group, household), rent_checked=not own
        )
        for rule, message in found:
            yield Violation(rule, household.id, dwelling.id, message)


def check_reach(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Housed in the own municipality, a same-region one (Q6) or the AMV's municipality (Q7).

    The referent's own home is exempt (a join, or a split part there): the woningcheck houses the
    family there wherever that home lies, and validation accepts it as a pin for the same reason.
    """
    for _, household, dwelling, _ in ix.placements:
        if dwelling.id == household.current_dwelling:
            continue
        codes = ix.reach(household)
        if dwelling.municipality not in codes:
            yield Violation(
                "OUT_OF_REACH",
                household.id,
                dwelling.id,
                f"{dwelling.id} lies in {dwelling.municipality}, outside what {household.id} may reach: "
                f"{', '.join(sorted(codes))}",
            )


def check_join(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """A join happens at the referent's current dwelling and only there; staying home is a join (Q5)."""
    for a, household, dwelling, _ in ix.placements:
        at_home = dwelling.id == household.current_dwelling
        if a.kind == "join" and not at_home:
            home = household.current_dwelling or "no dwelling yet (reception)"
            yield Violation(
                "JOIN_ELSEWHERE",
                household.id,
                dwelling.id,
                f"{household.id} joins at {dwelling.id}, but its referent lives in {home}",
            )
        elif a.kind == "move" and at_home:
            yield Violation(
                "MOVE_INTO_CURRENT_DWELLING",
                household.id,
                dwelling.id,
                f"{household.id}'s referent already lives in {dwelling.id}; staying there is a join",
            )


def check_woningcheck(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Q5 woningcheck: when the referent's home fits the whole household (no rent check, v2), it is
    housed there only."""
    if not scenario.policy.woningcheck:
        return
    for household in scenario.households:
        home = ix.dwellings.get(household.current_dwelling or "")
        if home is None or household.tvs_step == "afgewezen" or _pinned_away(household, home):
            continue
        if not fits_own_home(ix.members.get(household.id, []), household, ix):
            continue
        used = ix.housed_at(household.id)
        if used == {home.id}:
            continue
        if not used:
            message = f"{home.id} fits all of {household.id}, yet the household is left unassigned"
        else:
            elsewhere = ", ".join(sorted(used - {home.id}))
            message = f"{home.id} fits all of {household.id}, yet it is housed at {elsewhere}"
        yield Violation("WONINGCHECK", household.id, home.id, message)


def _pinned_away(household: Household, home: Dwelling) -> bool:
    """The planner's pin points away from the referent's home, so the pin, not Q5, decides."""
    if household.pinned_dwelling:
        return household.pinned_dwelling != home.id
    return bool(household.pinned_municipality) and household.pinned_municipality != home.municipality


def check_occupied(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """An occupied home goes to another household only when its referent moves out in this plan."""
    for _, household, dwelling, _ in ix.placements:
        occupant = ix.occupant.get(dwelling.id)
        if occupant is None or occupant == household.id:
            continue
        used = ix.housed_at(occupant)
        if not used or dwelling.id in used:
            stays = "stays there" if used else "is not moved out by this plan"
            yield Violation(
                "DWELLING_OCCUPIED",
                household.id,
                dwelling.id,
                f"{dwelling.id} is the home of {occupant}'s referent, who {stays}",
            )


def check_pins(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """A planner's pin holds: the pinned dwelling houses the referent, the pinned municipality all."""
    for household in scenario.households:
        rows = ix.rows_of_household.get(household.id, [])
        if not rows:
            continue
        if household.pinned_dwelling:
            referent = ix.referent_id(household.id)
            at_pin = [a for a in rows if a.dwelling == household.pinned_dwelling]
            if not at_pin or referent not in at_pin[0].person_ids:
                yield Violation(
                    "PIN_DWELLING",
                    household.id,
                    household.pinned_dwelling,
                    f"{household.id} is pinned to {household.pinned_dwelling}, but its referent is housed at "
                    f"{', '.join(a.dwelling for a in rows if referent in a.person_ids) or 'no dwelling'}",
                )
        if household.pinned_municipality:
            for a in rows:
                dwelling = ix.dwellings.get(a.dwelling)
                where = dwelling.municipality if dwelling else a.municipality
                if where != household.pinned_municipality:
                    yield Violation(
                        "PIN_MUNICIPALITY",
                        household.id,
                        a.dwelling,
                        f"{household.id} is pinned to {household.pinned_municipality}, "
                        f"but {a.dwelling} lies in {where}",
                    )
