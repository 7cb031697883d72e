"""The optimizer against exhaustive enumeration on tiny random scenarios, under the v2 rules.

The enumeration below re-states the rules of docs/FORMAT.md (v2) on its own, without the
rules package or the model: fit (occupants, Eurostat bedrooms, step-free for a person or the
referent's group, rooms, rent by size and the 18-20 limit, no rent check in the referent's own
home), woningcheck joins, reach (own, region, AMV), splits (adults with role child or sibling at a
second address in the same municipality, either part may stay in the referent's home), vacated
homes, and v2 quota counting. It then finds the best plan for the v2 order (persons, splits,
away, shortfall, unused) and the optimizer must reach the same objective values.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from math import ceil

import pytest

import allocation
from allocation.plan import Plan
from allocation.policy import V1_ORDER
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario

CASES = 200
CHUNKS = 4
RENTS = (None, None, 450.0, 498.20, 498.21, 650.0, 713.02, 713.03, 764.14, 764.15, 900.0)


def random_scenario(seed: int) -> Scenario:
    """1-4 households of 1-5 persons (young adults, step-free persons, members already living
    with the referent), 2-5 dwellings with rents around every limit, 1-3 municipalities."""
    rng = random.Random(seed)
    n_muni = rng.randint(1, 3)
    region = rng.choice([None, "R1"])
    munis = [
        Municipality(
            code=f"GM{i}",
            name=f"G{i}",
            region=region if i < 2 else None,
            quota=rng.randint(0, 6),
            housed=rng.randint(0, 2),
        )
        for i in range(n_muni)
    ]
    codes = [m.code for m in munis]
    dwellings = []
    for i in range(rng.randint(2, 5)):
        room = rng.random() < 0.15
        dwellings.append(
            Dwelling(
                id=f"D{i}",
                municipality=rng.choice(codes),
                bedrooms=1 if room else rng.randint(1, 3),
                max_occupants=1 if room else rng.randint(1, 5),
                rent=rng.choice(RENTS),
                accessible=rng.random() < 0.4,
                kind="room" if room else "independent",
            )
        )
    free = [d.id for d in dwellings]
    households, persons = [], []
    for h in range(rng.randint(1, 4)):
        hid = f"H{h}"
        current = None
        if free and rng.random() < 0.3:
            current = free.pop(rng.randrange(len(free)))
        members = [
            Person(
                id=f"{hid}-1",
                household=hid,
                role="referent",
                age=rng.choice([19, 30, 45]),
                sex=rng.choice(["m", "f", None]),
                needs_accessible=rng.random() < 0.1,
            )
        ]
        adults_apart = 0
        for k in range(2, rng.randint(1, 5) + 1):
            role = rng.choice(["partner", "child", "child", "child", "sibling"])
            if role in ("child", "sibling") and adults_apart < 2 and rng.random() < 0.5:
                age = rng.choice([18, 19, 20, 22])
                adults_apart += 1
            else:
                age = rng.choice([2, 7, 13, 16]) if role != "partner" else rng.choice([19, 35])
            members.append(
                Person(
                    id=f"{hid}-{k}",
                    household=hid,
                    role=role,
                    age=age,
                    sex=rng.choice(["m", "f", None]),
                    arriving=False if current and rng.random() < 0.3 else None,
                    counted_before=rng.choice([None, None, None, True, False]),
                    needs_accessible=rng.random() < 0.1,
                )
            )
        households.append(
            Household(
                id=hid,
                municipality=rng.choice(codes),
                current_dwelling=current,
                needs_accessible=rng.random() < 0.15,
                amv_municipality=rng.choice([None, None, None, *codes]),
            )
        )
        persons += members
    return Scenario(municipalities=munis, dwellings=dwellings, households=households, persons=persons)


# --- The rules, stated again ---------------------------------------------------------------------


def bedrooms_needed(group: list[Person]) -> int:
    """Eurostat: referent and partner share, two parents share, other adults one each; children
    under 12 two to a room, 12-17 two to a room when of the same known sex."""
    adults = [p for p in group if p.age >= 18]
    roles = [p.role for p in adults]
    rooms = len(adults) - ("referent" in roles and "partner" in roles) - (roles.count("parent") >= 2)
    minors = [p for p in group if p.age < 18]
    small = sum(p.age < 12 for p in minors)
    teens = [p for p in minors if p.age >= 12]
    boys, girls = sum(p.sex == "m" for p in teens), sum(p.sex == "f" for p in teens)
    return rooms + ceil(small / 2) + ceil(boys / 2) + ceil(girls / 2) + (len(teens) - boys - girls)


def fits(group: list[Person], d: Dwelling, h: Household) -> bool:
    if len(group) > d.max_occupants or bedrooms_needed(group) > d.bedrooms:
        return False
    step_free = any(p.needs_accessible for p in group) or (
        h.needs_accessible and any(p.role == "referent" for p in group)
    )
    if step_free and not d.accessible:
        return False
    if d.kind == "room" and len(group) != 1:
        return False
    if d.rent is None or d.id == h.current_dwelling:  # the referent's own home: no new allocation
        return True
    young = all(18 <= p.age <= 20 for p in group)
    return d.rent <= (498.20 if young else 713.02 if len(group) <= 2 else 764.14)


def reach(h: Household, s: Scenario) -> set[str]:
    region = s.municipality(h.municipality).region
    out = {h.municipality} | ({h.amv_municipality} if h.amv_municipality else set())
    return out | {m.code for m in s.municipalities if region and m.region == region}


def home_of(h: Household) -> str:
    return h.amv_municipality or h.municipality


def counts(p: Person, h: Household) -> bool:
    before = p.counted_before
    if before is None:
        arriving = p.arriving if p.arriving is not None else p.role != "referent"
        before = not arriving and h.current_dwelling is not None
    return not before


@dataclass(frozen=True)
class Placement:
    """One household's groups and dwellings; empty: not housed."""

    parts: tuple[tuple[str, tuple[str, ...]], ...]


