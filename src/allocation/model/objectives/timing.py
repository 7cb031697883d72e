"""Days per pairing of a group and a dwelling type, shared by the wait and vacancy terms."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from allocation import rules
from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.build import ComponentModel
    from allocation.scenario import Scenario


def days_term(cm: ComponentModel, scenario: Scenario, measure: Callable[[int], int]) -> tuple[Expr, float]:
    """Days (in whole buckets) of each (profile, type) pairing times the number of such pairings."""
    types = cm.component.type_index
    cols, coefs, bound = [], [], 0.0
    for (_m, prof, tid), col in cm.take.items():
        days = measure(rules.bucket_gap_days(prof.arrival, types[tid].available, scenario.policy))
        if days:
            cols.append(col)
            coefs.append(float(days))
            bound += days * len(types[tid].dwellings)
    return Expr.of(cols, coefs), bound
