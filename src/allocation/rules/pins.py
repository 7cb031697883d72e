"""The planner's pins: a decision taken by hand that the plan follows before any objective."""

from __future__ import annotations

from allocation.scenario import Household


def is_pinned(household: Household) -> bool:
    """The planner pinned this household to a dwelling or a municipality."""
    return bool(household.pinned_dwelling or household.pinned_municipality)
