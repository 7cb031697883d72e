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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from allocation import rules
from allocation.rules.timing import TIME_TERMS
from allocation.scenario import Household, Person, Scenario

__all__ = ["Aggregation", "Component", "DwellingType", "HouseholdClass", "Option", "Profile", "aggregate"]


Groups = tuple[tuple[str, ...], ...]
"""The person ids of each group of an option (main group first)."""


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
    stays: DwellingIdentity | None = None
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
    vacates: DwellingIdentity | None
    """The identity of the home the household's referent leaves when it moves."""
    groups: dict[str, list[Groups]] = field(default_factory=dict)
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
    wanted = _households(scenario)
    stock = {d.id for d in scenario.dwellings} - wanted.joined_homes
    kept = _KeptHomes.of(wanted.movers, stock, previous or {}, previous_second or {})
    ids = _Identities.of(scenario, wanted.movers, stock, kept)
    regions = _Regions(m.code for m in scenario.municipalities)
    classes, keepable = _classes(scenario, wanted.movers, ids, kept, regions)
    types, type_of_dwelling = _dwelling_types(scenario, wanted.joined_homes, ids, classes)
    for cls in classes:
        if cls.id in keepable:  # the class key holds the type: every member's home is of it
            cls.previous_type = type_of_dwelling[cls.previous[cls.households[0]]]
            if cls.previous_second:  # likewise for a split's second home (the key holds its type)
                cls.previous_second_type = type_of_dwelling[cls.previous_second[cls.households[0]]]
    components = _components(scenario, regions, classes, types)
    for comp in components:
        _fill_fits(comp, ids.representatives, scenario)
        _fill_staying_fits(comp, ids.representatives, scenario)
    return Aggregation(joins=wanted.joins, components=components)


class _Wanted(NamedTuple):
    """Who needs a home: the woningcheck joins (and the homes they keep), and the movers in tie order."""

    joins: list[str]
    joined_homes: set[str | None]
    """Homes a family joins its referent in, and those of refused families' referents: not stock."""
    movers: list[Household]


def _households(scenario: Scenario) -> _Wanted:
    """Refused families need no home; joins stay with their referent; the rest move, in tie order."""
    wanted = [h for h in scenario.households if not rules.is_refused(h)]
    joins = [h.id for h in wanted if rules.joins_referent(h, scenario)]
    joined_homes = {scenario.household(h).current_dwelling for h in joins}
    # A refused family's referent stays in the home (nobody arrives): it is not stock either.
    joined_homes |= {
        h.current_dwelling for h in scenario.households if rules.is_refused(h) and h.current_dwelling
    }
    joined = set(joins)
    ranks = rules.housing_ranks(scenario)
    movers = sorted((h for h in wanted if h.id not in joined), key=lambda h: ranks[h.id])
    return _Wanted(joins, joined_homes, movers)


class _KeptHomes(NamedTuple):
    """In a re-plan: the homes the previous plan gave movers that are still stock."""

    home_of: dict[str, str]
    """Household -> its previous home."""
    vacated: dict[str, str]
    """A previous home that a mover's referent lives in -> the household it was given to."""
    second_of: Mapping[str, str]
    """Household -> the second home of its split in the previous plan (as given)."""
    stock: set[str]
    """The dwellings that are stock (not joined): only those can be kept."""

    @classmethod
    def of(
        cls, movers: list[Household], stock: set[str], previous: Mapping[str, str], second: Mapping[str, str]
    ) -> _KeptHomes:
        mover_ids = {h.id for h in movers}
        previous_of = {d: h for h, d in previous.items() if h in mover_ids and d in stock}
        lived_in = {h.current_dwelling for h in movers if h.current_dwelling}
        vacated = {d: h for d, h in previous_of.items() if d in lived_in}
        return cls({h: d for d, h in previous_of.items()}, vacated, second, stock)


class DwellingIdentity(NamedTuple):
    """What tells dwellings apart for the model; equal identities (and vacating class) make one type."""

    municipality: str
    key: tuple
    """What the fit rules see (rules.dwelling_key)."""
    reserved_for: str | None
    """The household whose pin holds this home."""
    available: int | None
    """Availability bucket when planning with time."""
    next_period: bool
    """Free after quota_period_end (Q10)."""
    previous_of: str | None
    """In a re-plan, for a home a moving referent leaves: the household it was given to."""


