"""Why each household is left out, in a sentence a planner understands."""

from __future__ import annotations

from allocation import rules
from allocation.model.aggregate import housing_order
from allocation.plan import REASON_DWELLINGS_TAKEN, REASON_NO_FITTING_DWELLING, Assignment, Unassigned
from allocation.reason_texts import Language, count, money, say
from allocation.scenario import Dwelling, Household, Person, Scenario

REASON_NOT_IN_TIME = "NOT_IN_TIME"
"""Homes that fit exist, but none is free within the policy's wait and vacancy limits."""
REASON_REFUSED = "APPLICATION_REFUSED"
"""The application for family reunification was refused (afgewezen): no home is needed."""
REASON_NOT_PLACED = "NOT_PLACED"
"""A fitting home stayed free: the solve stopped early or the objective order preferred so."""

MAX_NAMED = 3


def explain_unassigned(
    scenario: Scenario, assignments: list[Assignment], lang: Language = "en"
) -> list[Unassigned]:
    """One entry per household the plan leaves out, in file order; reasons in `lang` (en, nl)."""
    housed = {a.household for a in assignments}
    taker = {a.dwelling: a for a in assignments}
    staying = {h.current_dwelling for h in scenario.households if h.current_dwelling and h.id not in housed}
    blocked = staying | taker.keys()
    free_memo: dict[frozenset[str], frozenset[str]] = {}
    out = []
    for household in scenario.households:
        if household.id in housed:
            continue
        members = scenario.members(household.id)
        if rules.is_refused(household):
            when = say(lang, "on_date", date=household.step_date.isoformat()) if household.step_date else ""
            code, reason = REASON_REFUSED, say(lang, "refused", when=when)
        else:
            code, reason = _reason(household, members, scenario, taker, blocked, free_memo, lang)
        out.append(Unassigned(household=household.id, persons=len(members), reason_code=code, reason=reason))
    return out


def _candidates(household: Household, scenario: Scenario) -> list[Dwelling]:
    """Dwellings the household may be offered at all (its pin, else its reachable stock)."""
    if household.pinned_dwelling:
        return [scenario.dwelling(household.pinned_dwelling)]
    stock = rules.stock_by_key(scenario)
    return [
        d
        for m in rules.allowed_municipalities(household, scenario)
        for group in stock.get(m, {}).values()
        for d in group
    ]


def _fitting(
    household: Household, members: list[Person], scenario: Scenario
) -> tuple[list[Dwelling], frozenset[str]]:
    """Dwellings that could take the household whole, or the groups of an allowed split.

    Computed per kind of dwelling (what the fit rules tell apart) and shared by households that
    the rules cannot tell apart either.
    """
    policy = scenario.policy
    acc = household.needs_accessible
    whole_key = rules.group_key(members, policy, needs_accessible=acc)
    splits = rules.split_groups(household, scenario) if rules.may_split(household, scenario) else []
    split_keys = tuple(
        (rules.group_key(m, policy, needs_accessible=acc), rules.group_key(s, policy, needs_accessible=acc))
        for m, s in splits
    )
    allowed = tuple(rules.allowed_municipalities(household, scenario))
    signature = (whole_key, split_keys, allowed, household.pinned_dwelling)
    known = scenario.cached("explain_fitting", dict)
    if signature not in known:
        dwellings = _fitting_stock(household, members, splits, allowed, scenario)
        known[signature] = (dwellings, frozenset(d.id for d in dwellings))
    return known[signature]


