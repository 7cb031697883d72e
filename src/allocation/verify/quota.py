"""Hard: the quota report (taakstelling) says what the plan does, counted per Q6 and Q10 (v2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from allocation.plan import Plan
from allocation.scenario import Household, Person, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.timing import Timeline
from allocation.verify.violation import Violation


def counted_before(person: Person, household: Household | None) -> bool:
    """Counted for a taakstelling when first housed: `counted_before`, or where that cell is empty,
    not arriving in a household whose referent already has a home (Q6, Q10, casus 1 and 5)."""
    if person.counted_before is not None:
        return person.counted_before
    return not person.is_arriving and household is not None and bool(household.current_dwelling)


class Counts(NamedTuple):
    """Persons the plan counts per municipality of their home: this period and the next (Q10)."""

    now: Counter[str]
    next_period: Counter[str]


def counted_per_municipality(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Counts:
    """Q10: housed persons count where housed, except those counted before (Q6); with
    `quota_period_end`, those in a home free only after it count for the next period."""
    end = scenario.policy.quota_period_end
    timeline = Timeline(ix, scenario.policy)
    counts = Counts(Counter(), Counter())
    seen: set[str] = set()
    for a, group in zip(plan.assignments, ix.row_groups, strict=True):
        dwelling = ix.dwellings.get(a.dwelling)
        where = dwelling.municipality if dwelling else a.municipality
        later = False
        if end is not None and dwelling is not None:
            free = timeline.available(dwelling)
            later = free is not None and free > end
        counted = 0
        for person in group:
            if person.id in seen:
                continue
            seen.add(person.id)
            if not counted_before(person, ix.households.get(person.household)):
                counted += 1
        if counted:
            (counts.next_period if later else counts.now)[where] += counted
    return counts


def check_quota(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """One line per municipality; housed_before, newly_counted and shortfall as Q6/Q10 count them."""
    counts = counted_per_municipality(scenario, plan, ix)
    counted = counts.now
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
        next_period = getattr(q, "counted_next_period", None)
        if next_period is not None and next_period != counts.next_period[q.code]:
            yield Violation(
                "QUOTA_NEXT_PERIOD",
                None,
                None,
                f"{q.code}: counted_next_period is {next_period}, the plan houses "
                f"{counts.next_period[q.code]} persons there in homes free after "
                f"{scenario.policy.quota_period_end}",
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
