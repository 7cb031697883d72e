"""Planning with time: wait and vacancy limits change who gets which home, and refused cases drop out."""

from __future__ import annotations

import pytest

import allocation
from solving import MIP_SOLVERS, load, placements, reasons, solved

TIMED = ["persons", "shortfall", "away", "splits", "unused", "wait", "vacancy"]


@pytest.mark.parametrize("solver", [*MIP_SOLVERS, "greedy"])
def test_a_home_free_too_late_for_one_family_goes_to_a_later_one(solver: str) -> None:
    plan = solved(load("timing"), solver)
    assert placements(plan)["HA"] == [("W2", "move", 3)]  # free the day after HA arrives
    assert placements(plan)["HB"] == [("W1", "move", 3)]  # free a week after HB arrives
    scores = {a.household: a.score for a in plan.assignments}
    assert (scores["HA"].wait_days, scores["HA"].vacancy_days) == (1, 0)
    assert (scores["HB"].wait_days, scores["HB"].vacancy_days) == (7, 0)


def test_without_time_the_longest_waiting_family_gets_the_first_home_by_id() -> None:
    untimed = load(
        "timing",
        max_vacancy_days=None,
        max_reception_wait_days=None,
        objective_order=TIMED[:5],
    )
    plan = solved(untimed)
    # Same homes, no dates compared: HA (waiting longest) is given W1, free only in September.
    assert placements(plan)["HA"] == [("W1", "move", 3)]


def test_a_refused_application_needs_no_home() -> None:
    plan = solved(load("timing"))
    assert "HC" not in placements(plan)
    refused = next(u for u in plan.unassigned if u.household == "HC")
    assert refused.reason_code == "APPLICATION_REFUSED"
    assert refused.reason == "the application was refused (afgewezen) on 2026-02-10; no home is needed"


def test_a_family_with_only_late_homes_is_told_so() -> None:
    scenario = load("timing")
    late_only = allocation.Scenario.model_validate(
        {**scenario.model_dump(), "dwellings": [d.model_dump() for d in scenario.dwellings if d.id == "W1"]}
    )
    plan = solved(late_only)
    assert placements(plan) == {"HB": [("W1", "move", 3)]}
    assert reasons(plan)["HA"] == "NOT_IN_TIME"
    assert next(u.reason for u in plan.unassigned if u.household == "HA") == (
        # one home: "not free in time", not "none ... the closest" (number agreement, v2)
        "1 fitting home, not free in time: W1 is free from 2026-09-01, "
        "184 days after the family's likely arrival on 2026-03-01 (at most 60 days in reception)"
    )


def test_verify_catches_a_family_left_waiting_too_long() -> None:
    scenario = load("timing")
    plan = solved(scenario)
    swapped = plan.model_copy(
        update={
            "assignments": [
                a.model_copy(update={"dwelling": {"W1": "W2", "W2": "W1"}.get(a.dwelling, a.dwelling)})
                for a in plan.assignments
            ]
        }
    )
    rules = {v.rule for v in allocation.verify(scenario, swapped)}
    assert {"TIMING_WAIT", "TIMING_VACANCY"} <= rules


@pytest.mark.parametrize("seed", [1, 2])
def test_backends_agree_when_planning_with_time(seed: int) -> None:
    from allocation.generate import generate

    scenario = generate(150, 150, 4, 1, seed)
    policy = scenario.policy.model_copy(
        update={"max_vacancy_days": 120, "max_reception_wait_days": 180, "objective_order": TIMED}
    )
    timed = scenario.model_copy(update={"policy": policy})
    plans = {s: solved(timed, s, time_limit=300) for s in MIP_SOLVERS}
    terms = {s: p.stats.objective_terms for s, p in plans.items()}
    assert all(p.stats.status == "optimal" for p in plans.values())
    assert terms["scip"] == terms["highs"] == terms["cpsat"]
    greedy = solved(timed, "greedy")
    assert greedy.summary()["persons_housed"] <= plans["highs"].summary()["persons_housed"]


@pytest.mark.parametrize("limits", [{}, {"max_reception_wait_days": 3}, {"max_vacancy_days": None}])
def test_home_times_answer_as_in_time_and_exact_gap_days_for_every_pair(limits: dict) -> None:
    from datetime import date

    from allocation import rules

    timed = load("timing", planning_date=date(2026, 3, 1), **limits)
    policy = timed.policy
    homes = timed.dwellings
    free_from = {homes[0].id: date(2026, 9, 20), homes[-1].id: None}  # a vacated home, and one without
    times = rules.HomeTimes(policy, free_from)
    for household in timed.households:
        allowed = times.allowing(household)
        for home in homes:
            given = free_from.get(home.id)
            assert allowed(home) == rules.in_time(household, home, policy, given)
            assert times.exact_gap(household, home) == rules.exact_gap_days(household, home, policy, given)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_closest_home_in_time_is_the_nearest_free_day_then_the_lowest_id(seed: int) -> None:
    from datetime import date

    from allocation import rules
    from allocation.generate.instances import generate_family

    dated = generate_family("regional-dated", 120, seed)
    policy = dated.policy.model_copy(update={"planning_date": date(2026, 1, 1)})
    homes = list(dated.dwellings)
    # lists joined from parts, one of them empty; a vacated home free later, one without a date
    parts = (homes[: len(homes) // 3], [], homes[len(homes) // 3 :])
    free_from = {homes[1].id: date(2026, 5, 4), homes[-1].id: None}
    times = rules.HomeTimes(policy, free_from)
    for household in dated.households:
        nearest = [(abs(times.exact_gap(household, home) or 0), home.id, home) for home in homes]
        assert times.closest(household, homes, parts) == min(nearest)[2]
        in_last = nearest[len(homes) // 3 :]
        assert times.closest(household, parts[2]) == min(in_last)[2]
