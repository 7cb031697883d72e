"""Hard: a household on two addresses only as casus 4 allows it."""

from __future__ import annotations

from collections.abc import Iterator

from allocation.plan import Plan
from allocation.scenario import Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.offers import whole_fit_in_reach
from allocation.verify.violation import Violation


def check_split(scenario: Scenario, plan: Plan, ix: PlanIndex) -> Iterator[Violation]:
    """Casus 4: split only as the policy allows, in one municipality, only adult children apart.

    v2 (`split_when = "no_home_in_plan"`, the default): a split is allowed whenever the plan gives
    the household no single home; `no_fitting_home` (v1): only when no reachable dwelling fits all.
    """
    policy = scenario.policy
    for household_id, rows in ix.rows_of_household.items():
        household = ix.households.get(household_id)
        if household is None or len(rows) != 2 or any(a.kind != "split" for a in rows):
            continue
        if not policy.split_allowed:
            yield Violation(
                "SPLIT_DISABLED",
                household_id,
                None,
                f"{household_id} is split, but the policy allows no splits",
            )
        whole_fit = whole_fit_in_reach(household, ix) if policy.split_when == "no_fitting_home" else None
        if whole_fit is not None:
            yield Violation(
                "SPLIT_NOT_NEEDED",
                household_id,
                whole_fit.id,
                f"{household_id} is split, but {whole_fit.id} fits the whole household "
                "(split_when = no_fitting_home)",
            )
        places = [ix.dwellings[a.dwelling].municipality for a in rows if a.dwelling in ix.dwellings]
        if len(set(places)) > 1:
            yield Violation(
                "SPLIT_MUNICIPALITIES",
                household_id,
                rows[1].dwelling,
                f"{household_id}'s two addresses lie in {places[0]} and {places[1]}; a split stays in one",
            )
        referent = ix.referent_id(household_id)
        with_referent = [referent in a.person_ids for a in rows]
        if with_referent.count(True) != 1:
            continue  # the persons check reports a lost or doubled referent
        second = rows[with_referent.index(False)]
        for person in ix.group(second):
            if person.role not in policy.split_roles or person.age < policy.split_min_age:
                yield Violation(
                    "SPLIT_MEMBER",
                    household_id,
                    second.dwelling,
                    f"{person.id} ({person.role}, {person.age}) may not live apart from the referent; "
                    f"only {' or '.join(policy.split_roles)} aged {policy.split_min_age}+ may",
                )
