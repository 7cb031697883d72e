"""`allocation validate SCENARIO`: every problem of a scenario, or a one-line summary when valid."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from allocation.errors import Problem, ScenarioError
from allocation.io import load_scenario
from allocation.io.scenario_io import WORKBOOK_SUFFIXES
from allocation.io.validate import sort_problems
from allocation.reason_texts import Language
from allocation.scenario import Scenario
from allocation.warning_texts import scenario_warnings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the validate subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check a scenario folder or .xlsx workbook and list every problem",
        description=(
            "Exit 0 when the scenario is valid; else 2, printing FILE:ROW: COLUMN: message lines. "
            "Doubts that do not block a plan are printed as FILE:ROW: COLUMN: warning: message lines."
        ),
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario folder of CSV files or .xlsx workbook")
    parser.set_defaults(run=run)


def load_or_report(path: str) -> Scenario | int:
    """The scenario, or exit code 2 after printing every problem (never a traceback for bad input)."""
    try:
        return load_scenario(path)
    except ScenarioError as err:
        return report_problems(path, err.problems)
    except (OSError, ValueError) as err:  # the readers turn what they know into problems; what is
        # left is the file system (a file gone or locked meanwhile) or a value no reader expected
        # (ValueError covers UnicodeDecodeError, pydantic's ValidationError and pyarrow's ArrowInvalid).
        # Anything else is a defect of this program, not bad input: it is not reported as exit 2.
        return report_problems(path, [Problem(str(path), 0, "-", f"cannot be read: {err}")])


def report_warnings(path: str, scenario: Scenario, lang: Language = "en") -> int:
    """Warnings (doubts that do not block a plan) on stderr, one per line; how many there were."""
    source = "xlsx" if Path(path).suffix.lower() in WORKBOOK_SUFFIXES else "csv"
    warnings = scenario_warnings(scenario, lang, source=source)
    for warning in warnings:
        print(warning, file=sys.stderr)
    return len(warnings)


def run(args: argparse.Namespace) -> int:
    """Validate and report; 0 valid (warnings on stderr do not change that), 2 not valid."""
    scenario = load_or_report(args.scenario)
    if isinstance(scenario, int):
        return scenario
    report_warnings(args.scenario, scenario)
    print(
        f"{args.scenario}: valid: {len(scenario.municipalities)} municipalities, "
        f"{len(scenario.dwellings)} dwellings, {len(scenario.households)} households, "
        f"{len(scenario.persons)} persons"
    )
    return 0


def report_problems(path: str, problems: list[Problem]) -> int:
    """Every problem on stderr, one per line, sorted by file then row; a count on stdout."""
    problems = sort_problems(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{path}: not valid: {count} problem{'s' if count != 1 else ''}")
    return 2
