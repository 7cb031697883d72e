"""Hard: the quota report (taakstelling) says what the plan does, counted per Q6 and Q10."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from allocation.plan import Plan
from allocation.scenario import Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.violation import Violation


def counted_per_municipality(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Counter[str]:
    """Q10: nareizigers count where housed; Q6: a referent already housed stays counted where first housed."""
    counted: Counter[str] = Counter()
    seen: set[str] = set()
    for a in plan.assignments:
        dwelling = ix.dwellings.get(a.dwelling)
        where = dwelling.municipality if dwelling else a.municipality
        for person in ix.group(a):
            if person.id in seen:
                continue
            seen.add(person.id)
            household = ix.households.get(person.household)
            if person.role == "referent" and household is not None and household.current_dwelling:
                continue
            counted[where] += 1
    return counted


def check_quota(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """One line per municipality; housed_before, newly_counted and shortfall as Q6/Q10 count them."""
    counted = counted_per_municipality(scenario, plan, ix)
    lines = Counter(q.code for q in plan.quota)
    for code, n in lines.items():
        if code not in ix.municipalities:
            yield Violation("QUOTA_LINE", None, None, f"the quota report names unknown municipality {code}")
        elif n > 1:
            yield Violation("QUOTA_LINE", None, None, f"the quota report has {n} lines for {code}")
    for m in scenario.municipalities:
        if m.code not in lines:
            yield Violation("QUOTA_LINE", None, None, f"the quota report has no line for {m.code} ({m.name})")
    reported: set[str] = set()
    for q in plan.quota:
        m = ix.municipalities.get(q.code)
        if m is None or q.code in reported:
            continue
        reported.add(q.code)
        if q.quota != m.quota:
            yield Violation(
                "QUOTA_LINE", None, None, f"{q.code}: the report says quota {q.quota}, it is {m.quota}"
            )
        if q.housed_before != m.housed:
            yield Violation(
                "QUOTA_HOUSED_BEFORE",
                None,
                None,
                f"{q.code}: housed_before is {q.housed_before}, the municipality has housed {m.housed}",
            )
        if q.newly_counted != counted[q.code]:
            yield Violation(
                "QUOTA_NEWLY_COUNTED",
                None,
                None,
                f"{q.code}: newly_counted is {q.newly_counted}, the plan houses {counted[q.code]} "
                "persons that count there",
            )
        expected = max(0, q.quota - q.housed_before - q.newly_counted)
        if q.shortfall != expected:
            yield Violation(
                "QUOTA_SHORTFALL",
                None,
                None,
                f"{q.code}: shortfall is {q.shortfall}, but max(0, {q.quota} - {q.housed_before} - "
                f"{q.newly_counted}) = {expected}",
            )
