"""Quota counting (Q6, Q10, casus 1 and 5): who counts toward which municipality's taakstelling."""

from __future__ import annotations

from collections.abc import Iterable

from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Person


def counted_before(person: Person, household: Household) -> bool:
    """Housed and counted for a taakstelling before (Q6, casus 5).

    `counted_before` when given; else a person not arriving in a household with a current home:
    the referent and members already living with them were counted when housed there (casus 1:
    mother and daughter live in the home, the husband arrives: only he counts now).
    """
    if person.counted_before is not None:
        return person.counted_before
    return not person.is_arriving and household.current_dwelling is not None


def counts_for_quota(person: Person, household: Household) -> bool:
    """Everyone housed counts where housed (Q10), except a person counted before (Q6)."""
    return not counted_before(person, household)


def quota_counts(persons: Iterable[Person], household: Household) -> int:
    """Persons of this group that count for the municipality of the dwelling they get."""
    return sum(1 for p in persons if counts_for_quota(p, household))


def counts_next_period(dwelling: Dwelling, policy: Policy) -> bool:
    """The home becomes available after `quota_period_end`: its persons count for the next period (Q10)."""
    end = policy.quota_period_end
    return end is not None and dwelling.available_from is not None and dwelling.available_from > end
