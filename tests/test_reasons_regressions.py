"""Reasons and dated limits found wrong by the property tests, each kept as a regression."""

from __future__ import annotations

import allocation
from allocation.generate import generate
from allocation.policy import DEFAULT_ORDER
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario


def test_a_free_split_pair_is_named_not_called_taken() -> None:
    """Greedy leaves H00091 out while two free homes would hold it split (casus 4, split_when v2)."""
    scenario = generate(95, 95, 6, 2, 399)
    plan = allocation.solve(scenario, solver="greedy")
    assert allocation.verify(scenario, plan) == []
    (left_out,) = [u for u in plan.unassigned if u.household == "H00091"]
    assert left_out.reason_code == "NOT_PLACED"
    assert left_out.reason.startswith(
        "homes D00067 and D00012 stayed free and would hold this household split"
    )


def test_a_pin_out_of_reach_is_no_fitting_home_and_says_so() -> None:
    scenario = Scenario(
        municipalities=[
            Municipality(code="GM0001", name="Dorrade", region="A", quota=5),
            Municipality(code="GM0004", name="Terbeek", region="B", quota=5),
        ],
        dwellings=[Dwelling(id="D5", municipality="GM0001", bedrooms=4, max_occupants=7)],
        households=[Household(id="H1", municipality="GM0004", pinned_dwelling="D5")],
        persons=[
            Person(id="P1", household="H1", role="referent", age=33),
            Person(id="P2", household="H1", role="partner", age=27),
        ],
    )
    for solver in ("highs", "greedy"):
        plan = allocation.solve(scenario, solver=solver)
        assert allocation.verify(scenario, plan) == []
        (left_out,) = plan.unassigned
        assert left_out.reason_code == "NO_FITTING_DWELLING"
        assert left_out.reason.startswith("pinned dwelling D5 lies in Dorrade, which this household may not")


def test_a_vacated_home_is_not_held_beyond_the_vacancy_limit() -> None:
    """A home a referent leaves in June may not stand empty until a family arrives in April."""
    scenario = generate(150, 150, 4, 1, 1)
    policy = scenario.policy.model_copy(
        update={
            "max_vacancy_days": 120,
            "max_reception_wait_days": 180,
            "objective_order": [*DEFAULT_ORDER, "wait", "vacancy"],
        }
    )
    timed = scenario.model_copy(update={"policy": policy})
    plan = allocation.solve(timed)
    assert plan.stats.status == "optimal"
    assert allocation.verify(timed, plan) == []
    vacancy = [a.score.vacancy_days for a in plan.assignments if a.score.vacancy_days is not None]
    assert max(vacancy) <= 120 + policy.time_bucket_days
