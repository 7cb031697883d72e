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
    counted = _counted_now(cm) if scenario.policy.quota_period_end else _counted(cm)
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


Counted = dict[str, tuple[list[int], list[float]]]


def _counted(cm: ComponentModel) -> Counted:
    """Per municipality, the placement columns and the persons each counts there."""
    classes = cm.component.class_index
    counted: Counted = defaultdict(lambda: ([], []))
    for (cid, m, o), col in cm.place.items():
        q = sum(classes[cid].options[o].quota)
        if q:
            counted[m][0].append(col)
            counted[m][1].append(float(q))
    return counted


def _counted_now(cm: ComponentModel) -> Counted:
    """As _counted, per dwelling taken: a home free after quota_period_end counts for the next
    period (Q10), so its persons are left out of this period's count."""
    types = cm.component.type_index
    counted: Counted = defaultdict(lambda: ([], []))
    for (m, prof, tid), col in cm.take.items():
        if prof.counted and not types[tid].next_period:
            counted[m][0].append(col)
            counted[m][1].append(float(prof.counted))
    return counted
