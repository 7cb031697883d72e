"""The baseline to beat: first come, first served, own municipality first, as planners do by hand.

First come in the v2 tie order (rules.order): already in the Netherlands, then longest waiting,
then id; pinned households before all. A split (casus 4) when no free home fits the whole family
and the policy's split_when allows it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from allocation import rules
from allocation.plan import Assignment
from allocation.scenario import Dwelling, Household, Person, Scenario

Placement = list[tuple[Dwelling, list[Person], str]]


class FreeStock:
    """Free dwellings per municipality, grouped by what the fit rules tell apart, smallest first."""

    def __init__(self, scenario: Scenario, dwellings: list[Dwelling]):
        self.scenario = scenario
        self.cache = rules.fit_cache(scenario)
        self.timed = rules.timing_active(scenario.policy)
        self.free_from: dict[str, date | None] = {}
        """Vacated homes: free once their referent's new home is (rules.vacated_available_date)."""
        self.by_muni: dict[str, dict[tuple, list[Dwelling]]] = {}
        self.free_ids: set[str] = set()
        self._group_keys: dict[tuple[str, ...], tuple[bool, rules.GroupKey]] = {}
        self._fitting: dict[str, dict[rules.GroupKey, Candidates]] = {}
        """Per municipality and group key: the kinds that fit it, tightest first."""
        self._candidates: dict[str, dict[tuple, Kinds]] = {}
        """Per municipality and (group key, arrival): the kinds that fit it in time, tightest first."""
        self._arrivals: dict[str, int | None] = {}
        for d in sorted(dwellings, key=lambda d: d.id):
            self.add(d)

    def key(self, d: Dwelling) -> tuple:
        """What the fit rules tell apart, and the availability bucket when planning with time."""
        policy = self.scenario.policy
        return (
            rules.dwelling_key(d, policy),
            rules.bucket(self.available(d), policy) if self.timed else None,
        )

    def available(self, d: Dwelling) -> date | None:
        """When the home is free: its own date, or later when its referent moves out later."""
        if d.id in self.free_from:
            return self.free_from[d.id]
        return rules.available_date(d, self.scenario.policy)

    def in_time(self, h: Household, d: Dwelling) -> bool:
        """The wait and vacancy limits allow this household in this dwelling."""
        if not self.timed:
            return True
        return self._in_time(self.arrival(h), rules.bucket(self.available(d), self.scenario.policy))

    def add(self, d: Dwelling) -> None:
        """A dwelling becomes free (at start, or vacated by a referent who moved)."""
        groups = self.by_muni.setdefault(d.municipality, {})
        key = self.key(d)
        if key not in groups:  # a kind new (or back) to the municipality joins the lists it fits
            kind = ((d.max_occupants, d.bedrooms), key)
            timed = self._candidates.get(d.municipality, {})
            for gkey, fit in self._fitting.get(d.municipality, {}).items():
                if key not in fit.kinds.keys:
                    if not self.cache.fits_key(
                        fit.group, gkey, d, needs_accessible=fit.acc, dwelling_group=key[0]
                    ):
                        continue
                    fit.kinds.insert(kind)
                for arrival in fit.arrivals:
                    if self._in_time(arrival, key[1]):
                        timed[(gkey, arrival)].insert(kind)
        bisect.insort(groups.setdefault(key, []), d, key=lambda x: x.id)
        self.free_ids.add(d.id)

    def remove(self, d: Dwelling) -> None:
        """A dwelling is given out; empty groups are dropped so scans stay short."""
        groups = self.by_muni[d.municipality]
        key = self.key(d)
        groups[key].remove(d)
        self.free_ids.discard(d.id)
        if not groups[key]:
            del groups[key]

    def group_key(self, group: list[Person], h: Household) -> tuple[bool, rules.GroupKey]:
        """The group's step-free need and fit key, worked out once per group."""
        ids = tuple(p.id for p in group)
        known = self._group_keys.get(ids)
        if known is None:
            acc = rules.needs_step_free(group, h)
            known = self._group_keys[ids] = (
                acc,
                rules.group_key(group, self.scenario.policy, needs_accessible=acc),
            )
        return known

    def tightest(
        self,
        group: list[Person],
        h: Household,
        municipality: str,
        skip: str = "",
        keyed: tuple[bool, rules.GroupKey] | None = None,
    ) -> Dwelling | None:
        """The free home in this municipality with the fewest places that fits the group.

        `keyed` is the group's group_key when the caller has it (asked for many municipalities).
        """
        if h.current_dwelling in self.free_ids:  # its own home may hold it without the rent check (Q5)
            return self._tightest_scan(group, h, municipality, skip)
        acc, gkey = keyed or self.group_key(group, h)
        arrival = self.arrival(h)
        free = self.by_muni.get(municipality, {})
        best: Dwelling | None = None
        kinds = self._fitting_kinds(group, municipality, gkey, acc, arrival)
        gone = False
        for rank, key in kinds.kinds:
            if best is not None and rank != (best.max_occupants, best.bedrooms):
                break
            homes = free.get(key)
            if homes is None:
                gone = True
                continue
            d = homes[0] if homes[0].id != skip else (homes[1] if len(homes) > 1 else None)
            if d is not None and (best is None or d.id < best.id):
                best = d
        if gone:  # kinds whose homes are all given out leave the list (add puts them back)
            kinds.keep(free)
        return best

    def arrival(self, h: Household) -> int | None:
        """The household's arrival bucket when planning with time (once per household)."""
        if not self.timed:
            return None
        if h.id not in self._arrivals:
            policy = self.scenario.policy
            self._arrivals[h.id] = rules.bucket(rules.likely_arrival(h, policy), policy)
        return self._arrivals[h.id]

    def _in_time(self, arrival: int | None, available: int | None) -> bool:
        """A home free from this bucket is free in time for a family arriving in that one."""
        policy = self.scenario.policy
        return rules.timing_allowed(rules.bucket_gap_days(arrival, available, policy), policy)

    def _fitting_kinds(
        self, group: list[Person], municipality: str, gkey: rules.GroupKey, acc: bool, arrival: int | None
    ) -> list[tuple]:
        """Kinds of dwelling of the municipality that fit the group in time, fewest places first.

        The fit is asked once per group key, the time once per arrival; a kind that comes to the
        municipality later (a vacated home) is added to the lists it fits (add). Kinds whose homes
        are all given out stay listed: tightest skips them, and among kinds of one size it takes
        the lowest id, so their order within a size does not matter.
        """
        known = self._candidates.setdefault(municipality, {})
        found = known.get((gkey, arrival))
        if found is None:
            fitting = self._fitting.setdefault(municipality, {})
            fit = fitting.get(gkey)
            if fit is None:
                kinds = [
                    ((homes[0].max_occupants, homes[0].bedrooms), key)
                    for key, homes in self.by_muni.get(municipality, {}).items()
                    if self.cache.fits_key(group, gkey, homes[0], needs_accessible=acc, dwelling_group=key[0])
                ]
                fit = fitting[gkey] = Candidates(group, acc, Kinds.of(kinds), set())
            fit.arrivals.add(arrival)
            found = known[(gkey, arrival)] = Kinds.of(
                (rank, key) for rank, key in fit.kinds.kinds if self._in_time(arrival, key[1])
            )
        return found

    def _tightest_scan(
        self, group: list[Person], h: Household, municipality: str, skip: str = ""
    ) -> Dwelling | None:
        """As tightest, looking at every kind: the household's own home is checked as a join is."""
        acc, gkey = self.group_key(group, h)
        arrival = self.arrival(h)
        best: Dwelling | None = None
        for (dkey, available), free in self.by_muni.get(municipality, {}).items():
            d = next((x for x in free[:2] if x.id != skip), None)
            if d is None:
                continue
            if rules.in_own_home(h, d):
                if not rules.fits_home(group, h, d, self.scenario):
                    continue
            elif not self.cache.fits_key(group, gkey, d, needs_accessible=acc, dwelling_group=dkey):
                continue
            if not self._in_time(arrival, available):
                continue
            if best is None or (d.max_occupants, d.bedrooms, d.id) < (
                best.max_occupants,
                best.bedrooms,
                best.id,
            ):
                best = d
        return best


