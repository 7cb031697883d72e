"""Why each household is left out, in a sentence a planner understands."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, islice
from typing import NamedTuple

import numpy as np

from allocation import rules
from allocation.cores import map_parts, parts_for
from allocation.plan import REASON_DWELLINGS_TAKEN, REASON_NO_FITTING_DWELLING, Assignment, Unassigned
from allocation.reason_texts import Language, count, fit_problem_text, money, month, say
from allocation.report import move_in_dates
from allocation.scenario import Dwelling, Household, Person, Scenario

REASON_NOT_IN_TIME = "NOT_IN_TIME"
"""Homes that fit exist, but none is free within the policy's wait and vacancy limits."""
REASON_REFUSED = "APPLICATION_REFUSED"
"""The application for family reunification was refused (afgewezen): no home is needed."""
REASON_NOT_PLACED = "NOT_PLACED"
"""A fitting home stayed free: the solve stopped early or the objective order preferred so."""

MAX_NAMED = 3
PAIR = 2
"""Free homes a split pair needs of each list: two, so that one differs from the other part's."""


def explain_unassigned(
    scenario: Scenario, assignments: list[Assignment], lang: Language = "en", *, proven: bool = True
) -> list[Unassigned]:
    """One entry per household the plan leaves out, in file order; reasons in `lang` (en, nl).

    `proven`: the plan is proven optimal, so a reason may say that housing a household instead
    of the one that took its home houses no more persons; otherwise (first come, first served,
    or a solve stopped early) reasons say only who came first in the tie order.
    """
    housed = {a.household for a in assignments}
    taker = {a.dwelling: a for a in assignments}
    staying = {h.current_dwelling for h in scenario.households if h.current_dwelling and h.id not in housed}
    blocked = staying | taker.keys()
    open_homes = OpenHomes(blocked)
    times = rules.HomeTimes(scenario.policy, move_in_dates(scenario, assignments))

    def explain_part(part: Sequence[Household]) -> list[Explained]:
        out = []
        for household in part:
            members = scenario.members(household.id)
            if rules.is_refused(household):
                step = household.step_date
                when = say(lang, "on_date", date=step.isoformat()) if step else ""
                code, reason = REASON_REFUSED, say(lang, "refused", when=when)
            else:
                code, reason = _reason(household, members, scenario, taker, open_homes, lang, times, proven)
            out.append(Explained(household.id, len(members), code, reason))
        return out

    left_out = [h for h in scenario.households if h.id not in housed]
    # Parts by region: a region's households share the lists of homes worked out for them.
    position = {h.id: i for i, h in enumerate(left_out)}
    by_region = sorted(left_out, key=lambda h: scenario.municipality(h.municipality).region or "")
    rows = map_parts(explain_part, by_region, parts_for(len(by_region)))
    explained = sorted(map(Explained._make, rows), key=lambda e: position[e.household])
    return [
        Unassigned(household=e.household, persons=e.persons, reason_code=e.code, reason=e.reason)
        for e in explained
    ]


class Explained(NamedTuple):
    """A household's reason, as a part worked on elsewhere sends it back (cores.map_parts)."""

    household: str
    persons: int
    code: str
    reason: str


def later_reason(scenario: Scenario, household_id: str, lang: Language = "en") -> str:
    """Why a family expected beyond the planning horizon waits for a later plan (reason LATER, Q5).

    Made from the household's likely arrival under the scenario's (dated) policy, so a plan made in
    one language can give its reasons in another.
    """
    arrival = rules.likely_arrival(scenario.household(household_id), scenario.policy)
    return say(lang, "later", month=month(lang, arrival))


def _candidates(household: Household, scenario: Scenario) -> list[Dwelling]:
    """Dwellings the household may be offered at all (its pin, else its reachable stock)."""
    if household.pinned_dwelling:
        return [scenario.dwelling(household.pinned_dwelling)]
    stock = rules.stock_by_key(scenario)
    return [
        d
        for m in rules.allowed_municipalities(household, scenario)
        for group in stock.get(m, {}).values()
        for d in group
    ]


