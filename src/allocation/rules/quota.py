"""Quota counting (Q6, Q10): who counts toward which municipality's taakstelling."""

from __future__ import annotations

from collections.abc import Iterable

from allocation.scenario import Household, Person


def counts_for_quota(person: Person, household: Household) -> bool:
    """Everyone housed counts where housed, except a referent already housed earlier (Q6)."""
    return not (person.role == "referent" and household.current_dwelling)


def quota_counts(persons: Iterable[Person], household: Household) -> int:
    """Persons of this group that count for the municipality of the dwelling they get."""
    return sum(1 for p in persons if counts_for_quota(p, household))
