"""Soft: least total taakstelling shortfall, counting persons where the seed says (Q6, Q10)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]) -> tuple[Expr, float]:
    """Sum over municipalities of max(0, quota - housed before - newly counted) (minimize)."""
    classes = cm.component.class_index
    counted: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for (cid, m, o), col in cm.place.items():
        q = sum(classes[cid].options[o].quota)
        if q:
            counted[m][0].append(col)
            counted[m][1].append(float(q))
    short_cols, bound = [], 0.0
    for code in cm.component.municipalities:
        muni = scenario.municipality(code)
        open_quota = max(0, muni.quota - muni.housed - fixed.get(code, 0))
        if not open_quota:
            continue
        short = cm.program.column(open_quota)
        cols, coefs = counted.get(code, ([], []))
        cm.program.row(Expr.of([short, *cols], [1.0, *coefs]), lb=open_quota)
        short_cols.append(short)
        bound += open_quota
    return Expr.of(short_cols), bound