def _fitting(household: Household, members: list[Person], scenario: Scenario) -> Fitting:
    """Dwellings that could take the household whole, or the groups of an allowed split.

    Computed per kind of dwelling (what the fit rules tell apart) and shared by households that
    the rules cannot tell apart either: the homes for the whole family by its fit key, reach and
    pin; the split homes, asked only when none takes it whole, also by its splits' keys.
    """
    whole_key = rules.family_fit(household, scenario).key
    allowed = rules.allowed_municipalities(household, scenario)
    wholes = scenario.cached("explain_fitting_whole", dict)
    whole_signature = (whole_key, allowed, household.pinned_dwelling)
    if whole_signature not in wholes:
        wholes[whole_signature] = _whole_stock(household, members, allowed, scenario)
    whole = wholes[whole_signature]
    if whole[0]:
        return whole
    splits = rules.split_groups(household, scenario)
    if not splits:
        return whole
    split_keys = tuple((_key(m, household, scenario), _key(s, household, scenario)) for m, s in splits)
    signature = (whole_key, split_keys, allowed, household.pinned_dwelling)
    known = scenario.cached("explain_fitting", dict)
    if signature not in known:
        dwellings = _split_stock(household, splits, allowed, scenario)
        known[signature] = Fitting.one(dwellings)
    return known[signature]


class JoinedHomes(Sequence[Dwelling]):
    """Several lists of homes read as one, in order, without copying them (a family's reach joins
    the lists of its municipalities; on a national instance these copies held millions of homes)."""

    def __init__(self, parts: tuple[list[Dwelling], ...]):
        self.parts = parts
        self._starts = list(accumulate((len(p) for p in parts), initial=0))

    def __len__(self) -> int:
        return self._starts[-1]

    def __getitem__(self, index: int) -> Dwelling:  # positions only: reasons never slice a list
        if not 0 <= index < len(self):
            raise IndexError(index)
        part = bisect_right(self._starts, index) - 1
        return self.parts[part][index - self._starts[part]]

    def __iter__(self) -> Iterator[Dwelling]:
        return chain.from_iterable(self.parts)


class Fitting(NamedTuple):
    """Homes that fit, in the order reasons name them, and the lists they were joined from."""

    dwellings: Sequence[Dwelling]
    parts: tuple[list[Dwelling], ...]
    """One list per municipality, shared by the families that reach it: work per home is done per part."""

    @classmethod
    def one(cls, dwellings: list[Dwelling]) -> Fitting:
        """A list that is its own only part."""
        return cls(dwellings, (dwellings,))


def _whole_stock(
    household: Household, members: list[Person], allowed: tuple[str, ...], scenario: Scenario
) -> Fitting:
    """The homes of the household's reach (or its pin) that fit the whole family."""
    cache = rules.fit_cache(scenario)
    acc, whole_key = rules.family_fit(household, scenario)
    if household.pinned_dwelling:
        pin = scenario.dwelling(household.pinned_dwelling)
        if pin.municipality in allowed and cache.fits_key(members, whole_key, pin, needs_accessible=acc):
            return Fitting.one([pin])
        return Fitting.one([])
    stock = rules.stock_by_key(scenario)
    parts = [_fitting_here(m, members, whole_key, acc, stock, cache, scenario) for m in allowed]
    lists = tuple(p.dwellings for p in parts if p.dwellings)
    return Fitting(lists[0], lists) if len(lists) == 1 else Fitting(JoinedHomes(lists), lists)


