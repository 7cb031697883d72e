"""Planner decisions fixed before a solve: a household pinned to a dwelling or a municipality."""

from __future__ import annotations

from collections.abc import Iterable

from allocation.plan import Plan
from allocation.scenario import Scenario


def pin(
    scenario: Scenario, household: str, dwelling: str | None = None, municipality: str | None = None
) -> Scenario:
    """The scenario with HOUSEHOLD pinned to DWELLING (its municipality follows) or to MUNICIPALITY only.

    Neither given: the pin is removed. The household is looked up (KeyError when unknown); the pin is
    checked like a file's by validation (reach, one household per dwelling).
    """
    scenario.household(household)
    if dwelling is not None:
        scenario.dwelling(dwelling)
    households = [
        h.model_copy(
            update={"pinned_dwelling": dwelling, "pinned_municipality": None if dwelling else municipality}
        )
        if h.id == household
        else h
        for h in scenario.households
    ]
    return scenario.model_copy(update={"households": households})


def pin_plan(scenario: Scenario, plan: Plan, households: Iterable[str]) -> Scenario:
    """Each of HOUSEHOLDS pinned where PLAN houses it: its dwelling, or its municipality when split.

    Households the plan leaves out are not pinned; other pins stay as they are.
    """
    out = scenario
    for household in households:
        rows = plan.assignments_of(household)
        if len(rows) == 1:
            out = pin(out, household, dwelling=rows[0].dwelling)
        elif rows:
            out = pin(out, household, municipality=rows[0].municipality)
    return out


def pinned(scenario: Scenario) -> dict[str, str]:
    """Household id -> what it is pinned to (a dwelling id or a municipality code)."""
    return {
        h.id: h.pinned_dwelling or h.pinned_municipality or ""
        for h in scenario.households
        if h.pinned_dwelling or h.pinned_municipality
    }
