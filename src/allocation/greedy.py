"""The baseline to beat: first come, first served, own municipality first, as planners do by hand.

First come in the v2 tie order (rules.order): already in the Netherlands, then longest waiting,
then id; pinned households before all. A split (casus 4) when no free home fits the whole family
and the policy's split_when allows it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from allocation import rules
from allocation.plan import Assignment, AssignmentKind
from allocation.scenario import Dwelling, Household, Person, Scenario


class Placed(NamedTuple):
    """One group of a household at one home: the whole family (move) or one part of a split."""

    dwelling: Dwelling
    group: list[Person]
    kind: AssignmentKind


Placement = list[Placed]


class KindKey(NamedTuple):
    """What the fit rules tell apart in a dwelling, and its availability bucket when planning with time."""

    dwelling: rules.DwellingKey
    available: int | None


class Kind(NamedTuple):
    """One kind of dwelling; its number in FreeStock.kinds is its bit in every mask of kinds."""

    key: KindKey
    size: tuple[int, int]
    """(places, bedrooms): the tightest kind first."""
    sample: Dwelling
    """A home of this kind, to ask the fit rules about the kind."""


class Need(NamedTuple):
    """What one group of a household asks of a home, worked out once per group while the stock stands."""

    group: list[Person]
    household: Household
    step_free: bool
    key: rules.GroupKey
    arrival: int | None
    """The household's arrival bucket (None when not planning with time)."""
    kinds: int
    """The kinds that fit the group and are free in time for it, as bits."""
    own_home_free: bool
    """The household's own current home is free stock: tightest then looks at every kind, and at
    that home without the rent check (Q5)."""


@dataclass
class KindMask:
    """The kinds that pass one test, as bits; kinds that come later are tested when next asked."""

    bits: int = 0
    tested: int = 0
    """How many kinds (in the order they came) the bits cover."""

    def cover(self, kinds: list[Kind], test: Callable[[Kind], bool]) -> None:
        """Test the kinds not yet tested."""
        for index in range(self.tested, len(kinds)):
            if test(kinds[index]):
                self.bits |= 1 << index
        self.tested = len(kinds)


@dataclass
class SizeKinds:
    """The kinds of one size (places, bedrooms), as bits: tightest looks at the smallest size first."""

    size: tuple[int, int]
    kinds: int = 0


class MunicipalStock:
    """One municipality's free dwellings per kind, lowest id first, and which kinds have one (bits)."""

    def __init__(self) -> None:
        self.homes: dict[int, list[Dwelling]] = {}
        self.present = 0

    def add(self, d: Dwelling, kind: int) -> None:
        """A home of this kind becomes free (the stock comes in id order, so mostly at the end)."""
        homes = self.homes.setdefault(kind, [])
        if not homes or homes[-1].id < d.id:
            homes.append(d)
        else:
            bisect.insort(homes, d, key=_dwelling_id)
        self.present |= 1 << kind

    def remove(self, d: Dwelling, kind: int) -> None:
        """A home is given out; a kind without free homes leaves the lists so scans stay short."""
        homes = self.homes[kind]
        homes.remove(d)
        if not homes:
            del self.homes[kind]
            self.present &= ~(1 << kind)

    def tightest(self, bits: int, sizes: list[SizeKinds], skip: str) -> Dwelling | None:
        """Of these kinds' free homes (not `skip`), the one with the fewest places, then the lowest id."""
        for size in sizes:
            same = bits & size.kinds
            if same:
                home = self._lowest_id(same, skip)
                if home is not None:
                    return home
        return None

    def _lowest_id(self, bits: int, skip: str) -> Dwelling | None:
        """Of these kinds' free homes (not `skip`), the one with the lowest id."""
        best: Dwelling | None = None
        while bits:
            lowest = bits & -bits
            bits ^= lowest
            homes = self.homes[lowest.bit_length() - 1]
            home = homes[0]
            if home.id == skip:
                if len(homes) == 1:
                    continue
                home = homes[1]
            if best is None or home.id < best.id:
                best = home
        return best


def _dwelling_id(d: Dwelling) -> str:
    return d.id


