"""One synthetic scenario from sizes, a seed and documented distributions; same seed, same scenario."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from random import Random

from allocation.generate import dated as dating
from allocation.generate import households as compositions
from allocation.generate import places, stock
from allocation.generate.pins import pin_households
from allocation.policy import Policy
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario


@dataclass(frozen=True)
class GenerateParams:
    """Every distribution knob of the generator, with its realistic default."""

    compositions: dict[str, float] = field(default_factory=lambda: dict(compositions.COMPOSITIONS))
    """Share of each family composition (see allocation.generate.households)."""
    stock_mix: dict[str, float] = field(default_factory=lambda: dict(stock.STOCK_MIX))
    """Share of rooms, flats, family homes and large homes in the free stock."""
    needs_accessible_share: float = 0.05
    """Households whose referent's group needs a step-free dwelling."""
    person_step_free_share: float = 0.01
    """Persons under 65 who need a step-free home themselves (Person.needs_accessible)."""
    elderly_step_free_share: float = 0.3
    """Persons aged 65 or more who need a step-free home themselves."""
    members_with_referent_share: float = 0.4
    """Of referents in an independent home, those with some members living with them already
    (arriving false: casus 1); at least one member still arrives, and the home holds those here."""
    current_dwelling_share: float = 0.15
    """Adult referents already living in a home of their own (current_dwelling); an AMV lives elsewhere."""
    current_room_share: float = 0.5
    """Of those, the share living in a room (kamerbewoning), which never fits a family."""
    current_fit_share: float = 0.5
    """Of those in an independent home, the share whose home fits the whole family (woningcheck)."""
    quota_factor: float = 1.0
    """Open quota (quota minus housed, summed) as a multiple of the persons that count when housed."""
    housed_range: tuple[float, float] = (0.0, 1.1)
    """Fraction of its quota a municipality has housed already, drawn uniformly from this range."""
    amv_same_municipality_share: float = 0.6
    """AMV families linked to the municipality where the minor lives (Q7: usually the case)."""
    amv_cross_region_share: float = 0.0
    """AMV families whose minor lives outside the linked municipality's region (couples regions)."""
    unaffiliated_share: float = 0.0
    """Municipalities outside every cooperation region."""
    pinned_share: float = 0.0
    """Households pinned by the planner to a fitting dwelling or municipality they can reach."""
    pinned_dwelling_share: float = 0.5
    """Of the pinned households, the share pinned to a dwelling (the rest to a municipality)."""
    stock_spread: float = 0.3
    """Log-sd of the per-municipality stock factor: some towns offer more homes than their size says."""
    period_start: date = date(2026, 1, 1)
    """First day of the half year; dwellings come free within it."""
    arrival_days: int = 730
    """Arrivals fall uniformly in this many days from the period start (2026-2027)."""
    dated: bool = False
    """Families at TVS steps with step dates instead of arrival dates, homes free over `weeks`
    (allocation.generate.dated); the policy's planning_date is the period start."""
    weeks: int = 26
    """Weeks over which the homes of a dated scenario come free."""

    @classmethod
    def from_kwargs(cls, **params: object) -> GenerateParams:
        """Params from keyword arguments, naming any unknown key."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(params) - known)
        if unknown:
            raise TypeError(f"unknown generator parameter(s): {', '.join(unknown)}")
        return cls(**params)  # type: ignore[arg-type]


def generate(
    households: int, dwellings: int, municipalities: int, regions: int, seed: int, **params: object
) -> Scenario:
    """A realistic synthetic scenario; identical arguments give an identical Scenario."""
    _check_sizes(households, dwellings, municipalities, regions)
    p = GenerateParams.from_kwargs(**params)
    if p.weeks < 1:
        raise ValueError("weeks must be at least 1")
    policy = Policy()
    rng = Random(seed)

    codes = places.municipality_codes(municipalities)
    names = places.municipality_names(rng, municipalities)
    pops = places.populations(rng, municipalities)
    region_of = places.assign_regions(rng, pops, regions, p.unaffiliated_share)

    hh_width = max(5, len(str(households)))
    homes = rng.choices(codes, weights=pops, k=households)
    drawn = [compositions.draw_composition(rng, p.compositions) for _ in range(households)]
    member_lists = [compositions.draw_members(rng, composition) for composition in drawn]
    person_width = max(6, len(str(sum(len(m) for m in member_lists))))
    hh_list: list[Household] = []
    persons: list[Person] = []
    for i, (composition, members) in enumerate(zip(drawn, member_lists, strict=True)):
        hh_id = f"H{i + 1:0{hh_width}d}"
        hh_list.append(
            Household(
                id=hh_id,
                municipality=homes[i],
                arrival=p.period_start + timedelta(days=rng.randrange(p.arrival_days)),
                needs_accessible=rng.random() < p.needs_accessible_share,
                amv_municipality=_amv_municipality(rng, homes[i], codes, pops, region_of, p)
                if composition == "amv"
                else None,
            )
        )
        for role, age, sex in members:
            persons.append(
                Person(
                    id=f"P{len(persons) + 1:0{person_width}d}",
                    household=hh_id,
                    role=role,
                    age=age,
                    sex=sex,
                    arriving=role != "referent",
                    needs_accessible=rng.random()
                    < (p.elderly_step_free_share if age >= 65 else p.person_step_free_share),
                )
            )

    dw_width = max(5, len(str(dwellings)))
    dw_list: list[Dwelling] = []
    members_of: dict[str, list[Person]] = {}
    position = {person.id: index for index, person in enumerate(persons)}
    for person in persons:
        members_of.setdefault(person.household, []).append(person)

    adult_led = [i for i, members in enumerate(member_lists) if members[0][1] >= 18]
    housed_count = min(dwellings, len(adult_led), round(p.current_dwelling_share * households))
    for index in sorted(rng.sample(adult_led, housed_count)):
        hh = hh_list[index]
        group = members_of[hh.id]
        if rng.random() < p.current_room_share:
            spec = stock.room_for(rng)
        else:
            fits = rng.random() < p.current_fit_share
            spec = stock.home_for(
                rng,
                len(group),
                needed_bedrooms(group, policy),
                hh.needs_accessible or any(person.needs_accessible for person in group),
                policy,
                fits,
            )
        dw_id = f"D{len(dw_list) + 1:0{dw_width}d}"
        dw_list.append(Dwelling(id=dw_id, municipality=hh.municipality, **spec))
        hh_list[index] = hh.model_copy(update={"current_dwelling": dw_id})
        if spec["kind"] == "independent" and rng.random() < p.members_with_referent_share:
            _members_already_here(rng, group, spec["max_occupants"] - 1, persons, position)

    stock_weights = [pop * rng.lognormvariate(0.0, p.stock_spread) for pop in pops]
    free = dwellings - len(dw_list)
    for code in rng.choices(codes, weights=stock_weights, k=free) if free > 0 else []:
        kind = stock.draw_type(rng, p.stock_mix)
        spec = stock.draw_dwelling(rng, kind, policy, p.period_start)
        dw_list.append(Dwelling(id=f"D{len(dw_list) + 1:0{dw_width}d}", municipality=code, **spec))

    current = {hh.id for hh in hh_list if hh.current_dwelling}
    counted = sum(
        1
        for person in persons
        if not (person.household in current and (person.role == "referent" or not person.is_arriving))
    )
    quota, housed = places.quotas(rng, pops, p.quota_factor * counted, p.housed_range)
    muni_list = [
        Municipality(code=c, name=n, region=r, quota=q, housed=h)
        for c, n, r, q, h in zip(codes, names, region_of, quota, housed, strict=True)
    ]

    policy_used = Policy()
    if p.dated:
        kinds = {d.id: d.kind for d in dw_list}
        in_own_home = {hh.id for hh in hh_list if kinds.get(hh.current_dwelling or "") == "independent"}
        hh_list = dating.dated_households(rng, hh_list, in_own_home, p.period_start)
        occupied = {hh.current_dwelling for hh in hh_list if hh.current_dwelling}
        dw_list = dating.dated_dwellings(rng, dw_list, occupied, p.period_start, p.weeks)
        policy_used = Policy(planning_date=p.period_start)
    scenario = Scenario(
        municipalities=muni_list, dwellings=dw_list, households=hh_list, persons=persons, policy=policy_used
    )
    if p.pinned_share > 0:
        scenario = pin_households(scenario, rng, p.pinned_share, p.pinned_dwelling_share)
    return scenario


def _members_already_here(
    rng: Random, group: list[Person], room: int, persons: list[Person], position: dict[str, int]
) -> None:
    """Mark 1..n-1 of the referent's members as living with the referent already (arriving false)."""
    others = [person for person in group if person.role != "referent"]
    most = min(len(others) - 1, room)
    if most < 1:
        return
    for person in rng.sample(others, rng.randint(1, most)):
        persons[position[person.id]] = person.model_copy(update={"arriving": False})


def _check_sizes(households: int, dwellings: int, municipalities: int, regions: int) -> None:
    """Reject sizes no scenario can have, with the reason."""
    if households < 1:
        raise ValueError("households must be at least 1")
    if dwellings < 1:
        raise ValueError("dwellings must be at least 1")
    if municipalities < 1:
        raise ValueError("municipalities must be at least 1")
    if not 0 <= regions <= municipalities:
        raise ValueError("regions must be between 0 and the number of municipalities")


def _amv_municipality(
    rng: Random, home: str, codes: list[str], pops: list[int], region_of: list[str | None], p: GenerateParams
) -> str:
    """Where the minor lives (Q7): mostly the linked municipality, else one of its region."""
    draw = rng.random()
    if draw < p.amv_cross_region_share:
        return rng.choices(codes, weights=pops)[0]
    region = region_of[codes.index(home)]
    if draw < p.amv_cross_region_share + p.amv_same_municipality_share or region is None:
        return home
    same = [i for i, r in enumerate(region_of) if r == region]
    return codes[rng.choices(same, weights=[pops[i] for i in same])[0]]
