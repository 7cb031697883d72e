"""Timing (Q3, Q5): a home should not stand empty long for its family, nor a family wait long for it.

Dates are compared in buckets of `policy.time_bucket_days` so households and dwellings stay in
classes; a pairing is allowed when neither limit is exceeded. Without a planning date, a home
without available_from or a family without any date is not compared at all. Planning with time is on when the
policy sets a limit or lists `wait` or `vacancy` in the objective order.
"""

from __future__ import annotations

from datetime import date

from allocation.policy import Policy
from allocation.rules.arrival import arrival_window
from allocation.scenario import Dwelling, Household

EPOCH = date(2000, 1, 1)
"""Bucket boundaries are counted from here, so buckets do not depend on the scenario."""
TIME_TERMS = frozenset({"wait", "vacancy"})


def timing_active(policy: Policy) -> bool:
    """True when the plan must look at arrival and availability dates at all."""
    limits = policy.max_vacancy_days is not None or policy.max_reception_wait_days is not None
    return limits or bool(TIME_TERMS & set(policy.objective_order))


def likely_arrival(household: Household, policy: Policy) -> date | None:
    """The arrival date to plan with: a given arrival, else the forecast's likely date, else the
    planning date (a family with no date known is taken to be here)."""
    window = arrival_window(household, policy)
    return window.likely if window else policy.planning_date


def available_date(dwelling: Dwelling, policy: Policy) -> date | None:
    """When the home is free: its available_from, else the planning date ("available now")."""
    return dwelling.available_from or policy.planning_date


def vacated_available_date(home: Dwelling, new_home_free: date | None, policy: Policy) -> date | None:
    """A home vacated by a referent who moves is free once the referent's new home is, not before
    (Q5, Q6: the referent lives in the old home, a kamer say, until the family's home is ready).

    `new_home_free` is the day the new home is free (itself later when it is vacated in turn).
    """
    own, new = available_date(home, policy), new_home_free
    if own is None or new is None:
        return own or new
    return max(own, new)


def bucket(day: date | None, policy: Policy) -> int | None:
    """The date's bucket number, or None when no date is known."""
    return None if day is None else (day - EPOCH).days // policy.time_bucket_days


def bucket_gap_days(arrival: int | None, available: int | None, policy: Policy) -> int:
    """Days from arrival to availability in whole buckets (negative: the home is free first)."""
    if arrival is None or available is None:
        return 0
    return (available - arrival) * policy.time_bucket_days


def wait_days(gap: int) -> int:
    """Days a family waits in reception for its home."""
    return max(0, gap)


def vacancy_days(gap: int) -> int:
    """Days a home stands empty (leegstand) waiting for its family."""
    return max(0, -gap)


def pair_gap_days(
    household: Household, dwelling: Dwelling, policy: Policy, free_from: date | None = None
) -> int:
    """Days from the family's arrival to the home's availability, in whole buckets as the model sees.

    `free_from` overrides the home's own date (a vacated home is free once its referent moved).
    """
    arrival = bucket(likely_arrival(household, policy), policy)
    available = free_from or available_date(dwelling, policy)
    return bucket_gap_days(arrival, bucket(available, policy), policy)


def in_time(household: Household, dwelling: Dwelling, policy: Policy, free_from: date | None = None) -> bool:
    """The wait and vacancy limits allow this pairing (always, when not planning with time)."""
    if not timing_active(policy):
        return True
    return timing_allowed(pair_gap_days(household, dwelling, policy, free_from), policy)


def timing_allowed(gap: int, policy: Policy) -> bool:
    """Neither the vacancy nor the reception-wait limit is exceeded."""
    if policy.max_reception_wait_days is not None and wait_days(gap) > policy.max_reception_wait_days:
        return False
    return policy.max_vacancy_days is None or vacancy_days(gap) <= policy.max_vacancy_days


def exact_gap_days(
    household: Household, dwelling: Dwelling, policy: Policy, free_from: date | None = None
) -> int | None:
    """Exact days from likely arrival to availability, for the plan table; None if a date is unknown.

    `free_from` overrides the home's own date (a vacated home is free once its referent moved).
    """
    arrival = likely_arrival(household, policy)
    available = free_from or available_date(dwelling, policy)
    if arrival is None or available is None:
        return None
    return (available - arrival).days
