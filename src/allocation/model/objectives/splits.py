"""Soft: fewest families at two addresses (casus 4 allows it only as a last resort)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(
    cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]
) -> tuple[mathopt.LinearExpression, float]:
    """Households housed split over two dwellings (minimize)."""
    classes = cm.component.class_index
    expr = mathopt.fast_sum(v for (cid, _m, o), v in cm.place.items() if classes[cid].options[o].split)
    return expr, float(sum(len(c.households) for c in cm.component.classes))