class Candidates(NamedTuple):
    """The kinds of dwelling that fit one group key at one arrival, tightest first."""

    group: list[Person]
    """A group of this key, to ask the fit rules about kinds that come later."""
    acc: bool
    kinds: Kinds
    arrivals: set[int | None]
    """The arrivals whose in-time lists were drawn from these kinds."""


def _rank(kind: tuple) -> tuple[int, int]:
    """A kind's size, (places, bedrooms): the tightest first."""
    return kind[0]


class Kinds:
    """Kinds of dwelling as ((places, bedrooms), key), tightest first, and their keys."""

    def __init__(self, kinds: list[tuple]):
        self.kinds = kinds
        self.keys = {key for _, key in kinds}

    @classmethod
    def of(cls, kinds: Iterable[tuple]) -> Kinds:
        return cls(sorted(kinds, key=_rank))

    def insert(self, kind: tuple) -> None:
        """Add a kind after those of its size (a no-op when listed)."""
        if kind[1] not in self.keys:
            bisect.insort(self.kinds, kind, key=_rank)
            self.keys.add(kind[1])

    def keep(self, present: Mapping[tuple, object]) -> None:
        """Drop the kinds no longer present."""
        self.kinds = [k for k in self.kinds if k[1] in present]
        self.keys = {key for _, key in self.kinds}


