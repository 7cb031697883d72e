"""Soft: least unused capacity, so large homes go to large families."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Sum over used dwellings of max_occupants minus persons placed (minimize)."""
    types = cm.component.type_index
    keys = list(cm.take)
    expr = Expr.of([cm.take[k] for k in keys], [types[k[2]].max_occupants - k[1].size for k in keys])
    bound = sum(t.max_occupants * len(t.dwellings) for t in cm.component.types)
    return expr, float(bound)
