"""Why each household is left out, in a sentence a planner understands."""

from __future__ import annotations

from allocation import rules
from allocation.model.aggregate import housing_order
from allocation.plan import REASON_DWELLINGS_TAKEN, REASON_NO_FITTING_DWELLING, Assignment, Unassigned
from allocation.scenario import Dwelling, Household, Person, Scenario

REASON_NOT_PLACED = "NOT_PLACED"
"""A fitting home stayed free: the solve stopped early or the objective order preferred so."""

MAX_NAMED = 3


def explain_unassigned(scenario: Scenario, assignments: list[Assignment]) -> list[Unassigned]:
    """One entry per household the plan leaves out, in file order."""
    housed = {a.household for a in assignments}
    taker = {a.dwelling: a for a in assignments}
    out = []
    for household in scenario.households:
        if household.id in housed:
            continue
        members = scenario.members(household.id)
        code, reason = _reason(household, members, scenario, taker, housed)
        out.append(Unassigned(household=household.id, persons=len(members), reason_code=code, reason=reason))
    return out


def _candidates(household: Household, scenario: Scenario) -> list[Dwelling]:
    """Dwellings the household may be offered at all (its pin, else its reachable stock)."""
    if household.pinned_dwelling:
        return [scenario.dwelling(household.pinned_dwelling)]
    allowed = set(rules.allowed_municipalities(household, scenario))
    return [d for d in scenario.dwellings if d.municipality in allowed]


def _fits(persons: list[Person], dwelling: Dwelling, household: Household, scenario: Scenario) -> bool:
    return rules.group_fits(persons, dwelling, scenario.policy, needs_accessible=household.needs_accessible)


def _fitting(household: Household, members: list[Person], scenario: Scenario) -> list[Dwelling]:
    """Dwellings that could take the household whole, or the groups of an allowed split."""
    candidates = _candidates(household, scenario)
    whole = [d for d in candidates if _fits(members, d, household, scenario)]
    if whole or not rules.may_split(household, scenario):
        return whole
    allowed = set(rules.allowed_municipalities(household, scenario))
    split: dict[str, Dwelling] = {}
    for main, second in rules.split_groups(household, scenario):
        for d1 in candidates:
            if not _fits(main, d1, household, scenario):
                continue
            partners = [
                d2
                for d2 in scenario.dwellings
                if d2.municipality == d1.municipality
                and d2.municipality in allowed
                and d2.id != d1.id
                and _fits(second, d2, household, scenario)
            ]
            if partners:
                split[d1.id] = d1
                split.update((d.id, d) for d in partners)
    return list(split.values())


def _reason(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taker: dict[str, Assignment],
    housed: set[str],
) -> tuple[str, str]:
    fitting = _fitting(household, members, scenario)
    if not fitting:
        return REASON_NO_FITTING_DWELLING, _blockers(household, members, scenario)
    taken, free = [], []
    for d in fitting:
        occupant = scenario.occupant_of(d.id)
        if d.id in taker:
            taken.append((d, taker[d.id].household))
        elif occupant and occupant not in housed:
            taken.append((d, None))
        else:
            free.append(d)
    if free:
        names = ", ".join(d.id for d in free[:MAX_NAMED])
        return (
            REASON_NOT_PLACED,
            f"fitting home {names} stayed free: the solve stopped before placing this household, "
            "or the objective order ranks other goals first",
        )
    return REASON_DWELLINGS_TAKEN, _taken_sentence(household, members, scenario, taken)


def _taken_sentence(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taken: list[tuple[Dwelling, str | None]],
) -> str:
    size = len(members)
    parts = []
    for d, other in taken[:MAX_NAMED]:
        place = scenario.municipality(d.municipality).name
        if other is None:
            occupant = scenario.occupant_of(d.id)
            parts.append(f"{d.id} ({place}) is the home of {occupant}'s referent, who stays")
            continue
        why = _why(household, scenario.household(other), size, len(scenario.members(other)), d, scenario)
        parts.append(f"{d.id} ({place}) went to {other}{why}")
    more = f" and {len(taken) - MAX_NAMED} more" if len(taken) > MAX_NAMED else ""
    homes = "home" if len(taken) == 1 else "homes"
    return (
        f"{len(taken)} fitting {homes}, all taken: {'; '.join(parts)}{more}. "
        f"Housing this family ({size} persons) there instead houses no more persons in total"
    )


def _why(
    household: Household, other: Household, size: int, other_size: int, d: Dwelling, scenario: Scenario
) -> str:
    """The first objective reason the plan preferred the other household for this home."""
    if other.pinned_dwelling == d.id or other.pinned_municipality == d.municipality:
        return f" ({other_size} persons, pinned by the planner)"
    if other_size > size:
        return f" ({other_size} persons, more)"
    home = rules.home_municipality(other, scenario)
    if home == d.municipality and rules.home_municipality(household, scenario) != d.municipality:
        return f" ({other_size} persons, its own municipality)"
    if other_size == size and housing_order(other) < housing_order(household):
        return f" ({other_size} persons, waiting longer)"
    return f" ({other_size} persons)"


def _blockers(household: Household, members: list[Person], scenario: Scenario) -> str:
    """What stops every reachable home from fitting, most basic rule first."""
    policy = scenario.policy
    size = len(members)
    candidates = _candidates(household, scenario)
    split_note = _split_note(household, scenario)
    if household.pinned_dwelling:
        d = candidates[0]
        problems = rules.fit_problems(members, d, policy, needs_accessible=household.needs_accessible)
        return f"pinned dwelling {d.id} does not fit: {'; '.join(problems)}{split_note}"
    if not candidates:
        names = ", ".join(
            scenario.municipality(m).name for m in rules.reachable_municipalities(household, scenario)
        )
        return f"no dwellings in its reachable municipalities ({names}){split_note}"
    problems = {
        d.id: {
            p.code
            for p in rules.fit_problems(members, d, policy, needs_accessible=household.needs_accessible)
        }
        for d in candidates
    }
    need = rules.needed_bedrooms(members, policy)
    homes = [d for d in candidates if d.kind != "room"]
    large = [d for d in candidates if not problems[d.id] & {"occupants", "bedrooms", "room"}]
    if not large:
        if not homes:
            return f"only rooms are reachable; a room houses one person, family has {size}{split_note}"
        most = max(d.bedrooms for d in homes)
        if most < need:
            return f"largest reachable home has {most} bedrooms, family needs {need}{split_note}"
        roomy = [d for d in homes if d.bedrooms >= need]
        most_people = max(d.max_occupants for d in roomy)
        return (
            f"homes with {need} or more bedrooms take at most {most_people} persons, "
            f"family has {size}{split_note}"
        )
    step_free = [d for d in large if "accessible" not in problems[d.id]]
    if not step_free:
        return f"none of the {len(large)} homes large enough is step-free{split_note}"
    limit = policy.rent_limit(size)
    group = (
        f"{policy.rent_large_from_persons}+ persons"
        if size >= policy.rent_large_from_persons
        else f"1-{policy.rent_large_from_persons - 1} persons"
    )
    return f"all {len(step_free)} fitting homes exceed the rent limit of {limit:.2f} for {group}{split_note}"


def _split_note(household: Household, scenario: Scenario) -> str:
    """Why two addresses (casus 4) do not help either."""
    if not rules.may_split(household, scenario):
        return ""
    return "; no split over two homes in one municipality fits either"
