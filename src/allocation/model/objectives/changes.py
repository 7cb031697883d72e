"""Soft: fewest households moved away from the home the previous plan gave them (stable re-plans)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Households with a previous home minus those whose main group takes it again (minimize)."""
    comp = cm.component
    types = comp.type_index
    before = {o.profiles[0].previous for c in comp.classes for o in c.options} - {None}
    if not before:
        return Expr.of([]), 0.0
    keeps = [
        col
        for (_m, prof, tid), col in cm.take.items()
        if prof.previous is not None and prof.previous == types[tid].previous_of
    ]
    changes = cm.program.column(len(before))
    cm.program.row(Expr.of([changes, *keeps]), lb=float(len(before)), ub=float(len(before)))
    return Expr.of([changes]), float(len(before))
