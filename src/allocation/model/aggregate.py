"""Classes of interchangeable households and types of interchangeable dwellings, per component.

Households that the rules cannot tell apart (same reach, home, groups, quota effect, vacated home
type) form one class with an integer count; dwellings likewise form types per municipality. Pins
and occupied homes make a household or dwelling unique where they must. In a re-plan, households
whose previous homes are of one type share a class: any member can be kept in its own previous
home. Each of its options gets a staying twin whose main group fits only that type, so keeping a
member is one more placement of the network, and `changes` counts them (objectives.changes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from allocation import rules
from allocation.rules.order import housing_order
from allocation.rules.timing import TIME_TERMS
from allocation.scenario import Household, Person, Scenario

__all__ = ["Aggregation", "Component", "DwellingType", "HouseholdClass", "Option", "Profile", "aggregate"]
# `housing_order` stays importable from here for older callers; the rule lives in rules.order.


OWN_HOME = "own:"
"""Marks the profile of a split part that stays in its referent's current home (`own:` + household)."""


class Profile(NamedTuple):
    """A group's identity as the model sees it: what fit, pins, time and quota can tell apart."""

    size: int
    bedrooms: int
    step_free: bool
    young: bool
    reserved: str | None
    """Household whose pinned dwelling this group (the main group) is kept for."""
    arrival: int | None
    """Arrival bucket when planning with time."""
    counted: int
    """Persons counting for the quota, when the quota period ends (else 0: counted per option)."""
    mover: str | None = None
    """With a reception wait limit: the household whose referent this group moves out of a home
    (its takes tell when that home is free, constraints.release)."""
    stays: tuple | None = None
    """In a re-plan: the identity of the type of the main group's previous home; such a group fits
    that type only and takes its own previous home again (objectives.changes)."""

    @property
    def fit(self) -> rules.GroupKey:
        """The part the fit rules look at."""
        return rules.GroupKey(self.size, self.bedrooms, self.step_free, self.young)


@dataclass(frozen=True)
class Option:
    """One way to house a class member: the whole family, or a split into main and second group."""

    profiles: tuple[Profile, ...]
    quota: tuple[int, ...]

    @property
    def split(self) -> bool:
        return len(self.profiles) == 2


