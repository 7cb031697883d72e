"""Layers (issue 12): the rules import no presentation and no forecast; forecast names still work."""

from __future__ import annotations

import ast
from pathlib import Path

import allocation

RULES = Path(allocation.__file__).parent / "rules"
ALLOWED = ("allocation.rules", "allocation.policy", "allocation.scenario", "allocation.plan")
"""The data types below the rules, a plan's too (a re-plan's rules read the previous plan's marks)."""


def imports_of(path: Path) -> set[str]:
    """Modules a source file imports, at any depth (lazy imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_rules_import_only_rules_policy_scenario_and_plan_types() -> None:
    for path in sorted(RULES.glob("*.py")):
        wrong = {m for m in imports_of(path) if m.startswith("allocation") and not m.startswith(ALLOWED)}
        assert not wrong, (path.name, wrong)


def test_forecast_keeps_its_public_names() -> None:
    from allocation import forecast, rules
    from allocation.forecast import windows

    assert forecast.arrival_window is rules.arrival_window
    assert forecast.is_refused is rules.is_refused
    assert windows.arrival_window is rules.arrival_window
    assert callable(forecast.write_forecast) and forecast.FILES[0] == "windows.csv"
    assert not hasattr(forecast, "__getattr__")


def test_fit_problems_are_data_rendered_by_the_texts() -> None:
    from dataclasses import FrozenInstanceError

    import pytest

    from allocation.reason_texts import fit_problem_text
    from allocation.rules import FitProblem

    problem = FitProblem("bedrooms", {"need": 1, "has": 0})
    with pytest.raises(FrozenInstanceError):
        problem.code = "rent"  # type: ignore[misc]
    assert fit_problem_text("en", problem) == "needs 1 bedroom, dwelling has 0"
    assert fit_problem_text("nl", problem) == "heeft 1 slaapkamer nodig, woning heeft er 0"
