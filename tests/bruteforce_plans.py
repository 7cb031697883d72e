"""Tiny random scenarios, every valid plan of them, and the v2 objective of a plan: by exhaustion.

A third reading of docs/FORMAT.md v2, kept deliberately small and plain: it imports nothing
from allocation.rules, allocation.model or allocation.verify, so an optimizer and a verifier that
share a misreading still disagree with it.

Scenarios are kept where the contract is unambiguous: no pins, no TVS steps, no time limits or
time terms, no available_from on a referent's current home.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from allocation.plan import Assignment, Plan, QuotaLine, Unassigned
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario

RENTS = [None, None, 350.0, 498.2, 498.21, 650.0, 713.02, 713.03, 764.14, 764.15]
"""Rents at and just above every limit: youth 498.20, 1-2 persons 713.02, 3+ persons 764.14."""
PERIOD_END = date(2026, 6, 30)


# --- the rules, a third time ----------------------------------------------------------------------


def rooms_needed(group: list[Person], policy: Policy) -> int:
    """Needed bedrooms: two_per_room halves the group; Eurostat counts couples, adults, children."""
    if policy.bedroom_norm == "two_per_room":
        return -(-len(group) // 2)
    adult = [p for p in group if p.age >= policy.adult_age]
    roles = [p.role for p in adult]
    rooms = len(adult)
    rooms -= 1 if ("referent" in roles and "partner" in roles) else 0
    rooms -= 1 if roles.count("parent") >= 2 else 0
    minors = [p for p in group if p.age < policy.adult_age]
    if policy.bedroom_norm == "one_per_person":
        return rooms + len(minors)
    small = sum(p.age < policy.child_shared_room_age for p in minors)
    teens = [p for p in minors if p.age >= policy.child_shared_room_age]
    boys = sum(p.sex == "m" for p in teens)
    girls = sum(p.sex == "f" for p in teens)
    return rooms + -(-small // 2) + -(-boys // 2) + -(-girls // 2) + (len(teens) - boys - girls)


def fits(group: list[Person], home: Dwelling, household: Household, policy: Policy, own: bool) -> bool:
    """The group may live there; `own` is the referent's current home (a join: no rent check)."""
    if not group or len(group) > home.max_occupants or rooms_needed(group, policy) > home.bedrooms:
        return False
    with_referent = any(p.role == "referent" for p in group)
    step_free = any(p.needs_accessible for p in group) or (with_referent and household.needs_accessible)
    if step_free and not home.accessible:
        return False
    if home.kind == "room" and len(group) != 1:
        return False
    if own or home.rent is None:
        return True
    young = policy.rent_limit_young_applies and all(
        policy.adult_age <= p.age <= policy.young_max_age for p in group
    )
    if young:
        limit = policy.rent_limit_young
    elif len(group) >= policy.rent_large_from_persons:
        limit = policy.rent_limit_large
    else:
        limit = policy.rent_limit_small
    return home.rent <= limit


def home_code(household: Household, policy: Policy) -> str:
    """Home for the away count: the minor's municipality for an AMV family (Q7), else the linked one."""
    if household.amv_municipality and policy.amv_municipality_allowed:
        return household.amv_municipality
    return household.municipality


def reachable(household: Household, s: Scenario) -> set[str]:
    """Own municipality, its region's when cooperating (Q6), the minor's (Q7)."""
    codes = {household.municipality}
    region = next(m.region for m in s.municipalities if m.code == household.municipality)
    if region and s.policy.regional_cooperation:
        codes |= {m.code for m in s.municipalities if m.region == region}
    if household.amv_municipality and s.policy.amv_municipality_allowed:
        codes.add(household.amv_municipality)
    return codes


def counted_earlier(person: Person, household: Household) -> bool:
    """Counted before: the cell says so, or empty: already living with a housed referent."""
    if person.counted_before is not None:
        return person.counted_before
    arriving = person.arriving if person.arriving is not None else person.role != "referent"
    return not arriving and household.current_dwelling is not None


# --- options and plans ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One way to house one household: its (group, home) pairs; no pairs means unassigned."""

    household: str
    places: tuple[tuple[tuple[str, ...], str], ...]
    kind: str  # "none", "join", "move" or "split"