@dataclass
class _Identities:
    """Profiles of groups and identities of dwellings under one scenario's rules, and a group of
    persons to represent each profile (the fit rules are asked about it)."""

    scenario: Scenario
    timed: bool
    buckets: MergedWeeks | None
    pinned_dwellings: dict[str, str]
    kept: _KeptHomes
    representatives: dict[Profile, tuple[list[Person], bool]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, scenario: Scenario, movers: list[Household], stock: set[str], kept: _KeptHomes
    ) -> _Identities:
        timed = rules.timing_active(scenario.policy)
        pinned = {h.pinned_dwelling: h.id for h in movers if h.pinned_dwelling and _pin_can_hold(h, scenario)}
        buckets = MergedWeeks.of(scenario, movers, stock) if timed else None
        return cls(scenario, timed, buckets, pinned, kept)

    def profile(
        self, persons: list[Person], household: Household, main: bool, own: bool = False, whole: bool = False
    ) -> Profile:
        """The group's profile; `own`: the split part that stays in the referent's current home;
        `whole`: the group is the whole family (its fit key is asked once per scenario)."""
        policy = self.scenario.policy
        if whole:
            step_free, key = rules.family_fit(household, self.scenario)
        else:
            step_free, key = rules.group_fit(persons, household, policy)
        reserved = household.id if (main and household.pinned_dwelling) else None
        if own:
            reserved, main = OWN_HOME + household.id, False
        arrival = rules.bucket(rules.likely_arrival(household, policy), policy) if self.timed else None
        if self.buckets is not None:
            arrival = self.buckets.arrival(arrival)
        counted = rules.quota_counts(persons, household) if policy.quota_period_end is not None else 0
        waits = self.timed and policy.max_reception_wait_days is not None
        mover = household.id if (waits and main and household.current_dwelling) else None
        prof = Profile(*key, reserved, arrival, counted, mover)
        self.representatives.setdefault(prof, (persons, step_free))
        return prof

    def dwelling(self, dwelling_id: str) -> DwellingIdentity:
        """The dwelling's identity."""
        policy = self.scenario.policy
        d = self.scenario.dwelling(dwelling_id)
        available = rules.bucket(rules.available_date(d, policy), policy) if self.timed else None
        if self.buckets is not None:
            available = self.buckets.available(available)
        return DwellingIdentity(
            d.municipality,
            rules.dwelling_keys(self.scenario)[d.id],
            self.pinned_dwellings.get(d.id),
            available,
            rules.counts_next_period(d, policy),
            self.kept.vacated.get(d.id),
        )


class _Regions:
    """Municipalities linked by households' reach (union-find): each root is one component."""

    def __init__(self, municipalities: Iterable[str]):
        self.parent = {m: m for m in municipalities}
        self._linked: set[tuple[str, ...]] = set()

    def find(self, municipality: str) -> str:
        parent = self.parent
        while parent[municipality] != municipality:
            parent[municipality] = parent[parent[municipality]]
            municipality = parent[municipality]
        return municipality

    def link(self, municipalities: tuple[str, ...]) -> None:
        """These municipalities are one component from now on (households share a few reaches:
        linking a set again changes nothing, so it is skipped)."""
        if municipalities in self._linked:
            return
        self._linked.add(municipalities)
        for m in municipalities[1:]:
            self.parent[self.find(m)] = self.find(municipalities[0])


class ClassKey(NamedTuple):
    """What tells movers apart for the model: movers with equal keys form one class."""

    anchor: str
    reach: tuple[str, ...]
    home: str
    size: int
    options: tuple[Option, ...]
    vacates: DwellingIdentity | None
    pinned_dwelling: str | None
    pinned_municipality: str | None
    previous_type: DwellingIdentity | None
    previous_second_type: DwellingIdentity | None


class _Previous(NamedTuple):
    """A mover's previous homes in a re-plan, and their identities when it may keep them."""

    home: str | None
    home_type: DwellingIdentity | None
    second: str | None
    second_type: DwellingIdentity | None


