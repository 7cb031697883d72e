"""Figures of a plan from its assignments: quota lines (Q6, Q10), score parts, objective terms."""

from __future__ import annotations

from collections import Counter
from datetime import date

from allocation import rules
from allocation.plan import Assignment, QuotaLine, ScoreParts
from allocation.scenario import Scenario


def counted_by_municipality(
    scenario: Scenario, assignments: list[Assignment], *, next_period: bool = False
) -> Counter[str]:
    """Persons newly counted toward each municipality's taakstelling under these assignments.

    A home free after the policy's quota_period_end counts for the next period (Q10): its persons
    are counted only with `next_period`.
    """
    counted: Counter[str] = Counter()
    policy = scenario.policy
    for a in assignments:
        if rules.counts_next_period(scenario.dwelling(a.dwelling), policy) != next_period:
            continue
        household = scenario.household(a.household)
        persons = [scenario.person(pid) for pid in a.person_ids]
        counted[a.municipality] += rules.quota_counts(persons, household)
    return counted


def quota_lines(scenario: Scenario, assignments: list[Assignment]) -> list[QuotaLine]:
    """One line per municipality: quota, housed before, newly counted, shortfall, next period."""
    counted = counted_by_municipality(scenario, assignments)
    later = counted_by_municipality(scenario, assignments, next_period=True)
    return [
        QuotaLine(
            code=m.code,
            name=m.name,
            quota=m.quota,
            housed_before=m.housed,
            newly_counted=counted[m.code],
            shortfall=max(0, m.quota - m.housed - counted[m.code]),
            counted_next_period=later[m.code],
        )
        for m in scenario.municipalities
    ]


def move_in_dates(scenario: Scenario, assignments: list[Assignment]) -> dict[str, date | None]:
    """Per dwelling a referent vacates in this plan: the day it is free (rules.vacated_available_date)."""
    policy = scenario.policy
    new_home: dict[str, str] = {}
    for a in assignments:
        household = scenario.household(a.household)
        referent = scenario.referent(a.household)
        if (
            household.current_dwelling
            and referent.id in a.person_ids
            and a.dwelling != household.current_dwelling
        ):
            new_home[household.current_dwelling] = a.dwelling
    free: dict[str, date | None] = {}

    def free_from(home: str, seen: frozenset[str]) -> date | None:
        """The home's day, after the new home of its referent (and that one's, in a chain)."""
        if home not in new_home or home in seen:
            return rules.available_date(scenario.dwelling(home), policy)
        if home not in free:
            new = free_from(new_home[home], seen | {home})
            free[home] = rules.vacated_available_date(scenario.dwelling(home), new, policy)
        return free[home]

    for own in new_home:
        free_from(own, frozenset())
    return free


def with_scores(scenario: Scenario, assignments: list[Assignment]) -> list[Assignment]:
    """Assignments with their score parts filled in, for the plan table."""
    scored = []
    vacated = move_in_dates(scenario, assignments)
    for a in assignments:
        household = scenario.household(a.household)
        persons = [scenario.person(pid) for pid in a.person_ids]
        dwelling = scenario.dwelling(a.dwelling)
        gap = (
            None
            if a.kind == "join"
            else rules.exact_gap_days(household, dwelling, scenario.policy, vacated.get(a.dwelling))
        )
        score = ScoreParts(
            persons=a.persons,
            quota_effect=rules.quota_counts(persons, household),
            away=rules.is_away(household, a.municipality, scenario),
            split=a.kind == "split",
            unused_capacity=dwelling.max_occupants - a.persons,
            wait_days=None if gap is None else rules.wait_days(gap),
            vacancy_days=None if gap is None else rules.vacancy_days(gap),
        )
        scored.append(a.model_copy(update={"score": score}))
    return scored


def objective_values(
    scenario: Scenario, assignments: list[Assignment], quota: list[QuotaLine] | None = None
) -> dict[str, float]:
    """Each objective term's value for these assignments, as docs/FORMAT.md (Objective) defines them.

    `quota` is the plan's quota report when already made (it is derived from the same assignments).
    """
    quota = quota if quota is not None else quota_lines(scenario, assignments)
    households = {a.household for a in assignments}
    first = {}
    for a in assignments:
        first.setdefault(a.household, a)
    pinned = {h.id for h in scenario.households if rules.is_pinned(h)}
    gaps = bucket_gaps(scenario, assignments)
    return {
        "pins": float(len(households & pinned)),
        "persons": float(sum(a.persons for a in assignments)),
        "shortfall": float(sum(q.shortfall for q in quota)),
        "away": float(
            sum(rules.is_away(scenario.household(h), a.municipality, scenario) for h, a in first.items())
        ),
        "splits": float(len({a.household for a in assignments if a.kind == "split"})),
        "unused": float(sum(scenario.dwelling(a.dwelling).max_occupants - a.persons for a in assignments)),
        "wait": float(sum(rules.wait_days(g) for g in gaps)),
        "vacancy": float(sum(rules.vacancy_days(g) for g in gaps)),
    }


def bucket_gaps(scenario: Scenario, assignments: list[Assignment]) -> list[int]:
    """Arrival-to-availability gaps in whole buckets, as the model sees them (none without time).

    A vacated home counts from its own date here, as in the wait and vacancy terms; the scores
    (with_scores) show the day it is really free, once its referent's new home is.
    """
    policy = scenario.policy
    if not rules.timing_active(policy):
        return []
    gaps = []
    for a in assignments:
        if a.kind == "join":
            continue
        household, dwelling = scenario.household(a.household), scenario.dwelling(a.dwelling)
        gaps.append(rules.pair_gap_days(household, dwelling, policy))
    return gaps