@dataclass
class HouseholdClass:
    """Households the model treats as interchangeable; `households` is the housing order."""

    id: int
    households: list[str]
    size: int
    home: str
    reach: tuple[str, ...]
    anchor: str
    options: tuple[Option, ...]
    pinned: bool
    vacates: tuple | None
    groups: dict[str, list[tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    """Per household, per option: the person ids of each group (main group first)."""
    ranks: list[int] = field(default_factory=list)
    """Each household's place in the tie order among all households to house (rules.order)."""
    previous: dict[str, str] = field(default_factory=dict)
    """In a re-plan: member -> the home the previous plan gave its main group."""
    previous_type: int | None = None
    """The dwelling type of every member's previous home, when each may take it again (all
    members' homes are of this type, so any member placed in a staying option gets its own)."""
    previous_second: dict[str, str] = field(default_factory=dict)
    """In a re-plan: member -> the second home of its split in the previous plan."""
    previous_second_type: int | None = None
    """The dwelling type of every member's previous second home; a staying split keeps both."""


@dataclass
class DwellingType:
    """Dwellings of one municipality the rules cannot tell apart, in id order."""

    id: int
    municipality: str
    key: tuple
    reserved_for: str | None
    vacated_by: int | None
    dwellings: list[str]
    max_occupants: int
    available: int | None = None
    """Availability bucket when planning with time (None: available now, or time not planned)."""
    next_period: bool = False
    """Free after quota_period_end: its persons count for the next period (Q10)."""
    previous_of: str | None = None
    """In a re-plan: the household the previous plan gave this vacated home to (a home a moving
    referent leaves is free only when that referent moves, so it is kept a type of its own)."""


@dataclass
class Component:
    """Municipalities linked by households' reach; solved independently of all others."""

    municipalities: list[str]
    classes: list[HouseholdClass] = field(default_factory=list)
    types: list[DwellingType] = field(default_factory=list)
    fits: dict[tuple[Profile, int], bool] = field(default_factory=dict)
    """(profile, type) pairs where the group fits in time; pairs that do not fit are left out."""

    @cached_property
    def class_index(self) -> dict[int, HouseholdClass]:
        """Classes by id, for lookups from model variables."""
        return {c.id: c for c in self.classes}

    @cached_property
    def type_index(self) -> dict[int, DwellingType]:
        """Dwelling types by id, for lookups from model variables."""
        return {t.id: t for t in self.types}


@dataclass
class Aggregation:
    """The scenario seen by the model: fixed joins and independent components."""

    joins: list[str]
    components: list[Component]


def aggregate(
    scenario: Scenario,
    previous: Mapping[str, str] | None = None,
    previous_second: Mapping[str, str] | None = None,
) -> Aggregation:
    """Fix woningcheck joins, then group the other households and the free stock into components.

    `previous` (household -> dwelling, a re-plan) puts households whose previous homes are of one
    type in classes of their own, so the `changes` term can count who keeps the home it had;
    `previous_second` (household -> a split's second home) likewise for the second address.
    """
    policy = scenario.policy
    timed = rules.timing_active(policy)
    waits = timed and policy.max_reception_wait_days is not None
    wanted = [h for h in scenario.households if not rules.is_refused(h)]
    joins = [h.id for h in wanted if rules.joins_referent(h, scenario)]
    joined_homes = {scenario.household(h).current_dwelling for h in joins}
    # A refused family's referent stays in the home (nobody arrives): it is not stock either.
    joined_homes |= {
        h.current_dwelling for h in scenario.households if rules.is_refused(h) and h.current_dwelling
    }
    joined = set(joins)
    movers = sorted((h for h in wanted if h.id not in joined), key=lambda h: housing_order(h, policy))
    period = policy.quota_period_end is not None
    pinned_dwellings = {
        h.pinned_dwelling: h.id for h in movers if h.pinned_dwelling and _pin_can_hold(h, scenario)
    }
    mover_ids = {h.id for h in movers}
    stock_ids = {d.id for d in scenario.dwellings} - joined_homes
    previous_of = {d: h for h, d in (previous or {}).items() if h in mover_ids and d in stock_ids}
    kept_home = {h: d for d, h in previous_of.items()}
    lived_in = {h.current_dwelling for h in movers if h.current_dwelling}
    vacated_previous = {d: h for d, h in previous_of.items() if d in lived_in}

    buckets = MergedWeeks.of(scenario, movers, stock_ids) if timed else None
    representatives: dict[Profile, tuple[list[Person], bool]] = {}

    def profile(persons: list[Person], household: Household, main: bool, own: bool = False) -> Profile:
        step_free = rules.needs_step_free(persons, household)
        key = rules.group_key(persons, policy, needs_accessible=step_free)
        reserved = household.id if (main and household.pinned_dwelling) else None
        if own:
            reserved, main = OWN_HOME + household.id, False
        arrival = rules.bucket(rules.likely_arrival(household, policy), policy) if timed else None
        if buckets is not None:
            arrival = buckets.arrival(arrival)
        counted = rules.quota_counts(persons, household) if period else 0
        mover = household.id if (waits and main and household.current_dwelling) else None
        prof = Profile(*key, reserved, arrival, counted, mover)
        representatives.setdefault(prof, (persons, step_free))
        return prof

    def dwelling_identity(dwelling_id: str) -> tuple:
        d = scenario.dwelling(dwelling_id)
        available = rules.bucket(rules.available_date(d, policy), policy) if timed else None
        if buckets is not None:
            available = buckets.available(available)
        later = rules.counts_next_period(d, policy)
        pinned = pinned_dwellings.get(d.id)
        return (
            d.municipality,
            rules.dwelling_key(d, policy),
            pinned,
            available,
            later,
            vacated_previous.get(d.id),
        )

    parent = {m.code: m.code for m in scenario.municipalities}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    class_of_key: dict[tuple, HouseholdClass] = {}
    classes: list[HouseholdClass] = []
    keepable: set[int] = set()
    for rank, h in enumerate(movers):
        reach = tuple(rules.allowed_municipalities(h, scenario))
        members = scenario.members(h.id)
        options: list[Option] = []
        groups: list[tuple[tuple[str, ...], ...]] = []
        seen: set[Option] = set()
        candidates = [(members, None, None), *_own_home_splits(h, scenario)]
        candidates += [(main, second, None) for main, second in rules.split_groups(h, scenario)]
        for main, second, at_home in candidates:
            parts = [main] if second is None else [main, second]
            opt = Option(
                profiles=tuple(profile(g, h, i == 0, own=i == at_home) for i, g in enumerate(parts)),
                quota=tuple(rules.quota_counts(g, h) for g in parts),
            )
            if opt in seen:
                continue
            seen.add(opt)
            options.append(opt)
            groups.append(tuple(tuple(p.id for p in g) for g in parts))
        before = kept_home.get(h.id)
        in_reach = before is not None and scenario.dwelling(before).municipality in reach
        before_type = dwelling_identity(before) if in_reach else None
        second = (previous_second or {}).get(h.id) if before_type is not None else None
        if (
            second not in stock_ids
            or second in (h.current_dwelling, before)
            or scenario.dwelling(second).municipality not in reach
        ):
            second = None  # only a home still in the stock and the reach is kept, not the own home
        second_type = dwelling_identity(second) if second is not None else None
        if before_type is not None:
            options, groups = _with_staying(options, groups, before_type, representatives, second_type)
        vacates = dwelling_identity(h.current_dwelling) if h.current_dwelling else None
        key = (
            h.municipality,
            reach,
            rules.home_municipality(h, scenario),
            len(members),
            tuple(options),
            vacates,
            h.pinned_dwelling,
            h.pinned_municipality,
            before_type,
            second_type,
        )
        cls = class_of_key.get(key)
        if cls is None:
            cls = HouseholdClass(
                id=len(classes),
                households=[],
                size=len(members),
                home=key[2],
                anchor=h.municipality,
                reach=reach,
                options=tuple(options),
                pinned=rules.is_pinned(h),
                vacates=vacates,
            )
            class_of_key[key] = cls
            classes.append(cls)
        cls.households.append(h.id)
        cls.ranks.append(rank)
        cls.groups[h.id] = groups
        if before:
            cls.previous[h.id] = before
            if before_type is not None:
                keepable.add(cls.id)
            if second is not None:
                cls.previous_second[h.id] = second
        linked = [h.municipality, *reach] + ([vacates[0]] if vacates else [])
        for m in linked[1:]:
            parent[find(m)] = find(linked[0])

    vacating_class = {
        scenario.household(hid).current_dwelling: cls.id for cls in classes for hid in cls.households
    }
    type_of_key: dict[tuple, DwellingType] = {}
    type_of_dwelling: dict[str, int] = {}
    types: list[DwellingType] = []
    for d in sorted(scenario.dwellings, key=lambda d: d.id):
        if d.id in joined_homes:
            continue
        key = (*dwelling_identity(d.id), vacating_class.get(d.id))
        t = type_of_key.get(key)
        if t is None:
            t = DwellingType(
                id=len(types),
                municipality=d.municipality,
                key=key[1],
                reserved_for=key[2],
                vacated_by=key[6],
                dwellings=[],
                max_occupants=d.max_occupants,
                available=key[3],
                next_period=key[4],
                previous_of=key[5],
            )
            type_of_key[key] = t
            types.append(t)
        t.dwellings.append(d.id)
        type_of_dwelling[d.id] = t.id
    for cls in classes:
        if cls.id in keepable:  # the class key holds the type: every member's home is of it
            cls.previous_type = type_of_dwelling[cls.previous[cls.households[0]]]
            if cls.previous_second:  # likewise for a split's second home (the key holds its type)
                cls.previous_second_type = type_of_dwelling[cls.previous_second[cls.households[0]]]

    by_root: dict[str, Component] = {}
    for m in scenario.municipalities:
        by_root.setdefault(find(m.code), Component(municipalities=[])).municipalities.append(m.code)
    for cls in classes:
        by_root[find(cls.anchor)].classes.append(cls)
    for t in types:
        by_root[find(t.municipality)].types.append(t)
    components = [c for c in by_root.values() if c.classes]
    for comp in components:
        _fill_fits(comp, representatives, scenario)
        _fill_staying_fits(comp, representatives, scenario)
    return Aggregation(joins=joins, components=components)


class MergedWeeks(NamedTuple):
    """Arrival and availability weeks merged where the vacancy limit cannot tell them apart.

    With only the vacancy limit in play (no reception wait limit, no wait or vacancy term), a
    group of arrival week a fits a home free from week b exactly when a - b <= hold (the limit in
    weeks). Every family arriving by the first free week plus the hold fits every home, and every
    home free from the last arrival week minus the hold fits every family: clamping both to those
    weeks keeps each pair's answer and merges profiles and dwelling types that differ only there.
    """

    first_free: int
    last_arrival: int
    hold: int

    @classmethod
    def of(cls, scenario: Scenario, movers: list[Household], stock: set[str]) -> MergedWeeks | None:
        """The clamp, when the limit is all that dates decide (else None: days count in terms)."""
        policy = scenario.policy
        limit = policy.max_vacancy_days
        if limit is None or policy.max_reception_wait_days is not None:
            return None
        if set(policy.objective_order) & TIME_TERMS:
            return None
        arrivals = [rules.bucket(rules.likely_arrival(h, policy), policy) for h in movers]
        frees = [rules.bucket(rules.available_date(scenario.dwelling(d), policy), policy) for d in stock]
        known_arrivals = [a for a in arrivals if a is not None]
        known_frees = [b for b in frees if b is not None]
        if not known_arrivals or not known_frees:
            return None
        return cls(min(known_frees), max(known_arrivals), limit // policy.time_bucket_days)

    def arrival(self, week: int | None) -> int | None:
        return None if week is None else max(week, self.first_free + self.hold)

    def available(self, week: int | None) -> int | None:
        return None if week is None else min(week, max(self.last_arrival - self.hold, self.first_free))


def _with_staying(
    options: list[Option],
    groups: list[tuple[tuple[str, ...], ...]],
    home_type: tuple,
    representatives: dict[Profile, tuple[list[Person], bool]],
    second_type: tuple | None = None,
) -> tuple[list[Option], list[tuple[tuple[str, ...], ...]]]:
    """The options with a staying twin of each: the same groups, the main group in its previous
    home (not for a part that stays in the referent's own home, which is no kept home), and a
    split's second group in its previous second home when it had one."""
    twins, twin_groups = [], []
    for opt, persons in zip(options, groups, strict=True):
        main = opt.profiles[0]
        if main.reserved is not None and main.reserved.startswith(OWN_HOME):
            continue
        staying = [main._replace(stays=home_type), *opt.profiles[1:]]
        if opt.split and second_type is not None and not _own_part(opt.profiles[1]):
            staying[1] = opt.profiles[1]._replace(stays=second_type)
        for twin, group in zip(staying, opt.profiles, strict=True):
            representatives.setdefault(twin, representatives[group])
        twins.append(Option(profiles=tuple(staying), quota=opt.quota))
        twin_groups.append(persons)
    return options + twins, groups + twin_groups


def _own_part(profile: Profile) -> bool:
    """The split part that stays in its referent's current home."""
    return profile.reserved is not None and profile.reserved.startswith(OWN_HOME)


def _own_home_splits(
    household: Household, scenario: Scenario
) -> list[tuple[list[Person], list[Person], int]]:
    """Splits with one part staying in the referent's current home (casus 4, Q5): that part is
    checked without the rent limit, as a join is (no new allocation), and, like a join, without
    the time limits (the referent is there). Index 0: the main group stays, 1: the adults who
    split off stay. A pin keeps the main group at the pinned home: pinned to the own home, the
    main group stays; pinned elsewhere, only the adults who split off may stay."""
    home = household.current_dwelling
    if not home:
        return []
    own = scenario.dwelling(home)
    if household.pinned_municipality and own.municipality != household.pinned_municipality:
        return []
    allowed = (0, 1)
    if household.pinned_dwelling:
        allowed = (0,) if household.pinned_dwelling == home else (1,)
    out = []
    for main, second in rules.split_groups(household, scenario):
        for at_home, group in enumerate((main, second)):
            if at_home in allowed and rules.fits_home(group, household, own, scenario):
                out.append((main, second, at_home))
    return out


def _pin_can_hold(household: Household, scenario: Scenario) -> bool:
    """The pinned dwelling fits the family (or the main group of an allowed split) in time.

    Only then is it kept for the household; a pin that cannot hold leaves the home to others.
    """
    policy = scenario.policy
    home = scenario.dwelling(household.pinned_dwelling or "")
    members = scenario.members(household.id)
    groups = [members] + [main for main, _ in rules.split_groups(household, scenario)]
    return rules.in_time(household, home, policy) and any(
        rules.fits_home(g, household, home, scenario) for g in groups
    )


def _fill_fits(
    comp: Component, representatives: dict[Profile, tuple[list[Person], bool]], scenario: Scenario
) -> None:
    """Ask the rules whether each profile's group fits each dwelling type (only fits are kept).

    The fit rules see a group's fit key and a type's dwelling key, the time limits only the two
    buckets: each is asked once per pair of what it sees, not once per profile and type.
    """
    policy = scenario.policy
    fitting: dict[str, dict[tuple, list[Profile]]] = defaultdict(lambda: defaultdict(list))
    own_profiles: dict[str, set[Profile]] = defaultdict(set)
    for cls in comp.classes:
        for opt in cls.options:
            for prof in opt.profiles:
                if prof.stays is not None:
                    continue  # _fill_staying_fits
                if prof.reserved is not None and prof.reserved.startswith(OWN_HOME):
                    for m in cls.reach:
                        own_profiles[m].add(prof)
                    continue
                needs_accessible = representatives[prof][1]
                for m in cls.reach:
                    fitting[m][(prof.reserved, prof.fit, needs_accessible)].append(prof)
    for by_fit in fitting.values():
        for key, profiles in by_fit.items():
            by_fit[key] = list(dict.fromkeys(profiles))
    cache = rules.fit_cache(scenario)
    in_time: dict[tuple[int | None, int | None], bool] = {}
    cls_of_own = {OWN_HOME + h: c.id for c in comp.classes for h in c.households}
    for t in comp.types:
        sample = scenario.dwelling(t.dwellings[0])
        for prof in own_profiles.get(t.municipality, ()):
            if t.vacated_by != cls_of_own.get(prof.reserved or ""):
                continue
            persons, _ = representatives[prof]
            household = scenario.household((prof.reserved or "").removeprefix(OWN_HOME))
            home = scenario.dwelling(household.current_dwelling or "")
            if rules.fits_home(persons, household, home, scenario):
                comp.fits[(prof, t.id)] = True
        for (reserved, fit, needs_accessible), profiles in fitting.get(t.municipality, {}).items():
            if reserved != t.reserved_for:
                continue
            persons = representatives[profiles[0]][0]
            if not cache.fits_key(
                persons, fit, sample, needs_accessible=needs_accessible, dwelling_group=t.key
            ):
                continue
            for prof in profiles:
                pair = (prof.arrival, t.available)
                allowed = in_time.get(pair)
                if allowed is None:
                    gap = rules.bucket_gap_days(prof.arrival, t.available, policy)
                    allowed = in_time[pair] = rules.timing_allowed(gap, policy)
                if allowed:
                    comp.fits[(prof, t.id)] = True


def _fill_staying_fits(
    comp: Component, representatives: dict[Profile, tuple[list[Person], bool]], scenario: Scenario
) -> None:
    """A staying main group fits its previous home's type only, when the rules let it fit there."""
    cache = rules.fit_cache(scenario)
    for cls in comp.classes:
        for index, type_id in enumerate((cls.previous_type, cls.previous_second_type)):
            t = comp.type_index.get(type_id) if type_id is not None else None
            if t is not None:
                _fill_staying_type(comp, cls, index, t, representatives, scenario, cache)


def _fill_staying_type(
    comp: Component,
    cls: HouseholdClass,
    index: int,
    t: DwellingType,
    representatives: dict[Profile, tuple[list[Person], bool]],
    scenario: Scenario,
    cache: rules.FitCache,
) -> None:
    """Group `index` (0 main, 1 a split's second) of each staying option fits its previous type."""
    sample = scenario.dwelling(t.dwellings[0])
    for opt in cls.options:
        if len(opt.profiles) > index:
            prof = opt.profiles[index]
            if prof.stays is None or prof.reserved != t.reserved_for:
                continue
            persons, needs_accessible = representatives[prof]
            gap = rules.bucket_gap_days(prof.arrival, t.available, scenario.policy)
            if rules.timing_allowed(gap, scenario.policy) and cache.fits_key(
                persons, prof.fit, sample, needs_accessible=needs_accessible, dwelling_group=t.key
            ):
                comp.fits[(prof, t.id)] = True
