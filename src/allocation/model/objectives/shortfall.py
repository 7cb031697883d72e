"""Soft: least total taakstelling shortfall, counting persons where the seed says (Q6, Q10)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.math_opt.python import mathopt

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def term(
    cm: ComponentModel, scenario: Scenario, fixed: dict[str, int]
) -> tuple[mathopt.LinearExpression, float]:
    """Sum over municipalities of max(0, quota - housed before - newly counted) (minimize)."""
    classes = cm.component.class_index
    counted: dict[str, list] = defaultdict(list)
    for (cid, m, o), var in cm.place.items():
        q = sum(classes[cid].options[o].quota)
        if q:
            counted[m].append(q * var)
    bound = 0.0
    for code in cm.component.municipalities:
        muni = scenario.municipality(code)
        open_quota = max(0, muni.quota - muni.housed - fixed.get(code, 0))
        if not open_quota:
            continue
        short = cm.model.add_integer_variable(lb=0, ub=open_quota)
        cm.model.add_linear_constraint(short + mathopt.fast_sum(counted.get(code, [])) >= open_quota)
        cm.shortfall[code] = short
        bound += open_quota
    return mathopt.fast_sum(cm.shortfall.values()), bound