def _split_stock(
    household: Household,
    splits: list[tuple[list[Person], list[Person]]],
    allowed: tuple[str, ...],
    scenario: Scenario,
) -> list[Dwelling]:
    """The homes of the household's reach that hold one of its allowed splits (casus 4)."""
    cache = rules.fit_cache(scenario)
    stock = rules.stock_by_key(scenario)
    found: dict[str, Dwelling] = {}
    parts = _split_parts(household, splits, scenario)
    pinned = household.pinned_dwelling
    for m in allowed:
        for main, second, main_acc, second_acc, main_key, second_key in parts:
            mains = _fitting_here(m, main, main_key, main_acc, stock, cache, scenario).dwellings
            if pinned:
                mains = [d for d in mains if d.id == pinned]
            seconds = _fitting_here(m, second, second_key, second_acc, stock, cache, scenario).dwellings
            own = _own_home_for(household, main, second, m, scenario)
            if not (mains or own.main) or not (seconds or own.second):
                continue
            homes = {d.id: d for d in chain(mains, own.main, seconds, own.second)}
            if len(homes) >= 2:
                found.update(homes)
    return list(found.values())


class SplitPart(NamedTuple):
    """One split of a household with each group's step-free need and fit key, worked out once."""

    main: list[Person]
    second: list[Person]
    main_acc: bool
    second_acc: bool
    main_key: rules.GroupKey
    second_key: rules.GroupKey


def _split_parts(
    household: Household, splits: list[tuple[list[Person], list[Person]]], scenario: Scenario
) -> list[SplitPart]:
    """The household's splits with what the fit rules need of each group, for scans over many homes.

    Splits the fit rules cannot tell apart (the same two group keys) are listed once, the first of
    them: every home fits both or neither, so they find the same homes."""
    policy = scenario.policy
    parts: dict[tuple[rules.GroupKey, rules.GroupKey], SplitPart] = {}
    for main, second in splits:
        main_acc, main_key = rules.group_fit(main, household, policy)
        second_acc, second_key = rules.group_fit(second, household, policy)
        if (main_key, second_key) not in parts:
            parts[(main_key, second_key)] = SplitPart(
                main, second, main_acc, second_acc, main_key, second_key
            )
    return list(parts.values())


class OwnHome(NamedTuple):
    """The referent's current home, when a part of a split may stay there (no rent check, Q5)."""

    main: list[Dwelling]
    second: list[Dwelling]


NO_OWN_HOME = OwnHome([], [])


def _own_home_for(
    household: Household, main: list[Person], second: list[Person], municipality: str, scenario: Scenario
) -> OwnHome:
    """Either part of a split may live in the referent's current dwelling, without the rent limit."""
    if not household.current_dwelling:
        return OwnHome([], [])
    home = scenario.dwelling(household.current_dwelling)
    if home.municipality != municipality:
        return OwnHome([], [])
    return OwnHome(
        [home] if rules.fits_home(main, household, home, scenario) else [],
        [home] if rules.fits_home(second, household, home, scenario) else [],
    )


def _fitting_here(
    municipality: str,
    members: list[Person],
    key: rules.GroupKey,
    acc: bool,
    stock: dict[str, dict[tuple, list[Dwelling]]],
    cache: rules.FitCache,
    scenario: Scenario,
) -> Fitting:
    """A municipality's dwellings that fit a group of this kind, once per (municipality, kind)."""
    known = scenario.cached("explain_fitting_here", dict)
    found = known.get((municipality, key))
    if found is None:
        kinds = _fitting_kinds(members, key, acc, scenario)
        dwellings = [d for dkey, group in stock.get(municipality, {}).items() if dkey in kinds for d in group]
        found = known[(municipality, key)] = Fitting.one(dwellings)
    return found


def _fitting_kinds(
    members: list[Person], key: rules.GroupKey, acc: bool, scenario: Scenario
) -> frozenset[tuple]:
    """The kinds of dwelling (fit keys) anywhere in the stock that fit a group of this kind, once per
    group kind: a family's reach asks the same question of every municipality in it."""
    known = scenario.cached("explain_fitting_kinds", dict)
    found = known.get(key)
    if found is None:
        stock, cache = rules.stock_by_key(scenario), rules.fit_cache(scenario)
        examples = scenario.cached(
            "explain_kind_examples",
            lambda: {dkey: group[0] for kinds in stock.values() for dkey, group in kinds.items()},
        )
        found = known[key] = frozenset(
            dkey
            for dkey, example in examples.items()
            if cache.fits_key(members, key, example, needs_accessible=acc, dwelling_group=dkey)
        )
    return found


