"""The baseline to beat: first come, first served, own municipality first, as planners do by hand."""

from __future__ import annotations

from allocation import rules
from allocation.model.aggregate import housing_order
from allocation.plan import Assignment
from allocation.scenario import Dwelling, Household, Person, Scenario


def greedy_assignments(scenario: Scenario) -> list[Assignment]:
    """Pinned and longest-waiting households first; each takes the tightest fitting free home."""
    assignments: list[Assignment] = []
    joined = [h for h in scenario.households if rules.joins_referent(h, scenario)]
    for h in joined:
        assignments.append(
            _assignment(h, scenario.dwelling(h.current_dwelling or ""), scenario.members(h.id), "join")
        )
    taken = {h.current_dwelling for h in joined}
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling} - taken
    free = [d for d in sorted(scenario.dwellings, key=lambda d: d.id) if d.id not in taken | occupied]
    queue = sorted(
        (h for h in scenario.households if h not in joined),
        key=lambda h: (not (h.pinned_dwelling or h.pinned_municipality), housing_order(h)),
    )
    for h in queue:
        members = scenario.members(h.id)
        placed = _place_whole(h, members, free, scenario) or _place_split(h, free, scenario)
        if not placed:
            continue
        for dwelling, group, kind in placed:
            free.remove(dwelling)
            assignments.append(_assignment(h, dwelling, group, kind))
        if h.current_dwelling and h.current_dwelling in occupied:
            occupied.discard(h.current_dwelling)
            free.append(scenario.dwelling(h.current_dwelling))
    return assignments


def _options(h: Household, free: list[Dwelling], scenario: Scenario) -> list[Dwelling]:
    """Free homes in the household's municipalities, home municipality first, then by code."""
    allowed = rules.allowed_municipalities(h, scenario)
    rank = {m: i for i, m in enumerate(allowed)}
    pool = [d for d in free if d.municipality in rank]
    if h.pinned_dwelling:
        pool = [d for d in pool if d.id == h.pinned_dwelling]
    return sorted(pool, key=lambda d: (rank[d.municipality], d.max_occupants, d.bedrooms, d.id))


def _fits(group: list[Person], d: Dwelling, h: Household, scenario: Scenario) -> bool:
    return rules.group_fits(group, d, scenario.policy, needs_accessible=h.needs_accessible)


def _place_whole(
    h: Household, members: list[Person], free: list[Dwelling], scenario: Scenario
) -> list[tuple[Dwelling, list[Person], str]] | None:
    for d in _options(h, free, scenario):
        if _fits(members, d, h, scenario):
            return [(d, members, "move")]
    return None


def _place_split(
    h: Household, free: list[Dwelling], scenario: Scenario
) -> list[tuple[Dwelling, list[Person], str]] | None:
    """Casus 4 by hand: the first split whose two groups find homes in one municipality."""
    options = _options(h, free, scenario)
    for main, second in rules.split_groups(h, scenario):
        for d1 in options:
            if not _fits(main, d1, h, scenario):
                continue
            for d2 in free:
                if d2.municipality == d1.municipality and d2.id != d1.id and _fits(second, d2, h, scenario):
                    if h.pinned_dwelling and d1.id != h.pinned_dwelling:
                        continue
                    return [(d1, main, "split"), (d2, second, "split")]
    return None


def _assignment(h: Household, d: Dwelling, group: list[Person], kind: str) -> Assignment:
    return Assignment(
        household=h.id,
        dwelling=d.id,
        municipality=d.municipality,
        kind=kind,
        persons=len(group),
        person_ids=[p.id for p in group],
    )
