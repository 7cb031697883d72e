"""Soft: fewest households housed away from home (the AMV's municipality when given, Q7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Households placed outside their home municipality (minimize)."""
    classes = cm.component.class_index
    expr = Expr.of([col for (cid, m, _o), col in cm.place.items() if m != classes[cid].home])
    return expr, float(sum(len(c.households) for c in cm.component.classes))