class FreeStock:
    """Free dwellings per municipality by kind, and which kinds fit whom in time, as bits."""

    def __init__(self, scenario: Scenario, dwellings: list[Dwelling]):
        self.scenario = scenario
        self.cache = rules.fit_cache(scenario)
        self._dwelling_keys = rules.dwelling_keys(scenario)
        self.timed = rules.timing_active(scenario.policy)
        self.free_from: dict[str, date | None] = {}
        """Vacated homes: free once their referent's new home is (rules.vacated_available_date)."""
        self.by_muni: dict[str, MunicipalStock] = {}
        self.free_ids: set[str] = set()
        self.kinds: list[Kind] = []
        """Every kind seen in the stock, in the order they came: the bits of the masks."""
        self._kind_numbers: dict[KindKey, int] = {}
        self._kinds_of: dict[str, int] = {}
        """The kind of each free dwelling (by id)."""
        self._sizes: list[SizeKinds] = []
        """The kinds per size, smallest size first."""
        self._fitting: dict[rules.GroupKey, KindMask] = {}
        """Per group key: the kinds that fit it (one fit question per group key and kind)."""
        self._timely: dict[int | None, KindMask] = {}
        """Per arrival bucket: the kinds free in time for it."""
        self._allowed_gaps: dict[int, bool] = {}
        """Per gap in days (availability minus arrival, whole buckets): the time limits allow it."""
        self._arrivals: dict[str, int | None] = {}
        for d in sorted(dwellings, key=_dwelling_id):
            self.add(d)

    def key(self, d: Dwelling) -> KindKey:
        """What the fit rules tell apart, and the availability bucket when planning with time."""
        policy = self.scenario.policy
        return KindKey(
            self._dwelling_keys[d.id],
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
        local = self.by_muni.get(d.municipality)
        if local is None:
            local = self.by_muni[d.municipality] = MunicipalStock()
        kind = self._kinds_of[d.id] = self._kind_number(d)
        local.add(d, kind)
        self.free_ids.add(d.id)

    def remove(self, d: Dwelling) -> None:
        """A dwelling is given out."""
        self.by_muni[d.municipality].remove(d, self._kinds_of.pop(d.id))
        self.free_ids.discard(d.id)

    def need(self, group: list[Person], h: Household, *, whole: bool = False) -> Need:
        """What the group asks of a home (`whole`: the group is the whole family); valid until the
        stock changes."""
        if whole:
            step_free, key = rules.family_fit(h, self.scenario)
        else:
            step_free, key = rules.group_fit(group, h, self.scenario.policy)
        arrival = self.arrival(h)
        kinds = self._fitting_kinds(group, key, step_free)
        if self.timed:
            kinds &= self._timely_kinds(arrival)
        own_free = h.current_dwelling in self.free_ids
        return Need(group, h, step_free, key, arrival, kinds, own_free)

    def tightest(self, need: Need, municipality: str, skip: str = "") -> Dwelling | None:
        """The free home in this municipality with the fewest places that fits the group in time."""
        if need.own_home_free:  # its own home may hold it without the rent check (Q5)
            return self._tightest_scan(need, municipality, skip)
        local = self.by_muni.get(municipality)
        if local is None:
            return None
        bits = local.present & need.kinds
        return local.tightest(bits, self._sizes, skip) if bits else None

    def offering(self, need: Need, municipalities: Sequence[str]) -> Iterator[str]:
        """The municipalities (in the order given) that may have a free home for the group, as asked:
        most families take a home in the first."""
        if need.own_home_free:
            return iter(municipalities)
        if not need.kinds:
            return iter(())
        by_muni, wanted = self.by_muni, need.kinds
        return (m for m in municipalities if (local := by_muni.get(m)) and local.present & wanted)

    def arrival(self, h: Household) -> int | None:
        """The household's arrival bucket when planning with time (once per household)."""
        if not self.timed:
            return None
        if h.id not in self._arrivals:
            policy = self.scenario.policy
            self._arrivals[h.id] = rules.bucket(rules.likely_arrival(h, policy), policy)
        return self._arrivals[h.id]

    def _kind_number(self, d: Dwelling) -> int:
        """The dwelling's kind, numbered when first seen."""
        key = self.key(d)
        number = self._kind_numbers.get(key)
        if number is None:
            number = self._kind_numbers[key] = len(self.kinds)
            size = (d.max_occupants, d.bedrooms)
            self.kinds.append(Kind(key, size, d))
            self._size_kinds(size).kinds |= 1 << number
        return number

    def _size_kinds(self, size: tuple[int, int]) -> SizeKinds:
        """The kinds of this size, listed in size order when the size is new."""
        at = bisect.bisect_left(self._sizes, size, key=lambda s: s.size)
        if at == len(self._sizes) or self._sizes[at].size != size:
            self._sizes.insert(at, SizeKinds(size))
        return self._sizes[at]

    def _fitting_kinds(self, group: list[Person], key: rules.GroupKey, step_free: bool) -> int:
        """The kinds that fit this group key, asked of the fit rules once per key and kind."""
        mask = self._fitting.get(key)
        if mask is None:
            mask = self._fitting[key] = KindMask()
        if mask.tested < len(self.kinds):
            answers: dict[rules.DwellingKey, bool] = {}  # kinds of one dwelling key differ in time only

            def fits(kind: Kind) -> bool:
                dwelling = kind.key.dwelling
                if dwelling not in answers:
                    answers[dwelling] = self._fits(group, key, step_free, kind)
                return answers[dwelling]

            mask.cover(self.kinds, fits)
        return mask.bits

    def _timely_kinds(self, arrival: int | None) -> int:
        """The kinds free in time for this arrival bucket, asked once per arrival and kind."""
        mask = self._timely.get(arrival)
        if mask is None:
            mask = self._timely[arrival] = KindMask()
        if mask.tested < len(self.kinds):
            mask.cover(self.kinds, lambda kind: self._in_time(arrival, kind.key.available))
        return mask.bits

    def _fits(self, group: list[Person], key: rules.GroupKey, step_free: bool, kind: Kind) -> bool:
        """The fit rules allow the group in this kind of dwelling (memoised per keys)."""
        return self.cache.fits_key(
            group, key, kind.sample, needs_accessible=step_free, dwelling_group=kind.key.dwelling
        )

    def _in_time(self, arrival: int | None, available: int | None) -> bool:
        """A home free from this bucket is free in time for a family arriving in that one."""
        policy = self.scenario.policy
        gap = rules.bucket_gap_days(arrival, available, policy)
        allowed = self._allowed_gaps.get(gap)
        if allowed is None:
            allowed = self._allowed_gaps[gap] = rules.timing_allowed(gap, policy)
        return allowed

    def _tightest_scan(self, need: Need, municipality: str, skip: str = "") -> Dwelling | None:
        """As tightest, looking at every kind: the household's own home is checked as a join is."""
        group, h = need.group, need.household
        local = self.by_muni.get(municipality)
        best: Dwelling | None = None
        for number, homes in local.homes.items() if local else ():
            kind = self.kinds[number]
            d = next((x for x in homes[:2] if x.id != skip), None)
            if d is None:
                continue
            if rules.in_own_home(h, d):
                if not rules.fits_home(group, h, d, self.scenario):
                    continue
            elif not self._fits(group, need.key, need.step_free, kind):
                continue
            if not self._in_time(need.arrival, kind.key.available):
                continue
            if best is None or (d.max_occupants, d.bedrooms, d.id) < (
                best.max_occupants,
                best.bedrooms,
                best.id,
            ):
                best = d
        return best


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
    ranks = rules.housing_ranks(scenario)
    queue = sorted(
        (h for h in households if h.id not in joined_ids), key=lambda h: (not rules.is_pinned(h), ranks[h.id])
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
        return _place_pinned(h, members, scenario, stock, allowed)
    whole = stock.need(members, h, whole=True)
    for m in stock.offering(whole, allowed):
        home = stock.tightest(whole, m)
        if home is not None:
            return [Placed(home, members, "move")]
    splits = rules.split_groups(h, scenario)
    at_home = _split_at_home(h, scenario, stock, allowed, splits)
    if at_home:
        return at_home
    for main, second in splits:
        main_need, second_need = stock.need(main, h), None
        for m in stock.offering(main_need, allowed):
            first = stock.tightest(main_need, m)
            if first is None:
                continue
            second_need = second_need or stock.need(second, h)
            other = stock.tightest(second_need, m, skip=first.id)
            if other is not None:
                return _split(first, main, other, second)
    return None


def _place_pinned(
    h: Household, members: list[Person], scenario: Scenario, stock: FreeStock, allowed: Sequence[str]
) -> Placement | None:
    """The pinned home for the whole family, else for a casus 4 split's main group: free, allowed, in time."""
    pin = scenario.dwelling(h.pinned_dwelling or "")
    if pin.municipality not in allowed or pin.id not in stock.free_ids or not stock.in_time(h, pin):
        return None
    if rules.fits_home(members, h, pin, scenario):
        return [Placed(pin, members, "move")]
    for main, second in rules.split_groups(h, scenario):
        if rules.fits_home(main, h, pin, scenario):
            other = stock.tightest(stock.need(second, h), pin.municipality, skip=pin.id)
            if other is not None:
                return _split(pin, main, other, second)
    return None


def _split_at_home(
    h: Household,
    scenario: Scenario,
    stock: FreeStock,
    allowed: Sequence[str],
    splits: tuple[rules.SplitOption, ...],
) -> Placement | None:
    """A casus 4 split with one part staying in the referent's current home (no rent check, Q5;
    no time check either: the referent is there, as for a join)."""
    if not h.current_dwelling or rules.is_pinned(h):
        return None
    own = scenario.dwelling(h.current_dwelling)
    if own.municipality not in allowed:
        return None
    for main, second in splits:
        if rules.fits_home(main, h, own, scenario):
            other = stock.tightest(stock.need(second, h), own.municipality, skip=own.id)
            if other is not None:
                return _split(own, main, other, second)
        if rules.fits_home(second, h, own, scenario):
            first = stock.tightest(stock.need(main, h), own.municipality, skip=own.id)
            if first is not None:
                return _split(first, main, own, second)
    return None


def _split(main_home: Dwelling, main: list[Person], second_home: Dwelling, second: list[Person]) -> Placement:
    """A casus 4 split: the main group (every minor) at one home, the second group at another."""
    return [Placed(main_home, main, "split"), Placed(second_home, second, "split")]


def _assignment(h: Household, d: Dwelling, group: list[Person], kind: AssignmentKind) -> Assignment:
    return Assignment(
        household=h.id,
        dwelling=d.id,
        municipality=d.municipality,
        kind=kind,
        persons=len(group),
        person_ids=[p.id for p in group],
    )