def _classes(
    scenario: Scenario, movers: list[Household], ids: _Identities, kept: _KeptHomes, regions: _Regions
) -> tuple[list[HouseholdClass], set[int]]:
    """The movers grouped into classes, in tie order within each, linking their municipalities; and
    the classes whose members may keep their previous homes."""
    class_of_key: dict[ClassKey, HouseholdClass] = {}
    classes: list[HouseholdClass] = []
    keepable: set[int] = set()
    for rank, h in enumerate(movers):
        reach = rules.allowed_municipalities(h, scenario)
        members = scenario.members(h.id)
        options, groups = _options(h, members, scenario, ids)
        before = _previous(h, reach, scenario, ids, kept)
        if before.home_type is not None:
            options, groups = _with_staying(
                options, groups, before.home_type, ids.representatives, before.second_type
            )
        vacates = ids.dwelling(h.current_dwelling) if h.current_dwelling else None
        key = ClassKey(
            h.municipality,
            reach,
            rules.home_municipality(h, scenario),
            len(members),
            tuple(options),
            vacates,
            h.pinned_dwelling,
            h.pinned_municipality,
            before.home_type,
            before.second_type,
        )
        cls = class_of_key.get(key)
        if cls is None:
            cls = class_of_key[key] = HouseholdClass(
                id=len(classes),
                households=[],
                size=key.size,
                home=key.home,
                anchor=key.anchor,
                reach=reach,
                options=key.options,
                pinned=rules.is_pinned(h),
                vacates=vacates,
            )
            classes.append(cls)
        cls.households.append(h.id)
        cls.ranks.append(rank)
        cls.groups[h.id] = groups
        if before.home:
            cls.previous[h.id] = before.home
            if before.home_type is not None:
                keepable.add(cls.id)
            if before.second is not None:
                cls.previous_second[h.id] = before.second
        regions.link((h.municipality, *reach, *([vacates.municipality] if vacates else [])))
    return classes, keepable


def _options(
    household: Household, members: list[Person], scenario: Scenario, ids: _Identities
) -> tuple[list[Option], list[Groups]]:
    """Each distinct way to house the household (whole, or split, a part maybe at the own home)."""
    options: list[Option] = []
    groups: list[Groups] = []
    seen: set[Option] = set()
    candidates = [(members, None, None), *_own_home_splits(household, scenario)]
    candidates += [(main, second, None) for main, second in rules.split_groups(household, scenario)]
    for main, second, at_home in candidates:
        parts = [main] if second is None else [main, second]
        opt = Option(
            profiles=tuple(
                ids.profile(g, household, i == 0, own=i == at_home, whole=second is None)
                for i, g in enumerate(parts)
            ),
            quota=tuple(rules.quota_counts(g, household) for g in parts),
        )
        if opt in seen:
            continue
        seen.add(opt)
        options.append(opt)
        groups.append(tuple(tuple(p.id for p in g) for g in parts))
    return options, groups


def _previous(
    h: Household, reach: tuple[str, ...], scenario: Scenario, ids: _Identities, kept: _KeptHomes
) -> _Previous:
    """The homes the previous plan gave the household; kept only while still stock and in reach."""
    before = kept.home_of.get(h.id)
    in_reach = before is not None and scenario.dwelling(before).municipality in reach
    before_type = ids.dwelling(before) if before is not None and in_reach else None
    second = kept.second_of.get(h.id) if before_type is not None else None
    if second is not None and (
        second not in kept.stock
        or second in (h.current_dwelling, before)
        or scenario.dwelling(second).municipality not in reach
    ):
        second = None  # only a home still in the stock and the reach is kept, not the own home
    second_type = ids.dwelling(second) if second is not None else None
    return _Previous(before, before_type, second, second_type)


def _dwelling_types(
    scenario: Scenario, joined_homes: set[str | None], ids: _Identities, classes: list[HouseholdClass]
) -> tuple[list[DwellingType], dict[str, int]]:
    """The stock grouped into types (identity and vacating class), in id order; each home's type."""
    vacating_class = {
        scenario.household(hid).current_dwelling: cls.id for cls in classes for hid in cls.households
    }
    type_of_key: dict[tuple[DwellingIdentity, int | None], DwellingType] = {}
    type_of_dwelling: dict[str, int] = {}
    types: list[DwellingType] = []
    for d in sorted(scenario.dwellings, key=lambda d: d.id):
        if d.id in joined_homes:
            continue
        identity = ids.dwelling(d.id)
        vacated_by = vacating_class.get(d.id)
        t = type_of_key.get((identity, vacated_by))
        if t is None:
            t = type_of_key[(identity, vacated_by)] = DwellingType(
                id=len(types),
                municipality=d.municipality,
                key=identity.key,
                reserved_for=identity.reserved_for,
                vacated_by=vacated_by,
                dwellings=[],
                max_occupants=d.max_occupants,
                available=identity.available,
                next_period=identity.next_period,
                previous_of=identity.previous_of,
            )
            types.append(t)
        t.dwellings.append(d.id)
        type_of_dwelling[d.id] = t.id
    return types, type_of_dwelling