def _reason(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taker: dict[str, Assignment],
    open_homes: OpenHomes,
    lang: Language,
    times: rules.HomeTimes,
    proven: bool,
) -> tuple[str, str]:
    found = _fitting(household, members, scenario)
    fitting = found.dwellings
    if not fitting:
        return REASON_NO_FITTING_DWELLING, _blockers(household, members, scenario, lang)
    in_time = times.in_time(household, fitting, found.parts)  # None: every fitting home is in time
    if in_time is not None and not in_time.any():
        return REASON_NOT_IN_TIME, _timing_sentence(household, found, scenario, lang, times)
    open_ = open_homes.mask(found)
    free_here = open_ if in_time is None else open_ & in_time
    own = household.current_dwelling
    own_at = open_homes.position(found, own)
    own_free = (  # its own home, left to it: in time, taken by nobody, kept by the family itself
        own_at is not None
        and (in_time is None or bool(in_time[own_at]))
        and own not in taker
        and not open_[own_at]
    )
    free_count = int(free_here.sum())
    free_at = np.flatnonzero(free_here)[:MAX_NAMED].tolist() if free_count else []
    if own_free:
        free_at = sorted([*free_at, own_at])[:MAX_NAMED]
    free = [fitting[i] for i in free_at]
    if free and not _fits_whole_somewhere(household, members, scenario):
        free = []  # split homes only: one free home does not house the family, a free pair would
    taken = []
    for i in range(len(fitting)) if in_time is None else np.flatnonzero(in_time).tolist():
        if len(taken) > MAX_NAMED:
            break
        d = fitting[i]
        if d.id in taker:
            taken.append((d, taker[d.id].household))
        elif not (free_here[i] or (own_free and i == own_at)):
            taken.append((d, None))
    in_time_count = len(fitting) if in_time is None else int(in_time.sum())
    taken_count = in_time_count - free_count - own_free
    if free:
        return REASON_NOT_PLACED, say(lang, "not_placed", names=", ".join(d.id for d in free[:MAX_NAMED]))
    pair = _free_split(household, scenario, open_homes, times)
    if pair is not None:
        return REASON_NOT_PLACED, say(lang, "not_placed_split", main=pair[0].id, second=pair[1].id)
    sentence = _taken_sentence(household, members, scenario, taken, taken_count, lang, proven)
    return REASON_DWELLINGS_TAKEN, sentence


def _fits_whole_somewhere(household: Household, members: list[Person], scenario: Scenario) -> bool:
    """Some dwelling the household may be offered fits it whole (else only splits can house it)."""
    cache, (acc, key) = rules.fit_cache(scenario), rules.family_fit(household, scenario)
    if household.pinned_dwelling:
        return rules.fits_home(members, household, scenario.dwelling(household.pinned_dwelling), scenario)
    stock = rules.stock_by_key(scenario)
    return any(
        cache.fits_key(members, key, group[0], needs_accessible=acc, dwelling_group=dkey)
        for m in rules.allowed_municipalities(household, scenario)
        for dkey, group in stock.get(m, {}).items()
    )