def _fitting_stock(
    household: Household,
    members: list[Person],
    splits: list[tuple[list[Person], list[Person]]],
    allowed: tuple[str, ...],
    scenario: Scenario,
) -> list[Dwelling]:
    cache = rules.fit_cache(scenario)
    acc = household.needs_accessible
    if household.pinned_dwelling:
        pin = scenario.dwelling(household.pinned_dwelling)
        if cache.fits(members, pin, needs_accessible=acc):
            return [pin]
    stock = rules.stock_by_key(scenario)
    whole_key = rules.group_key(members, scenario.policy, needs_accessible=acc)
    whole = [
        d
        for m in allowed
        for key, group in stock.get(m, {}).items()
        if cache.fits_key(members, whole_key, group[0], needs_accessible=acc, dwelling_group=key)
        for d in group
        if not household.pinned_dwelling
    ]
    if whole or not splits:
        return whole
    found: dict[str, Dwelling] = {}
    for m in allowed:
        groups = list(stock.get(m, {}).values())
        for main, second in splits:
            main_key = rules.group_key(main, scenario.policy, needs_accessible=acc)
            second_key = rules.group_key(second, scenario.policy, needs_accessible=acc)
            mains = [g for g in groups if cache.fits_key(main, main_key, g[0], needs_accessible=acc)]
            if household.pinned_dwelling:
                mains = [[d for d in g if d.id == household.pinned_dwelling] for g in mains]
                mains = [g for g in mains if g]
            seconds = [g for g in groups if cache.fits_key(second, second_key, g[0], needs_accessible=acc)]
            homes = {d.id: d for g in mains + seconds for d in g}
            if mains and seconds and len(homes) >= 2:
                found.update(homes)
    return list(found.values())


def _reason(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taker: dict[str, Assignment],
    blocked: set[str],
    free_memo: dict[frozenset[str], frozenset[str]],
    lang: Language,
) -> tuple[str, str]:
    fitting, fitting_ids = _fitting(household, members, scenario)
    if not fitting:
        return REASON_NO_FITTING_DWELLING, _blockers(household, members, scenario, lang)
    if rules.timing_active(scenario.policy):
        in_time = [d for d in fitting if rules.in_time(household, d, scenario.policy)]
        if not in_time:
            return REASON_NOT_IN_TIME, _timing_sentence(household, fitting, scenario, lang)
        if len(in_time) < len(fitting):
            fitting, fitting_ids = in_time, frozenset(d.id for d in in_time)
    if fitting_ids not in free_memo:  # keyed by the set itself: a freed set's id can come back
        free_memo[fitting_ids] = fitting_ids - blocked
    free_ids = free_memo[fitting_ids]
    own = household.current_dwelling
    if own in fitting_ids and own not in taker:
        free_ids = free_ids | {own}
    free = [d for d in fitting if d.id in free_ids][:MAX_NAMED] if free_ids else []
    taken = []
    for d in fitting:
        if len(taken) > MAX_NAMED:
            break
        if d.id in taker:
            taken.append((d, taker[d.id].household))
        elif d.id not in free_ids:
            taken.append((d, None))
    taken_count = len(fitting_ids) - len(free_ids)
    if free:
        return REASON_NOT_PLACED, say(lang, "not_placed", names=", ".join(d.id for d in free[:MAX_NAMED]))
    return REASON_DWELLINGS_TAKEN, _taken_sentence(household, members, scenario, taken, taken_count, lang)


def _timing_sentence(
    household: Household, fitting: list[Dwelling], scenario: Scenario, lang: Language
) -> str:
    """The fitting home closest in time, and which limit it breaks."""
    policy = scenario.policy
    arrival = rules.likely_arrival(household, policy)
    closest = min(fitting, key=lambda d: (abs(rules.exact_gap_days(household, d, policy) or 0), d.id))
    gap = rules.exact_gap_days(household, closest, policy) or 0
    free_from = rules.available_date(closest, policy)
    when = free_from.isoformat() if free_from else say(lang, "now")
    arrives = arrival.isoformat() if arrival else say(lang, "unknown")
    if gap > 0:
        limit = say(lang, "wait_limit", days=policy.max_reception_wait_days)
        relation = say(lang, "after_arrival", days=gap, date=arrives)
    else:
        limit = say(lang, "vacancy_limit", days=policy.max_vacancy_days)
        relation = say(lang, "before_arrival", days=-gap, date=arrives)
    homes = count(lang, len(fitting), "fitting home")
    return say(
        lang, "not_in_time", homes=homes, dwelling=closest.id, when=when, relation=relation, limit=limit
    )


