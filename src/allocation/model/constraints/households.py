"""Hard: a class houses at most as many households as it has, each once (one home or one split)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.component import ComponentModel


def housed(cm: ComponentModel) -> dict[int, Expr]:
    """Households housed per class, over all municipalities and options."""
    per_class: dict[int, list[int]] = defaultdict(list)
    for (cid, _m, _o), col in cm.place.items():
        per_class[cid].append(col)
    return {cid: Expr.of(cols) for cid, cols in per_class.items()}


def add(cm: ComponentModel) -> None:
    """Sum of a class's placements <= its number of households (a lone column has it as bound)."""
    for cid, expr in housed(cm).items():
        if len(expr.cols) > 1:
            cm.program.row(expr, ub=len(cm.component.class_index[cid].households))
