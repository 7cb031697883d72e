"""Hard: a class houses at most as many households as it has, each once (one home or one split)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from allocation.model.component import ComponentModel


def housed(cm: ComponentModel) -> dict[int, list[int]]:
    """The placement columns of each class (households housed: their sum), over all municipalities
    and options."""
    per_class: dict[int, list[int]] = defaultdict(list)
    for (cid, _m, _o), col in cm.place.items():
        per_class[cid].append(col)
    return per_class


def add(cm: ComponentModel) -> None:
    """Sum of a class's placements <= its number of households (a lone column has it as bound)."""
    shared = [(cid, cols) for cid, cols in housed(cm).items() if len(cols) > 1]
    classes = cm.component.class_index
    cm.program.rows_of([cols for _, cols in shared], ub=[len(classes[cid].households) for cid, _ in shared])
