"""Timing (Q3, Q5): a home should not stand empty long for its family, nor a family wait long for it.

Dates are compared in buckets of `policy.time_bucket_days` so households and dwellings stay in
classes; a pairing is allowed when neither limit is exceeded. Without a planning date, a home
without available_from or a family without any date is not compared at all. Planning with time is on when the
policy sets a limit or lists `wait` or `vacancy` in the objective order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import numpy as np

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
    """When the home is free to plan: its available_from, else the planning date ("available now").

    A home free since before the planning date is free now: the days it already stood empty are
    past and no plan can give them back, so the vacancy limit and term count from the planning
    date (a home free since March may be held four weeks from today for a family arriving then).
    """
    free, today = dwelling.available_from, policy.planning_date
    if free is None or (today is not None and free < today):
        return today
    return free


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
    """Neither the vacancy nor the reception-wait limit is exceeded.

    wait_days and vacancy_days written out: the model asks this for every profile and home type.
    """
    wait = policy.max_reception_wait_days
    if wait is not None and (gap if gap > 0 else 0) > wait:
        return False
    vacancy = policy.max_vacancy_days
    return vacancy is None or (-gap if gap < 0 else 0) <= vacancy


def exact_gap_days(
    household: Household, dwelling: Dwelling, policy: Policy, free_from: date | None = None
) -> int | None:
    """Exact days from likely arrival to availability, for the plan table; None if a date is unknown.

    `free_from` overrides the home's own date (a vacated home is free once its referent moved).
    """
    return gap_days(likely_arrival(household, policy), free_from or available_date(dwelling, policy))


def gap_days(arrival: date | None, available: date | None) -> int | None:
    """Exact days from an arrival to an availability date; None if either is unknown."""
    if arrival is None or available is None:
        return None
    return (available - arrival).days


class ListTimes(NamedTuple):
    """A list of homes by free-day bucket, as arrays over the list."""

    homes: Sequence[Dwelling]
    """The list itself, held so that its id stays its own."""
    buckets: np.ndarray
    """Each home's bucket (an undated home's is `low`, see `undated`)."""
    low: int
    high: int
    """The lowest and highest bucket of a dated home in the list."""
    undated: np.ndarray | None
    """Which homes have no date (None: none)."""


class ListDays(NamedTuple):
    """A list of homes by exact free day (an ordinal), for a search by day: dated homes in order of
    (day, id), and the undated home of lowest id (free on arrival, 0 days from any)."""

    homes: Sequence[Dwelling]
    """The list itself, held so that its id stays its own."""
    days: list[int]
    dated: list[Dwelling]
    """The dated homes in order of (day, id), their days in `days`."""
    first_of_day: list[int]
    """For each position in `dated`, the first position holding the same day (the lowest id)."""
    undated: Dwelling | None


class Nearest(NamedTuple):
    """The home of a list free nearest one arrival day: how far, its id (the tie-break), the home."""

    days_away: int
    id: str
    home: Dwelling


class BucketTable(NamedTuple):
    """For one arrival bucket: whether the limits allow a home of each bucket from low to high."""

    low: int
    high: int
    allowed: np.ndarray


NO_BUCKET = np.iinfo(np.int64).min
"""A home's bucket in an array when it has no date."""