def greedy_assignments(
    scenario: Scenario, only: set[str] | None = None, within: set[str] | None = None
) -> list[Assignment]:
    """Pinned households first, then in the tie order; each takes the tightest fitting free home.

    `only` limits the pass to some households (a component whose optimisation ran out of time)
    and `within` the stock to the municipalities they can reach, so one region's fallback does
    not sort the whole country's stock.
    """
    assignments: list[Assignment] = []
    households = [
        h for h in scenario.households if (only is None or h.id in only) and not rules.is_refused(h)
    ]
    in_use = homes_in_use(scenario)
    joined = [h for h in households if h.id in in_use.joining]
    for h in joined:
        home = scenario.dwelling(h.current_dwelling or "")
        assignments.append(_assignment(h, home, scenario.members(h.id), "join"))
    occupied = set(in_use.occupied)
    blocked = in_use.taken | in_use.occupied
    by_municipality = _dwellings_by_municipality(scenario)
    places = sorted(by_municipality) if within is None else sorted(within & by_municipality.keys())
    stock = FreeStock(scenario, [d for m in places for d in by_municipality[m] if d.id not in blocked])
    joined_ids = {h.id for h in joined}
    queue = sorted(
        (h for h in households if h.id not in joined_ids),
        key=lambda h: (not rules.is_pinned(h), rules.housing_order(h, scenario.policy)),
    )
    for h in queue:
        placed = _place(h, scenario, stock)
        if not placed:
            continue
        for dwelling, group, kind in placed:
            if dwelling.id != h.current_dwelling or dwelling.id not in occupied:
                stock.remove(dwelling)
            assignments.append(_assignment(h, dwelling, group, kind))
        if h.current_dwelling in occupied and not any(d.id == h.current_dwelling for d, _, _ in placed):
            occupied.discard(h.current_dwelling)
            own = scenario.dwelling(h.current_dwelling)
            new_home = next(d for d, group, _ in placed if any(p.role == "referent" for p in group))
            free = rules.vacated_available_date(own, stock.available(new_home), scenario.policy)
            stock.free_from[own.id] = free
            stock.add(own)
    return assignments


class HomesInUse(NamedTuple):
    """Who joins the referent (woningcheck, Q5) and which homes are not free stock because of it."""

    joining: frozenset[str]
    """Households that move in with their referent."""
    taken: frozenset[str]
    """The referents' homes those families join."""
    occupied: frozenset[str]
    """Other referents' current homes: free only once the referent moves out."""