def _components(
    scenario: Scenario, regions: _Regions, classes: list[HouseholdClass], types: list[DwellingType]
) -> list[Component]:
    """One component per linked set of municipalities that has households to house."""
    by_root: dict[str, Component] = {}
    for m in scenario.municipalities:
        by_root.setdefault(regions.find(m.code), Component(municipalities=[])).municipalities.append(m.code)
    for cls in classes:
        by_root[regions.find(cls.anchor)].classes.append(cls)
    for t in types:
        by_root[regions.find(t.municipality)].types.append(t)
    return [c for c in by_root.values() if c.classes]


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
    groups: list[Groups],
    home_type: DwellingIdentity,
    representatives: dict[Profile, tuple[list[Person], bool]],
    second_type: DwellingIdentity | None = None,
) -> tuple[list[Option], list[Groups]]:
    """The options with a staying twin of each: the same groups, the main group in its previous
    home (not for a part that stays in the referent's own home, which is no kept home), and a
    split's second group in its previous second home when it had one."""
    twins, twin_groups = [], []
    for opt, persons in zip(options, groups, strict=True):
        main = opt.profiles[0]
        if _own_part(main):
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
    # per municipality and pin, per fit key: the profiles by arrival bucket (first seen first)
    fitting: dict[tuple[str, str | None], dict[_FitKey, _ByArrival]]
    fitting = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    own_profiles: dict[str, set[Profile]] = defaultdict(set)
    seen: set[tuple[Profile, tuple[str, ...]]] = set()
    persons_of: dict[_FitKey, list[Person]] = {}  # the group of the first profile with the key
    for cls in comp.classes:
        for opt in cls.options:
            for prof in opt.profiles:
                if prof.stays is not None or (prof, cls.reach) in seen:
                    continue  # staying: _fill_staying_fits
                seen.add((prof, cls.reach))
                if _own_part(prof):
                    for m in cls.reach:
                        own_profiles[m].add(prof)
                    continue
                key = _FitKey(prof.fit, representatives[prof][1])
                persons_of.setdefault(key, representatives[prof][0])
                for m in cls.reach:
                    fitting[(m, prof.reserved)][key][prof.arrival][prof] = None
    cache = rules.fit_cache(scenario)
    in_time: dict[tuple[int | None, int | None], bool] = {}
    cls_of_own = {OWN_HOME + h: c.id for c in comp.classes for h in c.households}
    fitting_kinds: dict[tuple[str, str | None, tuple], list[_ByArrival]] = {}
    fitting_keys: dict[tuple, set[_FitKey]] = {}
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
        place = (t.municipality, t.reserved_for, t.key)
        fit_here = fitting_kinds.get(place)
        if fit_here is None:  # types of one kind of home differ in time only
            keys = fitting_keys.get(t.key)
            if keys is None:  # the fit rules asked once per kind of home and fit key
                keys = fitting_keys[t.key] = {
                    key
                    for key, persons in persons_of.items()
                    if cache.fits_key(
                        persons, key.fit, sample, needs_accessible=key.needs_accessible, dwelling_group=t.key
                    )
                }
            here = fitting.get((t.municipality, t.reserved_for), {})
            fit_here = fitting_kinds[place] = [by_arrival for key, by_arrival in here.items() if key in keys]
        for by_arrival in fit_here:
            for arrival, profiles in by_arrival.items():
                pair = (arrival, t.available)
                allowed = in_time.get(pair)
                if allowed is None:
                    gap = rules.bucket_gap_days(arrival, t.available, policy)
                    allowed = in_time[pair] = rules.timing_allowed(gap, policy)
                if allowed:
                    for prof in profiles:
                        comp.fits[(prof, t.id)] = True


_ByArrival = dict[int | None, dict[Profile, None]]
"""Profiles of one fit key by arrival bucket, in the order first seen."""


class _FitKey(NamedTuple):
    """What the fit rules see of a profile: its group's fit key and step-free need."""

    fit: rules.GroupKey
    needs_accessible: bool


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