def options(household: Household, s: Scenario, *, distinct: bool = True) -> list[Option]:
    """Every way the contract allows to house this household; `distinct` keeps one split of each
    kind the objective can tell apart (same homes, same persons counted now)."""
    policy = s.policy
    members = [p for p in s.persons if p.household == household.id]
    ids = tuple(p.id for p in members)
    homes = {d.id: d for d in s.dwellings}
    own = homes.get(household.current_dwelling or "")
    if own is not None and policy.woningcheck and fits(members, own, household, policy, True):
        return [Option(household.id, ((ids, own.id),), "join")]  # woningcheck (Q5)
    reach = reachable(household, s)
    new = [d for d in s.dwellings if d is not own and d.municipality in reach]
    found = [Option(household.id, (), "none")]
    whole = [d for d in new if fits(members, d, household, policy, False)]
    found += [Option(household.id, ((ids, d.id),), "move") for d in whole]
    apart = [
        p
        for p in members
        if p.role != "referent" and p.role in policy.split_roles and p.age >= policy.split_min_age
    ]
    if not policy.split_allowed or not apart:
        return found
    own_fits_all = own is not None and fits(members, own, household, policy, True)
    if policy.split_when == "no_fitting_home" and (whole or own_fits_all):
        return found
    places = new + ([own] if own is not None else [])
    seen: set[tuple] = set()
    end = policy.quota_period_end
    for size in range(1, len(apart) + 1):
        for second in combinations(apart, size):
            away_ids = {p.id for p in second}
            main = [p for p in members if p.id not in away_ids]
            for a in places:
                if not fits(main, a, household, policy, a is own):
                    continue
                for b in places:
                    if b is a or b.municipality != a.municipality or a.municipality not in reach:
                        continue
                    if not fits(list(second), b, household, policy, b is own):
                        continue
                    # the objective tells splits apart only by their homes and who counts now
                    now = sum(
                        not counted_earlier(p, household)
                        for group, home in ((main, a), (second, b))
                        if not _later(home, end)
                        for p in group
                    )
                    signature = (
                        (frozenset((a.id, b.id)), now) if distinct else (a.id, b.id, tuple(sorted(away_ids)))
                    )
                    if signature not in seen:
                        seen.add(signature)
                        groups = ((tuple(p.id for p in main), a.id), (tuple(sorted(away_ids)), b.id))
                        found.append(Option(household.id, groups, "split"))
    return found


def valid(choice: tuple[Option, ...], s: Scenario) -> bool:
    """Homes used once; another's current home only when its referent is housed elsewhere."""
    used = [home for o in choice for _, home in o.places]
    if len(used) != len(set(used)):
        return False
    housed = {o.household for o in choice if o.places}
    occupant = {h.current_dwelling: h.id for h in s.households if h.current_dwelling}
    for o in choice:
        for _, home in o.places:
            other = occupant.get(home)
            if other is not None and other != o.household and other not in housed:
                return False
    return True


def objective(choice: tuple[Option, ...], s: Scenario) -> tuple[int, int, int, int, int]:
    """(persons, splits, away, shortfall, unused) of a choice, one option per household."""
    homes = {d.id: d for d in s.dwellings}
    households = {h.id: h for h in s.households}
    persons = {p.id: p for p in s.persons}
    end = s.policy.quota_period_end
    counted: Counter[str] = Counter()
    placed = splits = away = unused = 0
    for o in choice:
        if not o.places:
            continue
        household = households[o.household]
        splits += o.kind == "split"
        away += any(homes[h].municipality != home_code(household, s.policy) for _, h in o.places)
        for group, home_id in o.places:
            home = homes[home_id]
            placed += len(group)
            unused += home.max_occupants - len(group)
            if not _later(home, end):
                counted[home.municipality] += sum(not counted_earlier(persons[p], household) for p in group)
    shortfall = sum(max(0, m.quota - m.housed - counted[m.code]) for m in s.municipalities)
    return placed, splits, away, shortfall, unused


def _later(home: Dwelling, end: date | None) -> bool:
    """Free only after the quota period's last day: its persons count for the next period (Q10)."""
    return end is not None and home.available_from is not None and home.available_from > end


def sort_key(vector: tuple[int, int, int, int, int], order: list[str]) -> tuple[int, ...]:
    """The vector as a key that sorts the best plan first under the objective order."""
    terms = dict(zip(("persons", "splits", "away", "shortfall", "unused"), vector, strict=True))
    return tuple(-terms[t] if t == "persons" else terms[t] for t in order)


def all_plans(s: Scenario) -> Iterator[tuple[Option, ...]]:
    """Every valid plan: one option per household, homes used once, occupied homes vacated."""
    per_household = [options(h, s) for h in s.households]

    def extend(i: int, chosen: tuple[Option, ...], used: frozenset[str]) -> Iterator[tuple[Option, ...]]:
        if i == len(per_household):
            if valid(chosen, s):
                yield chosen
            return
        for o in per_household[i]:
            homes = {home for _, home in o.places}
            if not homes & used:
                yield from extend(i + 1, (*chosen, o), used | homes)

    yield from extend(0, (), frozenset())


def best_vector(s: Scenario) -> tuple[int, int, int, int, int]:
    """The objective vector of the best valid plan under the policy's objective order."""
    order = list(s.policy.objective_order)
    return min((objective(c, s) for c in all_plans(s)), key=lambda v: sort_key(v, order))


