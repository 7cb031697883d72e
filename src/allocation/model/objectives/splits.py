"""Soft: fewest families at two addresses (casus 4 allows it only as a last resort)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Households housed split over two dwellings (minimize)."""
    classes = cm.component.class_index
    expr = Expr.of([col for (cid, _m, o), col in cm.place.items() if classes[cid].options[o].split])
    return expr, float(sum(len(c.households) for c in cm.component.classes))
