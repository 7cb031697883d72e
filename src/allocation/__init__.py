"""Housing allocation for family reunification (nareizigers) across cooperating municipalities.

The public API used by the CLI, the app and batch scripts::

    import allocation
    scenario = allocation.load_scenario("data/example")
    plan = allocation.solve(scenario)
    assert allocation.verify(scenario, plan) == []
    allocation.write_plan(plan, "out/")

    # the weekly plan: dated when the scenario has dates, stable against last week's plan
    week = allocation.replan(scenario, previous=plan)
    assert allocation.verify(week.scenario, week.plan) == []
"""

from allocation.errors import Problem, ScenarioError
from allocation.io import load_scenario, read_plan, write_plan, write_scenario
from allocation.model.backends import SolverOptions
from allocation.optimize import SOLVERS, Progress, solve
from allocation.plan import Assignment, Plan, QuotaLine, SolveStats, Unassigned
from allocation.policy import Policy
from allocation.replan import Change, Replanned, replan
from allocation.rules.previous import PreviousHome, PreviousPlan
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from allocation.verify import Violation, verify

__all__ = [
    "SOLVERS",
    "Assignment",
    "Change",
    "Dwelling",
    "Household",
    "Municipality",
    "Person",
    "Plan",
    "Policy",
    "PreviousHome",
    "PreviousPlan",
    "Problem",
    "Progress",
    "QuotaLine",
    "Replanned",
    "Scenario",
    "ScenarioError",
    "SolveStats",
    "SolverOptions",
    "Unassigned",
    "Violation",
    "load_scenario",
    "read_plan",
    "replan",
    "solve",
    "verify",
    "write_plan",
    "write_scenario",
]
