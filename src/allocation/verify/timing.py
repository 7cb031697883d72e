"""Hard: a home stands empty no longer than allowed, a family waits in reception no longer (Q3, Q5).

Recomputed here from the policy and the README's arrival forecast: a household's date is its given
arrival, else the likely day of its TVS step's window, else the planning date; dates are compared
in buckets of `time_bucket_days` counted from 2000-01-01; a dwelling without `available_from`, or
free from an earlier day, is free from the planning date, and a home vacated by a referent who
moves is free from the day the referent's new home is (v2); without a date on either side a
pairing is not compared at all.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache

from allocation.plan import Plan
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.violation import Violation

START = date(2000, 1, 1)


def planned_with_time(policy: Policy) -> bool:
    """The policy sets a wait or vacancy limit, or ranks wait or vacancy in the objective."""
    limits = (policy.max_reception_wait_days, policy.max_vacancy_days)
    return any(x is not None for x in limits) or bool({"wait", "vacancy"} & set(policy.objective_order))


def _months_later(day: date, months: int) -> date:
    """The same day of the month so many months on, or that month's last day when it is shorter."""
    year = day.year + (day.month - 1 + months) // 12
    month = (day.month - 1 + months) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _terms_after(step: str, policy: Policy) -> tuple[int, ...]:
    """Q3: months the IND decision, the mvv collection and the journey may still take after a step."""
    terms = {
        "aanvraag_ingediend": (policy.ind_decision_months, policy.mvv_collect_months, policy.travel_months),
        "toegekend": (policy.mvv_collect_months, policy.travel_months),
        "mvv_afgegeven": (policy.travel_months,),
    }
    return terms.get(step, ())


def arrival_day(household: Household, policy: Policy) -> date | None:
    """The day to plan the family's arrival with: given arrival, else the step window's likely day."""
    if household.arrival is not None:
        return household.arrival
    if household.tvs_step in (None, "afgewezen") or household.step_date is None:
        return policy.planning_date
    terms = _terms_after(household.tvs_step, policy)
    return _likely_day(household.step_date, terms, policy.likely_term_share)


@lru_cache(maxsize=4096)
def _likely_day(step_date: date, terms: tuple[int, ...], share: float) -> date:
    """The likely day within the window the terms open after the step; many families share a step date."""
    latest = step_date
    for months in terms:
        latest = _months_later(latest, months)
    span = (latest - step_date).days
    return step_date + timedelta(days=round(share * span))


def _bucket(day: date, policy: Policy) -> int:
    """The number of the time bucket a day falls in, counted from START."""
    return (day - START).days // policy.time_bucket_days


def within_limits(gap: int | None, policy: Policy) -> bool:
    """Neither the reception-wait nor the vacancy limit is exceeded (no dates: nothing to compare)."""
    if gap is None:
        return True
    if policy.max_reception_wait_days is not None and gap > policy.max_reception_wait_days:
        return False
    return policy.max_vacancy_days is None or -gap <= policy.max_vacancy_days


class Timeline:
    """Arrival and free days of one plan's households and homes, each worked out once per check."""

    def __init__(self, ix: PlanIndex, policy: Policy):
        self.ix = ix
        self.policy = policy
        self.timed = planned_with_time(policy)
        self._arrival_bucket: dict[str, int | None] = {}
        self._available: dict[str, date | None] = {}
        self._available_bucket: dict[str, int | None] = {}

    def arrival_bucket(self, household: Household) -> int | None:
        """The bucket of the family's arrival day (None: no date to compare)."""
        if household.id not in self._arrival_bucket:
            day = arrival_day(household, self.policy)
            self._arrival_bucket[household.id] = None if day is None else _bucket(day, self.policy)
        return self._arrival_bucket[household.id]

    def available(self, dwelling: Dwelling) -> date | None:
        """When the home is free: its own date (else the planning date), when vacated not before the
        day its referent's new home is free (only when planning with time)."""
        if dwelling.id not in self._available:
            self._available[dwelling.id] = self._free_day(dwelling, set())
        return self._available[dwelling.id]

    def available_bucket(self, dwelling: Dwelling) -> int | None:
        """The bucket of the home's free day (None: no date to compare)."""
        if dwelling.id not in self._available_bucket:
            day = self.available(dwelling)
            self._available_bucket[dwelling.id] = None if day is None else _bucket(day, self.policy)
        return self._available_bucket[dwelling.id]

    def _free_day(self, dwelling: Dwelling, seen: set[str]) -> date | None:
        """The free day of a home, following a moving referent's chain of homes, each home once."""
        ix, policy = self.ix, self.policy
        own = dwelling.available_from
        if own is None or (policy.planning_date is not None and own < policy.planning_date):
            own = policy.planning_date  # a home free before the planning date is free on it
        occupant = ix.occupant.get(dwelling.id)
        if occupant is None or not self.timed or dwelling.id in seen:
            return own
        referent = ix.referent_id(occupant)
        new_homes = [
            a.dwelling
            for a in ix.rows_of_household.get(occupant, [])
            if referent in a.person_ids and a.dwelling != dwelling.id and a.dwelling in ix.dwellings
        ]
        if not new_homes:
            return own
        then = self._free_day(ix.dwellings[new_homes[0]], seen | {dwelling.id})
        if own is None or then is None:
            return own or then
        return max(own, then)

    def gap_days(self, household: Household, dwelling: Dwelling) -> int | None:
        """Days from the family's arrival to the home's availability, in whole buckets."""
        arrival, available = self.arrival_bucket(household), self.available_bucket(dwelling)
        if arrival is None or available is None:
            return None
        return (available - arrival) * self.policy.time_bucket_days

    def in_time_for(self, household: Household) -> Callable[[Dwelling], bool]:
        """Whether a home breaks neither limit for this family; its arrival is read once per search."""
        arrival = self.arrival_bucket(household) if self.timed else None
        if arrival is None:
            return lambda dwelling: True  # not planning with time, or no arrival date to compare
        policy, size = self.policy, self.policy.time_bucket_days

        def in_time(dwelling: Dwelling) -> bool:
            available = self.available_bucket(dwelling)
            return available is None or within_limits((available - arrival) * size, policy)

        return in_time


def check_timing(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every new home respects the wait and vacancy limits; a refused application is never housed."""
    policy = scenario.policy
    timeline = Timeline(ix, policy)
    for _, household, dwelling, _ in ix.placements:
        if household.tvs_step == "afgewezen":
            yield Violation(
                "REFUSED_HOUSED", household.id, dwelling.id, f"{household.id}'s application was refused"
            )
        if not timeline.timed or dwelling.id == household.current_dwelling:
            continue
        gap = timeline.gap_days(household, dwelling)
        if within_limits(gap, policy):
            continue
        gap = gap or 0
        rule = "TIMING_WAIT" if gap > 0 else "TIMING_VACANCY"
        yield Violation(rule, household.id, dwelling.id, f"{abs(gap)} days between arrival and availability")