def plan_vector(plan: Plan, s: Scenario) -> tuple[int, int, int, int, int]:
    """The same vector, read from a plan's assignments and the scenario (not from its stats)."""
    kinds = {a.household: a.kind for a in plan.assignments}
    choice = tuple(
        Option(
            hid,
            tuple((tuple(a.person_ids), a.dwelling) for a in plan.assignments if a.household == hid),
            kinds[hid],
        )
        for hid in kinds
    )
    return objective(choice, s)


def random_choice(s: Scenario, rng: random.Random) -> tuple[Option, ...]:
    """A plan drawn at random, valid or not: mostly options the rules allow, else any home or split."""
    choice = []
    for household in s.households:
        if rng.random() < 0.7:
            choice.append(rng.choice(options(household, s, distinct=False)))
            continue
        members = [p for p in s.persons if p.household == household.id]
        ids = tuple(p.id for p in members)
        draw = rng.random()
        homes = rng.sample([d.id for d in s.dwellings], 2)
        others = [p.id for p in members if p.role != "referent"]
        if draw < 0.2 or (draw >= 0.6 and not others):
            choice.append(Option(household.id, (), "none"))
        elif draw < 0.6:
            kind = "join" if homes[0] == household.current_dwelling else "move"
            choice.append(Option(household.id, ((ids, homes[0]),), kind))
        else:
            apart = set(rng.sample(others, rng.randint(1, len(others))))
            main = tuple(p for p in ids if p not in apart)
            choice.append(Option(household.id, ((main, homes[0]), (tuple(sorted(apart)), homes[1])), "split"))
    return tuple(choice)


def is_valid(choice: tuple[Option, ...], s: Scenario) -> bool:
    """Every household's option is one the rules allow, and the options fit together."""
    allowed = {h.id: set(options(h, s, distinct=False)) for h in s.households}
    return all(o in allowed[o.household] for o in choice) and valid(choice, s)


def as_plan(choice: tuple[Option, ...], s: Scenario, codes: dict[str, str] | None = None) -> Plan:
    """A plan as the library writes one: rows, the quota report, reasons that are true (or `codes`)."""
    homes = {d.id: d for d in s.dwellings}
    households = {h.id: h for h in s.households}
    persons = {p.id: p for p in s.persons}
    rows, left_out = [], []
    now: Counter[str] = Counter()
    later: Counter[str] = Counter()
    for o in choice:
        household = households[o.household]
        for group, home_id in o.places:
            home = homes[home_id]
            rows.append(
                Assignment(
                    household=o.household,
                    dwelling=home_id,
                    municipality=home.municipality,
                    kind=o.kind,
                    persons=len(group),
                    person_ids=list(group),
                )
            )
            counted = sum(not counted_earlier(persons[p], household) for p in group)
            (later if _later(home, s.policy.quota_period_end) else now)[home.municipality] += counted
        if not o.places:
            code = (codes or {}).get(o.household) or reason_code(o.household, choice, s)
            size = sum(p.household == o.household for p in s.persons)
            left_out.append(Unassigned(household=o.household, persons=size, reason_code=code, reason=code))
    next_field = "counted_next_period" in QuotaLine.model_fields
    quota = [
        QuotaLine(
            code=m.code,
            name=m.name,
            quota=m.quota,
            housed_before=m.housed,
            newly_counted=now[m.code],
            shortfall=max(0, m.quota - m.housed - now[m.code]),
            **({"counted_next_period": later[m.code]} if next_field else {}),
        )
        for m in s.municipalities
    ]
    return Plan(assignments=rows, unassigned=left_out, quota=quota)


def reason_code(household_id: str, choice: tuple[Option, ...], s: Scenario) -> str:
    """NO_FITTING_DWELLING when nothing fits, NOT_PLACED when a fitting option is left free, else
    DWELLINGS_TAKEN."""
    household = next(h for h in s.households if h.id == household_id)
    fitting = [o for o in options(household, s) if o.places]
    if not fitting:
        return "NO_FITTING_DWELLING"
    others = tuple(o for o in choice if o.household != household_id)
    used = {home for o in others for _, home in o.places}
    for o in fitting:
        if not {home for _, home in o.places} & used and valid((*others, o), s):
            return "NOT_PLACED"
    return "DWELLINGS_TAKEN"


# --- scenarios --------------------------------------------------------------------------------------


