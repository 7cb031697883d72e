"""Last: where every policy term leaves a choice, house households in the tie order (v2).

Already in the Netherlands first, then longest waiting, then id (rules.order). Each household
gets a priority that falls with its place in that order; the term is the sum of the priorities of
the households housed. Within a class the first households in the order are housed first, so the
class's share is a concave sum: one 0..1 column per member, filled best first by the solver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocation.model.constraints.households import housed
from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Sum of the tie-order priorities of the households housed (maximize)."""
    comp, prog = cm.component, cm.program
    ranks = sorted(r for c in comp.classes for r in c.ranks)
    local = {r: i for i, r in enumerate(ranks)}
    top = len(ranks)
    cols: list[int] = []
    coefs: list[float] = []
    per_class = housed(cm)
    for cls in comp.classes:
        expr = per_class.get(cls.id)
        if expr is None:
            continue
        priorities = [float(top - local[r]) for r in cls.ranks]
        if len(priorities) == 1:
            cols.extend(expr.cols.tolist())
            coefs.extend([priorities[0]] * len(expr.cols))
            continue
        members = [prog.column(1) for _ in priorities]
        prog.row(Expr.of(members) + expr.scaled(-1.0), lb=0.0, ub=0.0)
        cols.extend(members)
        coefs.extend(priorities)
    return Expr.of(cols, coefs), float(top * (top + 1) // 2)
