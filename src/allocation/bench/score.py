"""Objective terms recomputed from a plan, so every solver is scored by the same yardstick."""

from __future__ import annotations

from collections import defaultdict

from allocation.plan import Plan
from allocation.policy import OBJECTIVE_SENSE
from allocation.rules import counts_for_quota, is_away
from allocation.scenario import Scenario


def plan_terms(scenario: Scenario, plan: Plan) -> dict[str, int]:
    """Pinned households housed, persons housed, shortfall, households away, splits, unused capacity."""
    counted: dict[str, int] = defaultdict(int)
    away: set[str] = set()
    split: set[str] = set()
    unused = 0
    for a in plan.assignments:
        household = scenario.household(a.household)
        counted[a.municipality] += sum(
            1 for pid in a.person_ids if counts_for_quota(scenario.person(pid), household)
        )
        unused += scenario.dwelling(a.dwelling).max_occupants - a.persons
        if is_away(household, a.municipality, scenario):
            away.add(a.household)
        if a.kind == "split":
            split.add(a.household)
    housed = {a.household for a in plan.assignments}
    pinned = {h.id for h in scenario.households if h.pinned_dwelling or h.pinned_municipality}
    shortfall = sum(max(0, m.quota - m.housed - counted[m.code]) for m in scenario.municipalities)
    return {
        "pins": len(housed & pinned),
        "persons": sum(a.persons for a in plan.assignments),
        "shortfall": shortfall,
        "away": len(away),
        "splits": len(split),
        "unused": unused,
    }


def lexicographic_key(terms: dict[str, int], scenario: Scenario) -> tuple[int, ...]:
    """Terms in objective order (pins first), signed so that a smaller key is a better plan.

    Terms this module does not recompute (timing terms a policy may add) are left out.
    """
    order = [t for t in ["pins", *scenario.policy.objective_order] if t in terms]
    return tuple(terms[t] if OBJECTIVE_SENSE.get(t) == "min" else -terms[t] for t in order)