class HomeTimes:
    """in_time and exact_gap_days for one plan's homes, asked for many homes per family.

    `free_from` is each vacated home's free day in the plan (report.move_in_dates); every home's
    date and bucket is worked out once, and whether a gap is allowed once per gap.
    """

    def __init__(self, policy: Policy, free_from: Mapping[str, date | None]):
        self.policy = policy
        self.active = timing_active(policy)
        self._free_from = free_from
        self._dates: dict[str, date | None] = {}
        self._buckets: dict[str, int | None] = {}
        self._allowed: dict[int, bool] = {}
        self._lists: dict[int, ListTimes] = {}
        self._masks: dict[tuple[int, int | None], np.ndarray | None] = {}
        self._arrays: dict[int, tuple[Sequence[Dwelling], np.ndarray]] = {}
        self._tables: dict[int | None, BucketTable] = {}
        self._days: dict[int, ListDays] = {}

    def available(self, dwelling: Dwelling) -> date | None:
        """The home's free day in this plan (its own date unless a referent vacates it)."""
        if dwelling.id not in self._dates:
            own = self._free_from.get(dwelling.id) or available_date(dwelling, self.policy)
            self._dates[dwelling.id] = own
        return self._dates[dwelling.id]

    def _bucket(self, dwelling: Dwelling) -> int | None:
        if dwelling.id not in self._buckets:
            self._buckets[dwelling.id] = bucket(self.available(dwelling), self.policy)
        return self._buckets[dwelling.id]

    def arrival_bucket(self, household: Household) -> int | None:
        """The bucket of the family's likely arrival: families of one bucket are in time for the same
        homes (None when the policy plans without time)."""
        if not self.active:
            return None
        return bucket(likely_arrival(household, self.policy), self.policy)

    def allowing(self, household: Household) -> Callable[[Dwelling], bool]:
        """in_time(household, home, policy, free_from[home]) as a test of homes, for one family."""
        if not self.active:
            return lambda dwelling: True
        arrival = self.arrival_bucket(household)

        def test(dwelling: Dwelling) -> bool:
            return self._gap_allowed(arrival, self._bucket(dwelling))

        return test

    def in_time(
        self, household: Household, homes: Sequence[Dwelling], parts: Sequence[Sequence[Dwelling]] = ()
    ) -> np.ndarray | None:
        """Which homes of this list the family may take in time, as a mask; None when all of them.

        `parts` are lists the list was joined from, in order (many lists share them): each home's
        bucket is worked out once per part. Families of one arrival bucket asking about the same
        list get one answer, read from a table of the limits' answer per home bucket.
        """
        if not self.active:
            return None
        arrival = self.arrival_bucket(household)
        key = (id(homes), arrival)
        if key not in self._masks:
            times = self._times_of(homes, parts or (homes,))
            table = self._table(arrival, times.low, times.high)
            ok = table.allowed[times.buckets - table.low]
            if times.undated is not None:
                ok[times.undated] = self._gap_allowed(arrival, None)
            self._masks[key] = None if ok.all() else ok
        return self._masks[key]

    def _table(self, arrival: int | None, low: int, high: int) -> BucketTable:
        """Whether the limits allow each home bucket from `low` to `high` for this arrival bucket,
        widened when a list reaches beyond it: the limits asked once per gap."""
        held = self._tables.get(arrival)
        if held is None or held.low > low or held.high < high:
            if held is not None:
                low, high = min(low, held.low), max(high, held.high)
            allowed = np.array([self._gap_allowed(arrival, b) for b in range(low, high + 1)], dtype=bool)
            held = self._tables[arrival] = BucketTable(low, high, allowed)
        return held

    def _gap_allowed(self, arrival: int | None, home: int | None) -> bool:
        gap = bucket_gap_days(arrival, home, self.policy)
        if gap not in self._allowed:
            self._allowed[gap] = timing_allowed(gap, self.policy)
        return self._allowed[gap]

    def _times_of(self, homes: Sequence[Dwelling], parts: Sequence[Sequence[Dwelling]]) -> ListTimes:
        """Each home's bucket in the list (joined from its parts'), worked out once per list."""
        held = self._lists.get(id(homes))
        if held is None:  # the list is held here, so its id stays its own
            arrays = [self._bucket_array(part) for part in parts]
            raw = arrays[0] if len(arrays) == 1 else np.concatenate(arrays)
            dated = raw != NO_BUCKET
            days = raw[dated]
            low, high = (int(days.min()), int(days.max())) if days.size else (0, 0)
            undated = None if days.size == len(raw) else ~dated
            buckets = raw if undated is None else np.where(dated, raw, low)
            held = self._lists[id(homes)] = ListTimes(homes, buckets, low, high, undated)
        return held

    def _bucket_array(self, homes: Sequence[Dwelling]) -> np.ndarray:
        """Each home's bucket (NO_BUCKET without a date), once per list."""
        held = self._arrays.get(id(homes))
        if held is None:
            values = (NO_BUCKET if (b := self._bucket(d)) is None else b for d in homes)
            held = self._arrays[id(homes)] = (homes, np.fromiter(values, dtype=np.int64, count=len(homes)))
        return held[1]

    def exact_gap(self, household: Household, dwelling: Dwelling) -> int | None:
        """exact_gap_days(household, home, policy, free_from[home])."""
        return gap_days(likely_arrival(household, self.policy), self.available(dwelling))

    def closest(
        self, household: Household, homes: Sequence[Dwelling], parts: Sequence[Sequence[Dwelling]] = ()
    ) -> Dwelling:
        """The home of a non-empty list free nearest the family's likely arrival, the lowest id on a tie;
        a home or family without a date counts as free on arrival (exact_gap_days None read as 0).

        `parts` as for in_time: each part is put in order of day once, shared by families."""
        arrival = likely_arrival(household, self.policy)
        if arrival is None:
            return min(homes, key=lambda d: d.id)
        day = arrival.toordinal()
        found = [self._nearest_in(part, day) for part in filter(None, parts or (homes,))]
        return min(found, key=lambda near: near[:2]).home

    def _nearest_in(self, homes: Sequence[Dwelling], day: int) -> Nearest:
        """closest within one list: the first home free on or after the day and the first of the
        last day before it (a search, not a scan), or an undated home."""
        listed = self._days_of(homes)
        found = [] if listed.undated is None else [Nearest(0, listed.undated.id, listed.undated)]
        after = bisect_left(listed.days, day)
        if after < len(listed.days):
            home = listed.dated[after]
            found.append(Nearest(listed.days[after] - day, home.id, home))
        if after > 0:
            first = listed.first_of_day[after - 1]
            home = listed.dated[first]
            found.append(Nearest(day - listed.days[first], home.id, home))
        return min(found, key=lambda near: near[:2])

    def _days_of(self, homes: Sequence[Dwelling]) -> ListDays:
        held = self._days.get(id(homes))
        if held is None:  # the list is held here, so its id stays its own
            known = [(self.available(d), d.id, d) for d in homes]
            undated = min((d for when, _, d in known if when is None), key=lambda d: d.id, default=None)
            dated = sorted(
                ((when.toordinal(), ident, d) for when, ident, d in known if when is not None),
                key=lambda t: t[:2],
            )
            days = [when for when, _, _ in dated]
            first_of_day = [0] * len(days)
            for position in range(1, len(days)):
                same = days[position] == days[position - 1]
                first_of_day[position] = first_of_day[position - 1] if same else position
            held = ListDays(homes, days, [d for _, _, d in dated], first_of_day, undated)
            self._days[id(homes)] = held
        return held
