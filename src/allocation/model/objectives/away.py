"""Soft: fewest households housed away from home (the AMV's municipality when given, Q7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(
    cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]
) -> tuple[mathopt.LinearExpression, float]:
    """Households placed outside their home municipality (minimize)."""
    classes = cm.component.class_index
    expr = mathopt.fast_sum(v for (cid, m, _o), v in cm.place.items() if m != classes[cid].home)
    return expr, float(sum(len(c.households) for c in cm.component.classes))