class OpenHomes:
    """The homes of a list that the plan leaves open (nobody takes them, no referent stays in them),
    worked out once per list: every family of a kind asks about the same lists."""

    def __init__(self, blocked: set[str]):
        self.blocked = blocked
        self._open: dict[int, OpenList] = {}
        self._masks: dict[int, tuple[Fitting, np.ndarray]] = {}
        self.open_kinds: dict[tuple[str, rules.GroupKey], list[Dwelling]] = {}
        """Per municipality and group kind: its fitting homes the plan leaves open."""
        self.free_kinds: dict[tuple[str, rules.GroupKey, int | None], list[Dwelling]] = {}
        """Per municipality, group kind and arrival bucket: its first fitting homes free in time."""

    def _held(self, homes: list[Dwelling]) -> OpenList:
        held = self._open.get(id(homes))
        if held is None:  # the list is held here, so its id stays its own
            blocked = self.blocked
            mask = np.fromiter((d.id not in blocked for d in homes), dtype=bool, count=len(homes))
            held = self._open[id(homes)] = OpenList(homes, mask)
        return held

    def mask(self, fitting: Fitting) -> np.ndarray:
        """Which homes of the list are open, joined from its parts'."""
        known = self._masks.get(id(fitting.dwellings))
        if known is None:
            masks = [self._held(part).mask for part in fitting.parts]
            joined = masks[0] if len(masks) == 1 else np.concatenate(masks)
            known = self._masks[id(fitting.dwellings)] = (fitting, joined)
        return known[1]

    def positions(self, homes: list[Dwelling]) -> dict[str, int]:
        """Each home's place in the list, by id."""
        return self._held(homes).positions()

    def position(self, fitting: Fitting, dwelling_id: str | None) -> int | None:
        """Where a home stands in the list, if it is there."""
        if dwelling_id is None:
            return None
        offset = 0
        for part in fitting.parts:
            at = self._held(part).positions().get(dwelling_id)
            if at is not None:
                return offset + at
            offset += len(part)
        return None


@dataclass
class OpenList:
    """One list of homes: which are open, and (when asked) where each stands."""

    homes: list[Dwelling]
    mask: np.ndarray
    _positions: dict[str, int] | None = None

    def positions(self) -> dict[str, int]:
        """Each home's place in the list, by id."""
        if self._positions is None:
            self._positions = {d.id: i for i, d in enumerate(self.homes)}
        return self._positions


def _free_split(
    household: Household, scenario: Scenario, open_homes: OpenHomes, times: rules.HomeTimes
) -> tuple[Dwelling, Dwelling] | None:
    """Two homes the plan leaves free that would hold the household split (casus 4), if any.

    Under `split_when = no_home_in_plan` a family whose whole-family homes are all taken may still
    be split; a reason must not call its homes taken while such a pair stays free.
    """
    splits = rules.split_groups(household, scenario)
    if not splits:
        return None
    cache, stock = rules.fit_cache(scenario), rules.stock_by_key(scenario)
    current, pinned = household.current_dwelling, household.pinned_dwelling
    allowed = times.allowing(household)
    blocked, arrival = open_homes.blocked, times.arrival_bucket(household)

    def free(d: Dwelling) -> bool:
        open_ = d.id not in blocked or d.id == current
        return open_ and allowed(d)

    own_blocked = current is not None and current in blocked  # it counts as open for the family

    def free_of(m: str, group: list[Person], key: rules.GroupKey, acc: bool) -> list[Dwelling]:
        """The first two homes of municipality `m` that fit the group and are free for this family
        in time (a pair needs no more; a pinned family gets them all, its pin may come later).
        Shared by the families of one arrival bucket, asked per split and municipality."""
        if pinned:
            here = _fitting_here(m, group, key, acc, stock, cache, scenario).dwellings
            return [d for d in here if free(d)]
        found = open_homes.free_kinds.get((m, key, arrival))
        if found is None:
            open_here = open_homes.open_kinds.get((m, key))
            if open_here is None:
                here = _fitting_here(m, group, key, acc, stock, cache, scenario).dwellings
                open_here = open_homes.open_kinds[(m, key)] = [d for d in here if d.id not in blocked]
            found = open_homes.free_kinds[(m, key, arrival)] = list(islice(filter(allowed, open_here), PAIR))
        if own_blocked:
            here = _fitting_here(m, group, key, acc, stock, cache, scenario).dwellings
            at = open_homes.positions(here)
            if current in at and allowed(own := scenario.dwelling(current)):
                return sorted([*found, own], key=lambda d: at[d.id])[:PAIR]
        return found

    parts = _split_parts(household, splits, scenario)
    own_place = scenario.dwelling(current).municipality if current else None
    for m in rules.allowed_municipalities(household, scenario):
        for main, second, main_acc, second_acc, main_key, second_key in parts:
            at_home = _own_home_for(household, main, second, m, scenario) if m == own_place else NO_OWN_HOME
            mains = free_of(m, main, main_key, main_acc)
            if at_home.main or pinned:
                mains = [d for d in [*mains, *at_home.main] if free(d) and (not pinned or d.id == pinned)]
            if not mains:
                continue
            seconds = free_of(m, second, second_key, second_acc)
            for other in chain(seconds, (d for d in at_home.second if free(d))):
                first = next((d for d in mains if d.id != other.id), None)
                if first is not None:
                    return first, other
    return None