def options(h: Household, s: Scenario, v1: bool = False) -> list[Placement]:
    members = s.members(h.id)
    out = [Placement(())]
    allowed = reach(h, s)
    for d in s.dwellings:
        if d.municipality in allowed and fits(members, d, h):
            out.append(Placement(((d.id, tuple(p.id for p in members)),)))
    apart = [p for p in members if p.role in ("child", "sibling") and p.age >= 18]
    if v1 and any(d.municipality in allowed and fits(members, d, h) for d in s.dwellings):
        apart = []  # v1 split rule: only when no reachable dwelling fits the whole family
    for k in range(1, len(apart) + 1):
        for second in combinations(apart, k):
            ids = {p.id for p in second}
            main = [p for p in members if p.id not in ids]
            for d1 in s.dwellings:
                if not fits(main, d1, h):
                    continue
                for d2 in s.dwellings:
                    if d2.id == d1.id or d2.municipality != d1.municipality or not fits(list(second), d2, h):
                        continue
                    if d1.municipality not in allowed:
                        continue
                    parts = ((d1.id, tuple(p.id for p in main)), (d2.id, tuple(sorted(ids))))
                    out.append(Placement(parts))
    return out


def value(s: Scenario, plan: dict[str, Placement], v1: bool = False) -> tuple:
    """The v2 objective (v1: persons, shortfall, away, splits, unused) as one tuple to maximise."""
    persons = splits = away = unused = 0
    counted: Counter[str] = Counter()
    for hid, placement in plan.items():
        h = s.household(hid)
        if len(placement.parts) == 2:
            splits += 1
        for i, (did, pids) in enumerate(placement.parts):
            d = s.dwelling(did)
            persons += len(pids)
            unused += d.max_occupants - len(pids)
            counted[d.municipality] += sum(counts(s.person(p), h) for p in pids)
            if i == 0:
                away += d.municipality != home_of(h)
    shortfall = sum(max(0, m.quota - m.housed - counted[m.code]) for m in s.municipalities)
    if v1:
        return (persons, -shortfall, -away, -splits, -unused)
    return (persons, -splits, -away, -shortfall, -unused)


def best(s: Scenario, v1: bool = False) -> tuple:
    """Lexicographic optimum over every valid plan (joins fixed by the woningcheck)."""
    fixed: dict[str, Placement] = {}
    free_households = []
    for h in s.households:
        members = s.members(h.id)
        if h.current_dwelling and fits(members, s.dwelling(h.current_dwelling), h):
            fixed[h.id] = Placement(((h.current_dwelling, tuple(p.id for p in members)),))
        else:
            free_households.append(h)
    occupant = {h.current_dwelling: h.id for h in s.households if h.current_dwelling}
    choices = [options(h, s, v1) for h in free_households]
    top: list[tuple] = []

    def valid(plan: dict[str, Placement]) -> bool:
        for did, hid in occupant.items():
            users = [u for u, p in plan.items() for d, _ in p.parts if d == did]
            if any(u != hid for u in users):
                own = plan.get(hid, Placement(()))
                if not own.parts or any(d == did for d, _ in own.parts):
                    return False
        return True

    def walk(i: int, used: frozenset[str], plan: dict[str, Placement]) -> None:
        if i == len(free_households):
            if valid(plan):
                v = value(s, {**fixed, **plan}, v1)
                if not top or v > top[0]:
                    top[:] = [v]
            return
        for option in choices[i]:
            homes = {d for d, _ in option.parts}
            if homes & used:
                continue
            plan[free_households[i].id] = option
            walk(i + 1, used | homes, plan)
            del plan[free_households[i].id]

    joined = frozenset(d for p in fixed.values() for d, _ in p.parts)
    walk(0, joined, {})
    return top[0]


def plan_value(s: Scenario, plan: Plan, v1: bool = False) -> tuple:
    placed: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for a in plan.assignments:
        group = tuple(a.person_ids)
        entry = (a.dwelling, group)
        if any(s.person(p).role == "referent" for p in a.person_ids):
            placed.setdefault(a.household, []).insert(0, entry)
        else:
            placed.setdefault(a.household, []).append(entry)
    return value(s, {h: Placement(tuple(parts)) for h, parts in placed.items()}, v1)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_optimizer_reaches_the_exhaustive_v2_optimum(chunk: int) -> None:
    per_chunk = CASES // CHUNKS
    for seed in range(chunk * per_chunk, (chunk + 1) * per_chunk):
        s = random_scenario(seed)
        plan = allocation.solve(s, time_limit=30)
        assert plan.stats.status == "optimal", seed
        assert plan_value(s, plan) == best(s), f"seed {seed}"
        violations = allocation.verify(s, plan)
        assert violations == [], (seed, [str(v) for v in violations])


def test_with_the_v1_order_and_split_rule_the_optimizer_reaches_the_v1_optimum() -> None:
    for seed in range(CASES // 2):
        s = random_scenario(seed)
        policy = s.policy.model_copy(
            update={"objective_order": list(V1_ORDER), "split_when": "no_fitting_home"}
        )
        s = s.model_copy(update={"policy": policy})
        plan = allocation.solve(s, time_limit=30)
        assert plan.stats.status == "optimal", seed
        assert plan_value(s, plan, v1=True) == best(s, v1=True), f"seed {seed}"
        violations = allocation.verify(s, plan)
        assert violations == [], (seed, [str(v) for v in violations])
