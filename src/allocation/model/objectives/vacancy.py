"""Soft: fewest days homes stand empty (leegstand) waiting for the family they are given to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation import rules
from allocation.model.objectives.timing import days_term
from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Sum over placed groups of the days the home is free before the family arrives (minimize)."""
    return days_term(cm, scenario, rules.vacancy_days)