def _timing_sentence(
    household: Household,
    fitting: Fitting,
    scenario: Scenario,
    lang: Language,
    times: rules.HomeTimes,
) -> str:
    """The fitting home closest in time, and which limit it breaks."""
    policy = scenario.policy
    arrival = rules.likely_arrival(household, policy)
    closest = times.closest(household, fitting.dwellings, fitting.parts)
    free_from = times.available(closest)
    gap = rules.gap_days(arrival, free_from) or 0
    when = free_from.isoformat() if free_from else say(lang, "now")
    arrives = arrival.isoformat() if arrival else say(lang, "unknown")
    if gap > 0:
        limit = say(lang, "wait_limit", days=count(lang, policy.max_reception_wait_days or 0, "day"))
        relation = say(lang, "after_arrival", days=count(lang, gap, "day"), date=arrives)
    else:
        limit = say(lang, "vacancy_limit", days=count(lang, policy.max_vacancy_days or 0, "day"))
        relation = say(lang, "before_arrival", days=count(lang, -gap, "day"), date=arrives)
    homes = count(lang, len(fitting.dwellings), "fitting home")
    key = "not_in_time_one" if len(fitting.dwellings) == 1 else "not_in_time"
    return say(lang, key, homes=homes, dwelling=closest.id, when=when, relation=relation, limit=limit)


def _taken_sentence(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taken: list[tuple[Dwelling, str | None]],
    taken_count: int,
    lang: Language,
    proven: bool,
) -> str:
    size = len(members)
    parts = []
    for d, other in taken[:MAX_NAMED]:
        place = scenario.municipality(d.municipality).name
        if other is None:
            parts.append(say(lang, "stays", dwelling=d.id, place=place, occupant=scenario.occupant_of(d.id)))
            continue
        other_household = scenario.household(other)
        other_size = len(scenario.members(other))
        if proven:
            why = _why(household, other_household, size, other_size, d, scenario, lang)
        else:
            why = _why_first(household, other_household, other_size, d, scenario, lang)
        parts.append(say(lang, "went_to", dwelling=d.id, place=place, other=other, why=why))
    more = say(lang, "more", n=taken_count - MAX_NAMED) if taken_count > MAX_NAMED else ""
    key = "taken_one" if taken_count == 1 else "taken"
    pinned = any(
        other is not None and _pinned_to(scenario.household(other), d) for d, other in taken[:MAX_NAMED]
    )
    suffix = "_first" if not proven else ("_pinned" if pinned else "")
    return say(
        lang,
        key + suffix,
        homes=count(lang, taken_count, "fitting home"),
        parts="; ".join(parts),
        more=more,
        persons=count(lang, size, "person"),
    )


def _pinned_to(household: Household, d: Dwelling) -> bool:
    """The planner pinned this household to the dwelling or its municipality: pins come first."""
    return household.pinned_dwelling == d.id or household.pinned_municipality == d.municipality


