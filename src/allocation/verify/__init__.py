"""Independent plan verifier: every hard rule of docs/FORMAT.md v2 checked again.

It shares no code with the optimizer: nothing from `allocation.rules`, `allocation.model` or
`allocation.forecast` is imported; fit, reach, splits, quota counting and arrival dates are read a
second time here. ``verify(scenario, plan)`` returns the violations; an empty list means the plan
is valid.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence

from allocation.cores import Row, map_parts, parts_for
from allocation.plan import Plan
from allocation.scenario import Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.placement import (
    check_fit,
    check_join,
    check_occupied,
    check_pins,
    check_reach,
    check_woningcheck,
)
from allocation.verify.planned import as_planned
from allocation.verify.quota import check_quota
from allocation.verify.reasons import check_reasons
from allocation.verify.split import check_split
from allocation.verify.structure import (
    check_coverage,
    check_one_dwelling_per_household,
    check_one_household_per_dwelling,
    check_persons,
    check_references,
)
from allocation.verify.timing import check_timing
from allocation.verify.violation import RULES, Violation

Check = Callable[[Scenario, Plan, PlanIndex], Iterator[Violation]]

CHECKS: tuple[Check, ...] = (
    check_references,
    check_coverage,
    check_one_dwelling_per_household,
    check_persons,
    check_one_household_per_dwelling,
    check_fit,
    check_reach,
    check_join,
    check_woningcheck,
    check_occupied,
    check_split,
    check_pins,
    check_timing,
    check_reasons,
    check_quota,
)
"""Every hard rule, in the order violations are reported."""

PARTS: tuple[tuple[Check, ...], ...] = (CHECKS[:-2], CHECKS[-2:])
"""The checks cut in two of about equal cost on a national plan (the reasons and the quota weigh
most), run at the same time on two cores (allocation.cores)."""


MIN_PART = 2500
"""Assignments per part from which verifying in parts at once pays for the fork."""


def verify(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every hard-rule violation of the plan against the scenario; an empty list means it is valid.

    The cyclic collector waits meanwhile: the indexes live until the end and free nothing earlier.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        scenario = as_planned(scenario, plan)
        index = PlanIndex.build(scenario, plan)

        def run(parts: Sequence[tuple[Check, ...]]) -> list[Row]:
            found = (v for checks in parts for check in checks for v in check(scenario, plan, index))
            return [(v.rule, v.household, v.dwelling, v.message) for v in found]

        return [Violation(*row) for row in map_parts(run, PARTS, parts_for(len(plan.assignments), MIN_PART))]
    finally:
        if enabled:
            gc.enable()


__all__ = ["CHECKS", "RULES", "Violation", "verify"]
