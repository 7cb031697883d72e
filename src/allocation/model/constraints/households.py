"""Hard: a class houses at most as many households as it has, each once (one home or one split)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel


def placements(cm: ComponentModel) -> dict[int, list[mathopt.Variable]]:
    """Placement variables per class, over all municipalities and options."""
    per_class: dict[int, list[mathopt.Variable]] = defaultdict(list)
    for (cid, _m, _o), var in cm.place.items():
        per_class[cid].append(var)
    return per_class


def add(cm: ComponentModel) -> None:
    """Sum of a class's placements <= its number of households (a lone variable has it as bound)."""
    for cid, variables in placements(cm).items():
        if len(variables) > 1:
            size = len(cm.component.class_index[cid].households)
            cm.model.add_linear_constraint(mathopt.fast_sum(variables) <= size)
