"""Shared helpers for solver tests: load a hand-made scenario, solve it, and always verify the plan."""

from __future__ import annotations

from pathlib import Path

import allocation
from allocation.plan import Plan
from allocation.scenario import Scenario

SCENARIOS = Path(__file__).parent / "scenarios"
MIP_SOLVERS = ("highs", "scip", "cpsat")


def load(name: str, **policy_changes: object) -> Scenario:
    """A scenario folder under tests/scenarios, with policy settings changed if asked."""
    scenario = allocation.load_scenario(SCENARIOS / name)
    if policy_changes:
        policy = scenario.policy.model_copy(update=policy_changes)
        scenario = scenario.model_copy(update={"policy": policy})
    return scenario


def solved(scenario: Scenario, solver: str = "highs", **kwargs: object) -> Plan:
    """Solve and assert the independent verifier finds no broken rule."""
    plan = allocation.solve(scenario, solver=solver, time_limit=kwargs.pop("time_limit", 60), **kwargs)
    violations = allocation.verify(scenario, plan)
    assert violations == [], "\n".join(str(v) for v in violations)
    return plan


def placements(plan: Plan) -> dict[str, list[tuple[str, str, int]]]:
    """Household -> sorted (dwelling, kind, persons): what a planner reads off the plan."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for a in plan.assignments:
        out.setdefault(a.household, []).append((a.dwelling, a.kind, a.persons))
    return {h: sorted(v) for h, v in out.items()}


def reasons(plan: Plan) -> dict[str, str]:
    """Household -> reason code of every household left out."""
    return {u.household: u.reason_code for u in plan.unassigned}


def quota(plan: Plan) -> dict[str, tuple[int, int]]:
    """Municipality code -> (newly counted, shortfall)."""
    return {q.code: (q.newly_counted, q.shortfall) for q in plan.quota}