def _why(
    household: Household,
    other: Household,
    size: int,
    other_size: int,
    d: Dwelling,
    scenario: Scenario,
    lang: Language,
) -> str:
    """Why the plan preferred the other household for this home, only as far as it is true.

    Its referent's own home (Q5), pinned, more persons, its own municipality; and when the two
    are equal on every objective count for this home, the tie order (v2): already in the
    Netherlands, waiting longer, the id.
    """
    persons = count(lang, other_size, "person")
    if settled := _why_settled(other, d, persons, lang):
        return settled
    if other_size > size:
        return say(lang, "why_more", persons=persons)
    own_here = rules.home_municipality(household, scenario) == d.municipality
    other_here = rules.home_municipality(other, scenario) == d.municipality
    if other_here and not own_here:
        return say(lang, "why_own", persons=persons)
    if other_size != size or other_here != own_here or not _same_count(household, other, d, scenario):
        return say(lang, "why_plain", persons=persons)
    ranks = rules.housing_ranks(scenario)
    mine, theirs = ranks[household.id], ranks[other.id]
    if theirs.still_to_arrive != mine.still_to_arrive:
        return say(lang, "why_here" if not theirs.still_to_arrive else "why_plain", persons=persons)
    if (theirs.undated, theirs.waiting_since) < (mine.undated, mine.waiting_since):
        return say(lang, "why_longer", persons=persons, date=theirs.waiting_since.isoformat())
    if (theirs.undated, theirs.waiting_since) == (mine.undated, mine.waiting_since) and theirs.id < mine.id:
        return say(lang, "why_id", persons=persons)
    return say(lang, "why_plain", persons=persons)


def _why_first(
    household: Household, other: Household, other_size: int, d: Dwelling, scenario: Scenario, lang: Language
) -> str:
    """Why the other came first in a first-come-first-served plan: pinned, or the tie order."""
    persons = count(lang, other_size, "person")
    if settled := _why_settled(other, d, persons, lang):
        return settled
    ranks = rules.housing_ranks(scenario)
    mine, theirs = ranks[household.id], ranks[other.id]
    if rules.is_pinned(household) or not theirs < mine:
        return say(lang, "why_plain", persons=persons)
    if theirs.still_to_arrive != mine.still_to_arrive:
        return say(lang, "why_here", persons=persons)
    if (theirs.undated, theirs.waiting_since) < (mine.undated, mine.waiting_since):
        return say(lang, "why_longer", persons=persons, date=theirs.waiting_since.isoformat())
    return say(lang, "why_id", persons=persons)


def _why_settled(other: Household, d: Dwelling, persons: str, lang: Language) -> str | None:
    """What decides before any count: the taker joins its referent there (Q5), or was pinned."""
    if rules.in_own_home(other, d):
        return say(lang, "why_joins", persons=persons)
    if _pinned_to(other, d):
        return say(lang, "why_pinned", persons=persons)
    return None


def _same_count(household: Household, other: Household, d: Dwelling, scenario: Scenario) -> bool:
    """Both would count as many persons for the quota in this home."""
    policy = scenario.policy
    if rules.counts_next_period(d, policy):
        return True
    mine = rules.quota_counts(scenario.members(household.id), household)
    return mine == rules.quota_counts(scenario.members(other.id), other)


def _key(persons: list[Person], household: Household, scenario: Scenario) -> rules.GroupKey:
    """The group's fit key with its own step-free need."""
    return rules.group_fit(persons, household, scenario.policy).key


def _split_sentence(
    household: Household, candidates: list[Dwelling], scenario: Scenario, lang: Language
) -> str:
    """Why no split over two homes in one municipality fits (casus 4), naming what fails."""
    splits = rules.split_groups(household, scenario)
    if not splits:
        return ""
    main, second = max(splits, key=lambda s: len(s[1]))
    adults = say(lang, "adult_apart") if len(second) == 1 else say(lang, "adults_apart", n=len(second))
    places: list[str] = []
    nearest: tuple[int, list] | None = None
    by_place: dict[str, list[Dwelling]] = {}
    for d in candidates:
        by_place.setdefault(d.municipality, []).append(d)
    keys, policy = rules.dwelling_keys(scenario), scenario.policy
    second_acc = rules.needs_step_free(second, household)
    main_acc, main_key = rules.group_fit(main, household, policy)
    cache = rules.fit_cache(scenario)

    def holds_main(d: Dwelling) -> bool:  # fits_home, asked once per kind of home but the own home
        if rules.in_own_home(household, d):
            return rules.fits_home(main, household, d, scenario)
        return cache.fits_key(main, main_key, d, needs_accessible=main_acc, dwelling_group=keys[d.id])

    misfits: dict[rules.DwellingKey, int] = {}  # how many rules a kind of home breaks for `second`
    for m, homes in by_place.items():
        mains = [d for d in homes if holds_main(d)]
        if not mains:
            continue
        places.append(scenario.municipality(m).name)
        for d in homes:
            if nearest is not None and nearest[0] == 0:
                break
            if d.id == mains[0].id and len(mains) == 1:
                continue
            key = keys[d.id]
            if key not in misfits:
                misfits[key] = len(rules.fit_problems(second, d, policy, needs_accessible=second_acc))
            if nearest is None or misfits[key] < nearest[0]:
                problems = rules.fit_problems(second, d, policy, needs_accessible=second_acc)
                nearest = (len(problems), problems)
    if not places:
        return say(lang, "split_no_main", adults=adults)
    problem = ""
    if nearest and nearest[1]:
        problem = " (" + "; ".join(fit_problem_text(lang, p, scenario.policy) for p in nearest[1]) + ")"
    return say(lang, "split_no_second", adults=adults, places=", ".join(places), problem=problem)


