"""Soft, first policy term: house as many persons as possible (whole families count)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Persons housed by the component's placements (maximize)."""
    classes = cm.component.class_index
    keys = list(cm.place)
    expr = Expr.of([cm.place[k] for k in keys], [classes[k[0]].size for k in keys])
    return expr, float(sum(c.size * len(c.households) for c in cm.component.classes))