def _taken_sentence(
    household: Household,
    members: list[Person],
    scenario: Scenario,
    taken: list[tuple[Dwelling, str | None]],
    taken_count: int,
    lang: Language,
) -> str:
    size = len(members)
    parts = []
    for d, other in taken[:MAX_NAMED]:
        place = scenario.municipality(d.municipality).name
        if other is None:
            parts.append(say(lang, "stays", dwelling=d.id, place=place, occupant=scenario.occupant_of(d.id)))
            continue
        other_household = scenario.household(other)
        why = _why(household, other_household, size, len(scenario.members(other)), d, scenario, lang)
        parts.append(say(lang, "went_to", dwelling=d.id, place=place, other=other, why=why))
    more = say(lang, "more", n=taken_count - MAX_NAMED) if taken_count > MAX_NAMED else ""
    return say(
        lang,
        "taken",
        homes=count(lang, taken_count, "fitting home"),
        parts="; ".join(parts),
        more=more,
        persons=count(lang, size, "person"),
    )


def _why(
    household: Household,
    other: Household,
    size: int,
    other_size: int,
    d: Dwelling,
    scenario: Scenario,
    lang: Language,
) -> str:
    """The first objective reason the plan preferred the other household for this home."""
    persons = count(lang, other_size, "person")
    if other.pinned_dwelling == d.id or other.pinned_municipality == d.municipality:
        return say(lang, "why_pinned", persons=persons)
    if other_size > size:
        return say(lang, "why_more", persons=persons)
    home = rules.home_municipality(other, scenario)
    if home == d.municipality and rules.home_municipality(household, scenario) != d.municipality:
        return say(lang, "why_own", persons=persons)
    if other_size == size and housing_order(other) < housing_order(household):
        return say(lang, "why_longer", persons=persons)
    return say(lang, "why_plain", persons=persons)


def _blockers(household: Household, members: list[Person], scenario: Scenario, lang: Language) -> str:
    """What stops every reachable home from fitting, most basic rule first."""
    policy = scenario.policy
    size = len(members)
    candidates = _candidates(household, scenario)
    split = say(lang, "split_note") if rules.may_split(household, scenario) else ""
    if household.pinned_dwelling:
        d = candidates[0]
        problems = rules.fit_problems(members, d, policy, needs_accessible=household.needs_accessible)
        text = "; ".join(p.text(lang) for p in problems)
        return say(lang, "pinned_misfit", dwelling=d.id, problems=text, split=split)
    if not candidates:
        reach = rules.reachable_municipalities(household, scenario)
        names = ", ".join(scenario.municipality(m).name for m in reach)
        return say(lang, "no_dwellings", names=names, split=split)
    by_key: dict[tuple, set[str]] = {}
    problems: dict[str, set[str]] = {}
    for d in candidates:
        key = rules.dwelling_key(d, policy)
        if key not in by_key:
            found = rules.fit_problems(members, d, policy, needs_accessible=household.needs_accessible)
            by_key[key] = {p.code for p in found}
        problems[d.id] = by_key[key]
    need = rules.needed_bedrooms(members, policy)
    homes = [d for d in candidates if d.kind != "room"]
    large = [d for d in candidates if not problems[d.id] & {"occupants", "bedrooms", "room"}]
    if not large:
        if not homes:
            return say(lang, "only_rooms", size=size, split=split)
        most = max(d.bedrooms for d in homes)
        if most < need:
            return say(lang, "largest_bedrooms", most=most, need=need, split=split)
        most_people = max(d.max_occupants for d in homes if d.bedrooms >= need)
        return say(lang, "too_many_people", need=need, most=most_people, size=size, split=split)
    step_free = [d for d in large if "accessible" not in problems[d.id]]
    if not step_free:
        return say(lang, "not_step_free", homes=count(lang, len(large), "home"), split=split)
    big = policy.rent_large_from_persons
    group = say(lang, "group_large", n=big) if size >= big else say(lang, "group_small", n=big - 1)
    limit = money(lang, policy.rent_limit(size))
    key = "rent_one" if len(step_free) == 1 else "rent_all"
    return say(lang, key, n=len(step_free), limit=limit, group=group, split=split)
