"""Soft, first policy term: house as many persons as possible (whole families count)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(
    cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]
) -> tuple[mathopt.LinearExpression, float]:
    """Persons housed by the component's placements (maximize)."""
    classes = cm.component.class_index
    expr = mathopt.fast_sum(classes[cid].size * v for (cid, _m, _o), v in cm.place.items())
    return expr, float(sum(c.size * len(c.households) for c in cm.component.classes))
