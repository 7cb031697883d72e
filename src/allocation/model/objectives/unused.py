"""Soft: least unused capacity, so large homes go to large families."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(
    cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]
) -> tuple[mathopt.LinearExpression, float]:
    """Sum over used dwellings of max_occupants minus persons placed (minimize)."""
    types = cm.component.type_index
    expr = mathopt.fast_sum(
        (types[tid].max_occupants - prof[0]) * v for (_m, prof, tid), v in cm.take.items()
    )
    bound = sum(t.max_occupants * len(t.dwellings) for t in cm.component.types)
    return expr, float(bound)
