"""`allocation forecast SCENARIO --out DIR`: arrival windows, monthly planning views and calendar.ics."""

from __future__ import annotations

import argparse
import sys

from allocation.commands import iso_date
from allocation.commands.validate import load_or_report, report_problems
from allocation.errors import Problem, ScenarioError
from allocation.io import read_plan
from allocation.plan import Plan
from allocation.scenario import Scenario


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the forecast subcommand."""
    parser = subparsers.add_parser(
        "forecast",
        help="forecast arrivals, school places and deadlines; write CSV files and calendar.ics",
        description=(
            "Writes windows.csv, arrivals.csv, school_places.csv, deadlines.csv, calendar.ics and "
            "overdue.csv to DIR. "
            "Exit 0 when written, 2 on invalid input (FILE:ROW: COLUMN: message lines, as validate), "
            "1 when the files cannot be written."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario folder of CSV files or .xlsx workbook")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the forecast files")
    parser.add_argument(
        "--from",
        dest="as_of",
        type=iso_date,
        metavar="DATE",
        help="list only deadlines on or after this day (YYYY-MM-DD) in deadlines.csv and calendar.ics; "
        "windows that ended before it (default: the policy's planning_date) go to overdue.csv",
    )
    parser.add_argument(
        "--plan",
        metavar="PLAN_DIR",
        help="a plan written by `allocation solve` for this scenario: school places and the quota "
        "deadline follow where and when the plan houses each household (Q10, Q12)",
    )
    parser.set_defaults(run=run)


def plan_problems(scenario: Scenario, plan: Plan) -> list[Problem]:
    """Assignments naming households or dwellings the scenario does not have (a plan of another scenario)."""
    problems = []
    households, dwellings = {h.id for h in scenario.households}, {d.id for d in scenario.dwellings}
    for row, a in enumerate(plan.assignments, start=1):
        if a.household not in households:
            problems.append(
                Problem(
                    "assignments.csv",
                    row,
                    "household",
                    f"unknown household {a.household}; "
                    "it is not in the scenario (is this the plan of another scenario?)",
                )
            )
        if a.dwelling not in dwellings:
            problems.append(
                Problem(
                    "assignments.csv",
                    row,
                    "dwelling",
                    f"unknown dwelling {a.dwelling}; "
                    "it is not in the scenario (is this the plan of another scenario?)",
                )
            )
    return problems


def run(args: argparse.Namespace) -> int:
    """Load, forecast, write; 0 written, 2 invalid input, 1 not writable."""
    from allocation.forecast import write_forecast

    scenario = load_or_report(args.scenario)
    if isinstance(scenario, int):
        return scenario
    plan = None
    if args.plan is not None:
        try:
            plan = read_plan(args.plan)
        except ScenarioError as err:
            return report_problems(args.plan, err.problems)
        problems = plan_problems(scenario, plan)
        if problems:
            return report_problems(args.plan, problems)
    try:
        result = write_forecast(scenario, args.out, as_of=args.as_of, plan=plan)
    except OSError as err:
        print(f"allocation forecast: cannot write {args.out}: {err}", file=sys.stderr)
        return 1
    persons = sum(f.persons for f in result.expected)
    print(f"{len(result.expected)} households expected with {persons} arriving persons")
    if result.refused:
        print(f"{len(result.refused)} refused applications left out: {', '.join(result.refused)}")
    if result.unknown:
        print(
            f"{len(result.unknown)} households without arrival date or TVS step left out: "
            f"{', '.join(result.unknown)}"
        )
    if result.overdue:
        print(
            f"{len(result.overdue)} households whose arrival window has ended, check TVS (overdue.csv): "
            f"{', '.join(f.household.id for f in result.overdue)}"
        )
    print(f"forecast written to {args.out}")
    return 0
