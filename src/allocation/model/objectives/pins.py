"""Soft, first: house every household the planner pinned (pinned_dwelling / pinned_municipality)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Pinned households housed (maximize); pins come before every policy term."""
    classes = cm.component.class_index
    expr = Expr.of([col for (cid, _m, _o), col in cm.place.items() if classes[cid].pinned])
    return expr, float(sum(len(c.households) for c in cm.component.classes if c.pinned))