def _blockers(household: Household, members: list[Person], scenario: Scenario, lang: Language) -> str:
    """What stops every reachable home from fitting, most basic rule first."""
    policy = scenario.policy
    size = len(members)
    candidates = _candidates(household, scenario)
    split = _split_sentence(household, candidates, scenario, lang) if candidates else ""
    if not split and rules.may_split(household, scenario):
        split = say(lang, "split_note")
    acc = rules.needs_step_free(members, household)
    if household.pinned_dwelling:
        d = candidates[0]
        if d.municipality not in rules.allowed_municipalities(household, scenario):
            place = scenario.municipality(d.municipality).name
            return say(lang, "pinned_out_of_reach", dwelling=d.id, place=place)
        problems = rules.fit_problems(
            members, d, policy, needs_accessible=acc, check_rent=not rules.in_own_home(household, d)
        )
        text = "; ".join(fit_problem_text(lang, p, policy) for p in problems)
        return say(lang, "pinned_misfit", dwelling=d.id, problems=text, split=split)
    if not candidates:
        reach = rules.reachable_municipalities(household, scenario)
        names = ", ".join(scenario.municipality(m).name for m in reach)
        return say(lang, "no_dwellings", names=names, split=split)
    by_key: dict[tuple, set[str]] = {}
    problems: dict[str, set[str]] = {}
    keys = rules.dwelling_keys(scenario)
    for d in candidates:
        key = keys[d.id]
        if key not in by_key:
            found = rules.fit_problems(members, d, policy, needs_accessible=acc)
            by_key[key] = {p.code for p in found}
        problems[d.id] = by_key[key]
    need = rules.needed_bedrooms(members, policy)
    homes = [d for d in candidates if d.kind != "room"]
    large = [d for d in candidates if not problems[d.id] & {"occupants", "bedrooms", "room"}]
    if not large:
        if not homes:
            return say(lang, "only_rooms", size=size, split=split)
        most = max(d.bedrooms for d in homes)
        if most < need:
            most_text = count(lang, most, "bedroom")
            return say(lang, "largest_bedrooms", most=most_text, need=need, split=split)
        most_people = max(d.max_occupants for d in homes if d.bedrooms >= need)
        return say(lang, "too_many_people", need=need, most=most_people, size=size, split=split)
    step_free = [d for d in large if "accessible" not in problems[d.id]]
    if not step_free:
        key = "not_step_free_one" if len(large) == 1 else "not_step_free"
        return say(lang, key, homes=count(lang, len(large), "home"), split=split)
    big = policy.rent_large_from_persons
    group = say(lang, "group_large", n=big) if size >= big else say(lang, "group_small", n=big - 1)
    if rules.is_young_group(members, policy):
        group = say(lang, "group_young", low=policy.adult_age, high=policy.young_max_age)
    limit = money(lang, rules.rent_limit(members, policy))
    key = "rent_one" if len(step_free) == 1 else "rent_all"
    return say(lang, key, n=len(step_free), limit=limit, group=group, split=split)
