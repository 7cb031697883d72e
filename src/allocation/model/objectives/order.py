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
    shares: list[list[int]] = []  # per class of several: its members' columns, then its placements
    signs: list[list[float]] = []
    for cls in comp.classes:
        placed = per_class.get(cls.id)
        if placed is None:
            continue
        priorities = [float(top - local[r]) for r in cls.ranks]
        if len(priorities) == 1:
            cols.extend(placed)
            coefs.extend([priorities[0]] * len(placed))
            continue
        members = list(prog.columns([1.0] * len(priorities)))
        shares.append(members + placed)
        signs.append([1.0] * len(members) + [-1.0] * len(placed))
        cols.extend(members)
        coefs.extend(priorities)
    prog.rows_of(shares, signs, lb=0.0, ub=0.0)
    return Expr.of(cols, coefs), float(top * (top + 1) // 2)
