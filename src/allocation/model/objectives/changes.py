"""Soft: fewest households moved away from the home the previous plan gave them (stable re-plans).

Members of a class with a `previous_type` all had homes of that type, and each of the class's
options has a staying twin whose main group fits that type only (model.aggregate): a kept member
is a placement in a staying option, so the model stays a network and counts, not names, who stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Households with a previous home minus those placed to stay in it (minimize)."""
    comp = cm.component
    before = sum(len(c.previous) for c in comp.classes)
    if not before:
        return Expr.of([]), 0.0
    classes = comp.class_index
    keeps = [
        col for (cid, _m, o), col in cm.place.items() if classes[cid].options[o].profiles[0].stays is not None
    ]
    changes = cm.program.column(before)
    cm.program.row(Expr.of([changes, *keeps]), lb=float(before), ub=float(before))
    return Expr.of([changes]), float(before)