def homes_in_use(scenario: Scenario) -> HomesInUse:
    """Worked out once per scenario: each region's fallback pass asks it again."""

    def compute() -> HomesInUse:
        joining = [
            h for h in scenario.households if not rules.is_refused(h) and rules.joins_referent(h, scenario)
        ]
        taken = frozenset(h.current_dwelling for h in joining if h.current_dwelling)
        lived_in = {h.current_dwelling for h in scenario.households if h.current_dwelling}
        return HomesInUse(frozenset(h.id for h in joining), taken, frozenset(lived_in - taken))

    return scenario.cached("greedy_homes_in_use", compute)


def _dwellings_by_municipality(scenario: Scenario) -> dict[str, list[Dwelling]]:
    """The scenario's dwellings per municipality, in file order (once per scenario)."""

    def compute() -> dict[str, list[Dwelling]]:
        out: dict[str, list[Dwelling]] = {}
        for d in scenario.dwellings:
            out.setdefault(d.municipality, []).append(d)
        return out

    return scenario.cached("greedy_dwellings_by_municipality", compute)


def _place(h: Household, scenario: Scenario, stock: FreeStock) -> Placement | None:
    """Whole family in the first municipality with a fitting home, else a casus 4 split there."""
    members = scenario.members(h.id)
    allowed = rules.allowed_municipalities(h, scenario)
    if h.pinned_dwelling:
        pin = scenario.dwelling(h.pinned_dwelling)
        free = stock.by_muni.get(pin.municipality, {}).get(stock.key(pin), [])
        if pin.municipality not in allowed or pin not in free or not stock.in_time(h, pin):
            return None
        if rules.fits_home(members, h, pin, scenario):
            return [(pin, members, "move")]
        for main, second in rules.split_groups(h, scenario):
            if rules.fits_home(main, h, pin, scenario):
                other = stock.tightest(second, h, pin.municipality, skip=pin.id)
                if other is not None:
                    return [(pin, main, "split"), (other, second, "split")]
        return None
    whole = stock.group_key(members, h)
    for m in allowed:
        home = stock.tightest(members, h, m, keyed=whole)
        if home is not None:
            return [(home, members, "move")]
    at_home = _split_at_home(h, scenario, stock, allowed)
    if at_home:
        return at_home
    for main, second in rules.split_groups(h, scenario):
        main_key, second_key = stock.group_key(main, h), stock.group_key(second, h)
        for m in allowed:
            first = stock.tightest(main, h, m, keyed=main_key)
            if first is None:
                continue
            other = stock.tightest(second, h, m, skip=first.id, keyed=second_key)
            if other is not None:
                return [(first, main, "split"), (other, second, "split")]
    return None


def _split_at_home(
    h: Household, scenario: Scenario, stock: FreeStock, allowed: list[str]
) -> Placement | None:
    """A casus 4 split with one part staying in the referent's current home (no rent check, Q5;
    no time check either: the referent is there, as for a join)."""
    if not h.current_dwelling or rules.is_pinned(h):
        return None
    own = scenario.dwelling(h.current_dwelling)
    if own.municipality not in allowed:
        return None
    for main, second in rules.split_groups(h, scenario):
        if rules.fits_home(main, h, own, scenario):
            other = stock.tightest(second, h, own.municipality, skip=own.id)
            if other is not None:
                return [(own, main, "split"), (other, second, "split")]
        if rules.fits_home(second, h, own, scenario):
            first = stock.tightest(main, h, own.municipality, skip=own.id)
            if first is not None:
                return [(first, main, "split"), (own, second, "split")]
    return None


def _assignment(h: Household, d: Dwelling, group: list[Person], kind: str) -> Assignment:
    return Assignment(
        household=h.id,
        dwelling=d.id,
        municipality=d.municipality,
        kind=kind,
        persons=len(group),
        person_ids=[p.id for p in group],
    )