def tiny_scenario(seed: int) -> Scenario:
    """1-4 households, 2-5 dwellings, a two-municipality region, young adults, step-free needs."""
    rng = random.Random(seed)
    municipalities = [
        Municipality(code="GM01", name="Aa", region="R", quota=rng.randint(0, 8), housed=rng.randint(0, 2)),
        Municipality(code="GM02", name="Bee", region="R", quota=rng.randint(0, 6)),
        Municipality(code="GM03", name="Cee", quota=rng.randint(0, 4)),
    ]
    codes = [m.code for m in municipalities]
    weighted = ["GM01"] * 5 + ["GM02"] * 4 + ["GM03"]
    dwellings = [
        Dwelling(
            id=f"D{i}",
            municipality=rng.choice(weighted),
            bedrooms=rng.choice([1, 2, 2, 3, 3, 4]),
            max_occupants=rng.choice([1, 2, 3, 4, 5, 5, 6, 7]),
            rent=rng.choice(RENTS),
            accessible=rng.random() < 0.5,
            kind="room" if rng.random() < 0.12 else "independent",
            available_from=date(2026, rng.choice([3, 9]), 1) if rng.random() < 0.3 else None,
        )
        for i in range(1, rng.randint(2, 5) + 1)
    ]
    free_homes = [d.id for d in dwellings]
    rng.shuffle(free_homes)
    households, persons = [], []
    for i in range(1, rng.randint(1, 4) + 1):
        hid = f"H{i}"
        current = free_homes.pop() if free_homes and rng.random() < 0.35 else None
        amv = rng.choice(codes) if rng.random() < 0.15 else None
        households.append(
            Household(
                id=hid,
                municipality=rng.choice(weighted),
                current_dwelling=current,
                amv_municipality=amv,
                needs_accessible=rng.random() < 0.12,
            )
        )
        persons += _members(rng, hid, amv is not None, current is not None)
    dwellings = [
        d.model_copy(update={"available_from": None})
        if any(h.current_dwelling == d.id for h in households)
        else d
        for d in dwellings
    ]
    policy = Policy(
        bedroom_norm=rng.choice(["eurostat", "eurostat", "eurostat", "two_per_room"]),
        split_when="no_fitting_home" if rng.random() < 0.15 else "no_home_in_plan",
        rent_limit_young_applies=rng.random() < 0.9,
        quota_period_end=PERIOD_END if rng.random() < 0.25 else None,
        regional_cooperation=rng.random() < 0.9,
        amv_municipality_allowed=rng.random() < 0.9,
    )
    return Scenario(
        municipalities=municipalities,
        dwellings=dwellings,
        households=households,
        persons=persons,
        policy=policy,
    )


def without_v2_differences(s: Scenario) -> Scenario:
    """The scenario with every input where the v1 and v2 rules differ made neutral: no step-free
    persons or household flag, no members already living with the referent, no counted_before, no
    rent on a referent's home, no youth limit, Eurostat, splits only when nothing fits, one period."""
    own = {h.current_dwelling for h in s.households}
    neutral = {"needs_accessible": False, "arriving": None, "counted_before": None}
    return s.model_copy(
        update={
            "persons": [p.model_copy(update=neutral) for p in s.persons],
            "households": [h.model_copy(update={"needs_accessible": False}) for h in s.households],
            "dwellings": [d.model_copy(update={"rent": None}) if d.id in own else d for d in s.dwellings],
            "policy": s.policy.model_copy(
                update={
                    "rent_limit_young_applies": False,
                    "bedroom_norm": "eurostat",
                    "split_when": "no_fitting_home",
                    "quota_period_end": None,
                }
            ),
        }
    )


def _members(rng: random.Random, hid: str, amv: bool, at_home: bool) -> list[Person]:
    """A referent and 0-4 family members: partners, young adult and minor children, AMV parents."""
    rows: list[tuple[str, int]] = []
    if amv:
        rows = [("referent", rng.randint(14, 17)), ("parent", rng.randint(35, 55))]
        rows += [("parent", rng.randint(35, 55))] * (rng.random() < 0.5)
        rows += [("sibling", rng.choice([9, 16, 18, 19, 22]))] * (rng.random() < 0.5)
    else:
        rows = [("referent", rng.choice([19, 20, 24, 31, 38, 45]))]
        rows += [("partner", rng.randint(19, 50))] * (rng.random() < 0.6)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            rows.append(("child", rng.choice([2, 7, 11, 13, 15, 17, 18, 19, 20, 21, 24])))
    out = []
    for n, (role, age) in enumerate(rows, start=1):
        arriving = None
        if role != "referent" and at_home and rng.random() < 0.4:
            arriving = False  # already living with the referent
        counted = rng.choice([None] * 8 + [True, False])
        out.append(
            Person(
                id=f"{hid}-{n}",
                household=hid,
                role=role,
                age=age,
                sex=rng.choice(["m", "f", "f", "m", None]),
                arriving=arriving,
                counted_before=counted,
                needs_accessible=rng.random() < 0.08,
            )
        )
    return out
