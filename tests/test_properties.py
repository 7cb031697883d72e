"""Properties of every plan, over random small scenarios (hypothesis) and generated mid-size ones.

The case counts appear at the end of pytest's output ("properties (default profile): N cases");
HYPOTHESIS_PROFILE=nightly checks thousands.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import allocation
from allocation.errors import ScenarioError
from allocation.generate import generate
from allocation.io import scenario_from_tables, scenario_to_tables
from allocation.plan import Plan
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from property_cases import CASES
from solving import MIP_SOLVERS

ROLES = ("partner", "child", "child", "child", "parent", "sibling", "other")
SEXES = (None, "m", "f", "x")


def heavy() -> settings:
    """Properties that solve several times per case run on half as many cases."""
    return settings(max_examples=max(10, settings.default.max_examples // 2))


@st.composite
def dwellings_in(
    draw, codes: list[str], prefix: str = "W", count: tuple[int, int] = (1, 15)
) -> list[Dwelling]:
    n = draw(st.integers(*count))
    out = []
    for i in range(n):
        room = draw(st.integers(0, 7)) == 0
        out.append(
            Dwelling(
                id=f"{prefix}{i}",
                municipality=draw(st.sampled_from(codes)),
                bedrooms=1 if room else draw(st.integers(0, 4)),
                max_occupants=1 if room else draw(st.integers(1, 8)),
                rent=draw(st.sampled_from([None, None, 450.0, 498.2, 520.0, 700.0, 750.0, 900.0])),
                accessible=draw(st.booleans()),
                kind="room" if room else "independent",
            )
        )
    return out


@st.composite
def scenarios(draw, pins: bool = False) -> Scenario:
    """A valid scenario: 1-4 municipalities in up to 2 regions, 1-15 dwellings, 1-12 households of 1-9."""
    n_muni = draw(st.integers(1, 4))
    regions = draw(st.lists(st.sampled_from([None, "R1", "R2"]), min_size=n_muni, max_size=n_muni))
    municipalities = [
        Municipality(
            code=f"GM{i:04d}",
            name=f"Gemeente {i}",
            region=regions[i],
            quota=draw(st.integers(0, 20)),
            housed=draw(st.integers(0, 5)),
        )
        for i in range(n_muni)
    ]
    codes = [m.code for m in municipalities]
    dwellings = draw(dwellings_in(codes))
    place = {d.id: d.municipality for d in dwellings}
    free = [d.id for d in dwellings]
    households, persons = [], []
    for h in range(draw(st.integers(1, 12))):
        hid = f"H{h}"
        home = draw(st.sampled_from(codes))
        amv = draw(st.sampled_from([None, None, None, *codes]))
        size = draw(st.integers(1, 9))
        minor_referent = amv is not None and draw(st.booleans())
        referent_age = draw(st.integers(15, 17)) if minor_referent else draw(st.integers(18, 70))
        members = [
            Person(
                id=f"{hid}-1",
                household=hid,
                role="referent",
                age=referent_age,
                sex=draw(st.sampled_from(SEXES)),
            )
        ]
        for k in range(2, size + 1):
            role = draw(st.sampled_from(ROLES))
            age = (
                draw(st.integers(0, 17))
                if role == "child" and draw(st.booleans())
                else draw(st.sampled_from([18, 19, 20]))  # v2: young adults (youth rent limit)
                if role in ("child", "sibling") and draw(st.booleans())
                else draw(st.integers(0, 80))
            )
            if role == "parent" and minor_referent:
                age = draw(st.integers(35, 70))
            members.append(
                Person(
                    id=f"{hid}-{k}",
                    household=hid,
                    role=role,
                    age=age,
                    sex=draw(st.sampled_from(SEXES)),
                    needs_accessible=draw(st.integers(0, 9)) == 0,
                    counted_before=draw(st.sampled_from([None, None, None, True, False])),
                )
            )
        current = None
        if free and draw(st.integers(0, 4)) == 0:
            current = draw(st.sampled_from(free))
            free.remove(current)
            # v2: some members already live with the referent (casus 1)
            members = [
                p.model_copy(update={"arriving": False}) if k and draw(st.integers(0, 3)) == 0 else p
                for k, p in enumerate(members)
            ]
        region = next(m.region for m in municipalities if m.code == home)
        reach = {home, amv} | {m.code for m in municipalities if region and m.region == region}
        pinned = None
        choices = [d for d in free if place[d] in reach]
        # Random pins may not fit and may point away from a referent's fitting home. They come
        # first in the objective, so only the validity properties draw them.
        if choices and pins and draw(st.integers(0, 5)) == 0:
            pinned = draw(st.sampled_from(choices))
            free.remove(pinned)
        households.append(
            Household(
                id=hid,
                municipality=home,
                current_dwelling=current,
                needs_accessible=draw(st.integers(0, 5)) == 0,
                amv_municipality=amv,
                pinned_dwelling=pinned,
            )
        )
        persons += members
    scenario = Scenario(
        municipalities=municipalities, dwellings=dwellings, households=households, persons=persons
    )
    try:  # only what the validator accepts is a scenario a planner can solve
        return scenario_from_tables(scenario_to_tables(scenario))
    except ScenarioError:
        assume(False)
        raise


def check_plan(scenario: Scenario, plan: Plan) -> None:
    """Verifies; every household housed or explained exactly once; the quota report adds up."""
    assert allocation.verify(scenario, plan) == [], [str(v) for v in allocation.verify(scenario, plan)]
    housed = Counter(a.household for a in plan.assignments if a.kind != "split")
    housed.update({a.household for a in plan.assignments if a.kind == "split"})
    left = Counter(u.household for u in plan.unassigned)
    for h in scenario.households:
        assert housed[h.id] + left[h.id] == 1, h.id
    assert all(u.reason_code and u.reason for u in plan.unassigned)
    counted: Counter[str] = Counter()
    for a in plan.assignments:
        household = scenario.household(a.household)
        for pid in a.person_ids:
            person = scenario.person(pid)
            # v2 (casus 1): counted before when so marked, else when not arriving to a current home
            was_counted = person.counted_before
            if was_counted is None:
                was_counted = not person.is_arriving and household.current_dwelling is not None
            counted[a.municipality] += 0 if was_counted else 1
    for line in plan.quota:
        m = scenario.municipality(line.code)
        assert (line.quota, line.housed_before, line.newly_counted) == (m.quota, m.housed, counted[line.code])
        assert line.shortfall == max(0, m.quota - m.housed - line.newly_counted)
    assert sorted(q.code for q in plan.quota) == sorted(m.code for m in scenario.municipalities)
    assert plan.summary()["persons_housed"] == sum(a.persons for a in plan.assignments)


def terms(plan: Plan) -> dict[str, float]:
    """Objective terms a planner compares (the pin count is not a quality of the plan)."""
    return {k: v for k, v in plan.stats.objective_terms.items() if k != "pins"}


def persons(plan: Plan) -> int:
    return plan.summary()["persons_housed"]


@given(scenarios(pins=True), st.sampled_from(["highs", "greedy"]))
def test_every_plan_verifies_and_accounts_for_every_household(scenario: Scenario, solver: str) -> None:
    CASES["plan verifies, households and quota add up"] += 1
    check_plan(scenario, allocation.solve(scenario, solver=solver, time_limit=30))


@heavy()
@given(scenarios())
def test_backends_agree_and_greedy_never_houses_more(scenario: Scenario) -> None:
    CASES["backends agree, greedy never better"] += 1
    plans = {s: allocation.solve(scenario, solver=s, time_limit=30) for s in MIP_SOLVERS}
    for solver, plan in plans.items():
        assert plan.stats.status == "optimal", (solver, plan.stats.message)
        check_plan(scenario, plan)
    assert terms(plans["scip"]) == terms(plans["highs"])
    assert terms(plans["cpsat"]) == terms(plans["highs"])
    greedy = allocation.solve(scenario, solver="greedy")
    assert persons(greedy) <= persons(plans["highs"])


@heavy()
@given(scenarios(), st.data())
def test_adding_a_dwelling_never_lowers_persons_housed(scenario: Scenario, data) -> None:
    CASES["one more dwelling never houses fewer"] += 1
    codes = [m.code for m in scenario.municipalities]
    extra = data.draw(dwellings_in(codes, prefix="X", count=(1, 1)))
    bigger = scenario.model_copy(update={"dwellings": [*scenario.dwellings, *extra]})
    bigger = Scenario.model_validate(bigger.model_dump())
    before = allocation.solve(scenario, time_limit=30)
    after = allocation.solve(bigger, time_limit=30)
    assert before.stats.status == after.stats.status == "optimal"
    check_plan(bigger, after)
    assert persons(after) >= persons(before)


@heavy()
@given(scenarios())
def test_pinning_the_optimal_plan_and_solving_again_keeps_the_objective(scenario: Scenario) -> None:
    CASES["pinning the own plan keeps the objective"] += 1
    first = allocation.solve(scenario, time_limit=30)
    home = {
        a.household: a.dwelling
        for a in first.assignments
        if a.kind != "join" and scenario.referent(a.household).id in a.person_ids
    }
    households = [
        h.model_copy(update={"pinned_dwelling": home.get(h.id), "pinned_municipality": None})
        for h in scenario.households
    ]
    pinned = Scenario.model_validate(
        {**scenario.model_dump(), "households": [h.model_dump() for h in households]}
    )
    again = allocation.solve(pinned, time_limit=30)
    check_plan(pinned, again)
    assert again.stats.status == "optimal"
    assert terms(again) == terms(first)


@heavy()
@given(st.integers(0, 10_000), st.integers(30, 150))
def test_generated_mid_size_scenarios(seed: int, households: int) -> None:
    CASES["generated mid-size scenarios"] += 1
    scenario = generate(households, households, 6, 2, seed)
    optimal = allocation.solve(scenario, time_limit=60)
    check_plan(scenario, optimal)
    greedy = allocation.solve(scenario, solver="greedy")
    check_plan(scenario, greedy)
    assert persons(greedy) <= persons(optimal)


def test_joining_a_referent_whose_home_lies_outside_the_linked_municipality_verifies() -> None:
    """Found by the properties: the woningcheck join was flagged OUT_OF_REACH by the verifier."""
    scenario = Scenario(
        municipalities=[
            Municipality(code="GM0000", name="Woonplaats", quota=0),
            Municipality(code="GM0001", name="Gekoppeld", quota=0),
        ],
        dwellings=[Dwelling(id="W0", municipality="GM0000", bedrooms=1, max_occupants=1, kind="room")],
        households=[Household(id="H0", municipality="GM0001", current_dwelling="W0")],
        persons=[Person(id="H0-1", household="H0", role="referent", age=18)],
    )
    for solver in ("highs", "greedy"):
        plan = allocation.solve(scenario, solver=solver)
        assert [(a.household, a.dwelling, a.kind) for a in plan.assignments] == [("H0", "W0", "join")]
        check_plan(scenario, plan)


def one_room(*households: Household, sizes: dict[str, int]) -> Scenario:
    """One municipality with one room (kamer, one person) and households of the given sizes."""
    persons = []
    for h in households:
        persons.append(Person(id=f"{h.id}-1", household=h.id, role="referent", age=30))
        persons += [
            Person(id=f"{h.id}-{k}", household=h.id, role="child", age=5) for k in range(2, sizes[h.id] + 1)
        ]
    return Scenario(
        municipalities=[Municipality(code="GM0000", name="Gemeente", quota=0)],
        dwellings=[Dwelling(id="W0", municipality="GM0000", bedrooms=1, max_occupants=1, kind="room")],
        households=list(households),
        persons=persons,
    )


def test_a_pin_that_does_not_fit_does_not_keep_its_dwelling_empty() -> None:
    scenario = one_room(
        Household(id="H0", municipality="GM0000", pinned_dwelling="W0"),
        Household(id="H1", municipality="GM0000"),
        sizes={"H0": 6, "H1": 1},
    )
    greedy = allocation.solve(scenario, solver="greedy")
    assert [(a.household, a.dwelling) for a in greedy.assignments] == [("H1", "W0")]
    optimal = allocation.solve(scenario)
    assert persons(optimal) >= persons(greedy)


def test_a_pin_away_from_a_fitting_home_gives_a_plan_that_verifies() -> None:
    scenario = Scenario(
        municipalities=[Municipality(code="GM0000", name="Gemeente", quota=0)],
        dwellings=[
            Dwelling(id="W0", municipality="GM0000", bedrooms=1, max_occupants=1, kind="room"),
            Dwelling(id="W1", municipality="GM0000", bedrooms=1, max_occupants=1, kind="room"),
        ],
        households=[Household(id="H0", municipality="GM0000", current_dwelling="W0", pinned_dwelling="W1")],
        persons=[Person(id="H0-1", household="H0", role="referent", age=18)],
    )
    check_plan(scenario, allocation.solve(scenario))
