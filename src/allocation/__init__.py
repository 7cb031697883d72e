"""Housing allocation for family reunification (nareizigers) across cooperating municipalities.

The public API used by the CLI, the app and batch scripts::

    import allocation
    scenario = allocation.load_scenario("data/example")
    plan = allocation.solve(scenario)
    assert allocation.verify(scenario, plan) == []
    allocation.write_plan(plan, "out/")
"""

from allocation.errors import Problem, ScenarioError
from allocation.io import load_scenario, read_plan, write_plan, write_scenario
from allocation.model.backends import SolverOptions
from allocation.optimize import SOLVERS, Progress, solve
from allocation.plan import Assignment, Plan, QuotaLine, SolveStats, Unassigned
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from allocation.verify import Violation, verify

__all__ = [
    "SOLVERS",
    "Assignment",
    "Dwelling",
    "Household",
    "Municipality",
    "Person",
    "Plan",
    "Policy",
    "Problem",
    "Progress",
    "QuotaLine",
    "Scenario",
    "ScenarioError",
    "SolveStats",
    "SolverOptions",
    "Unassigned",
    "Violation",
    "load_scenario",
    "read_plan",
    "solve",
    "verify",
    "write_plan",
    "write_scenario",
]
