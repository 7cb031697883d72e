"""Hard: the plan is well formed: known ids, every household once, whole households, one per dwelling."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from allocation.plan import Assignment, Plan
from allocation.scenario import Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.violation import Violation


def check_references(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every row names a real household and dwelling, with the dwelling's own municipality (Q6, Q10)."""
    for a in plan.assignments:
        if a.household not in ix.households:
            yield Violation(
                "UNKNOWN_HOUSEHOLD",
                a.household,
                a.dwelling,
                f"household {a.household} is not in the scenario",
            )
        dwelling = ix.dwellings.get(a.dwelling)
        if dwelling is None:
            yield Violation(
                "UNKNOWN_DWELLING", a.household, a.dwelling, f"dwelling {a.dwelling} is not in the scenario"
            )
        elif a.municipality != dwelling.municipality:
            yield Violation(
                "MUNICIPALITY_MISMATCH",
                a.household,
                a.dwelling,
                f"the plan puts {a.dwelling} in {a.municipality}, but it lies in {dwelling.municipality}",
            )
    for u in plan.unassigned:
        if u.household not in ix.households:
            yield Violation(
                "UNKNOWN_HOUSEHOLD",
                u.household,
                None,
                f"unassigned household {u.household} is not in the scenario",
            )


def check_coverage(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Every household is either housed or unassigned with a reason, exactly once (Q5: none forgotten)."""
    for h in scenario.households:
        housed = bool(ix.rows_of_household.get(h.id))
        left_out = len(ix.unassigned_of.get(h.id, []))
        if not housed and not left_out:
            yield Violation(
                "HOUSEHOLD_NOT_COVERED", h.id, None, f"{h.id} is neither housed nor listed as unassigned"
            )
        elif housed and left_out:
            yield Violation(
                "HOUSEHOLD_COVERED_TWICE", h.id, None, f"{h.id} is housed and also listed as unassigned"
            )
        elif left_out > 1:
            yield Violation(
                "HOUSEHOLD_COVERED_TWICE", h.id, None, f"{h.id} is listed as unassigned {left_out} times"
            )
    for u in plan.unassigned:
        if not u.reason_code.strip() or not u.reason.strip():
            yield Violation(
                "UNASSIGNED_WITHOUT_REASON",
                u.household,
                None,
                f"{u.household} is left out without a reason code and a reason the planner can read",
            )


def check_one_dwelling_per_household(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """One dwelling per household, or two `split` rows when the municipality splits it (casus 4, 5)."""
    for household_id, rows in ix.rows_of_household.items():
        if household_id not in ix.households:
            continue
        kinds = [a.kind for a in rows]
        if len(rows) > 2:
            message = f"{household_id} is housed at {len(rows)} addresses; never more than two (casus 4)"
        elif len(rows) == 2 and kinds != ["split", "split"]:
            message = (
                f"{household_id} has two rows of kind {kinds[0]} and {kinds[1]}; two addresses are a split"
            )
        elif len(rows) == 1 and kinds[0] == "split":
            message = f"{household_id} has a single row of kind split; a split household has two addresses"
        else:
            continue
        yield Violation("ONE_DWELLING_PER_HOUSEHOLD", household_id, None, message)


def check_persons(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Housed whole, each member once, referent included (Q4, samenwoonvereiste)."""
    for household_id, rows in ix.rows_of_household.items():
        if household_id not in ix.households:
            continue
        member_ids = [p.id for p in ix.members.get(household_id, [])]
        if _housed_whole(rows, member_ids):
            continue
        placed = Counter(pid for a in rows for pid in a.person_ids)
        for a in rows:
            if a.persons != len(a.person_ids):
                yield Violation(
                    "PERSONS_MISMATCH",
                    household_id,
                    a.dwelling,
                    f"the row says {a.persons} persons but lists {len(a.person_ids)}",
                )
            strangers = [pid for pid in dict.fromkeys(a.person_ids) if pid not in member_ids]
            if strangers:
                yield Violation(
                    "PERSONS_MISMATCH",
                    household_id,
                    a.dwelling,
                    f"{', '.join(strangers)} {'is' if len(strangers) == 1 else 'are'} not of {household_id}",
                )
        twice = [pid for pid, n in placed.items() if n > 1 and pid in member_ids]
        if twice:
            yield Violation(
                "PERSONS_MISMATCH", household_id, None, f"{', '.join(twice)} placed more than once"
            )
        missing = [pid for pid in member_ids if pid not in placed]
        if missing:
            yield Violation(
                "PERSONS_MISMATCH",
                household_id,
                None,
                f"{', '.join(missing)} of {household_id} {'is' if len(missing) == 1 else 'are'} not placed; "
                "a housed household is housed whole",
            )
    for u in plan.unassigned:
        if u.household in ix.households and u.persons != len(ix.members.get(u.household, [])):
            yield Violation(
                "PERSONS_MISMATCH",
                u.household,
                None,
                f"unassigned {u.household} is given {u.persons} persons, "
                f"but has {len(ix.members.get(u.household, []))}",
            )


def _housed_whole(rows: list[Assignment], member_ids: list[str]) -> bool:
    """The common case, told at a glance: every member listed once, no one else, each row's count right."""
    listed = [pid for a in rows for pid in a.person_ids]
    members = set(member_ids)
    return (
        len(listed) == len(members) == len(member_ids)
        and set(listed) == members
        and all(a.persons == len(a.person_ids) for a in rows)
    )


def check_one_household_per_dwelling(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """A dwelling houses one household (or one group of a split household), never two (Q5, casus 4)."""
    for dwelling_id, rows in ix.rows_of_dwelling.items():
        first = rows[0]
        for a in rows[1:]:
            yield Violation(
                "ONE_HOUSEHOLD_PER_DWELLING",
                a.household,
                dwelling_id,
                f"{dwelling_id} is already given to {first.household}; a dwelling houses one household",
            )
