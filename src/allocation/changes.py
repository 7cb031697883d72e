"""What changed between two plans: households whose home changed, with why, and the figures side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from allocation.labels import Language
from allocation.plan import Plan
from allocation.scenario import Scenario

WORDS: dict[str, dict[Language, str]] = {
    "none": {"nl": "geen woning", "en": "no home"},
    "pinned": {"nl": "vastgezet door de planner op {pin}", "en": "fixed by the planner to {pin}"},
    "left_out": {"nl": "nu niet gehuisvest: {reason}", "en": "now left out: {reason}"},
    "housed": {"nl": "nu gehuisvest in {home}", "en": "now housed in {home}"},
    "gone": {
        "nl": "woning {home} staat niet meer in de gegevens",
        "en": "dwelling {home} is no longer in the data",
    },
    "taken": {
        "nl": "woning {home} gaat nu naar huishouden {other}",
        "en": "dwelling {home} now goes to household {other}",
    },
    "data": {
        "nl": "de gegevens of regels zijn veranderd; dit plan is als geheel beter volgens de doelen",
        "en": "the data or rules changed; this plan is better as a whole by the objectives",
    },
    "same_data": {
        "nl": "een andere, even goede verdeling volgens de doelen",
        "en": "another allocation, as good by the objectives",
    },
}


class Change(NamedTuple):
    """One household whose home differs between two plans."""

    household: str
    before: str
    after: str
    why: str


class Figure(NamedTuple):
    """One key figure of both plans."""

    key: str
    before: object
    after: object


def _home(plan: Plan, household: str) -> tuple[str, ...]:
    return tuple(sorted(a.dwelling for a in plan.assignments_of(household)))


def _home_text(home: tuple[str, ...], lang: Language) -> str:
    return " + ".join(home) if home else WORDS["none"][lang]


def plan_changes(
    before: Plan,
    after: Plan,
    scenario: Scenario,
    lang: Language = "nl",
    reasons: Mapping[str, str] | None = None,
    same_data: bool = False,
) -> list[Change]:
    """Households whose dwelling(s) differ from BEFORE to AFTER (SCENARIO: the one AFTER was made for).

    REASONS (household -> why left out, in LANG) explain who is no longer housed; SAME_DATA says the
    scenario did not change between the plans. The planner's own pins come first.
    """
    reasons = reasons or {u.household: u.reason for u in after.unassigned}
    taker = {a.dwelling: a.household for a in after.assignments}
    dwellings = {d.id for d in scenario.dwellings}
    households = dict.fromkeys(
        [a.household for a in before.assignments] + [a.household for a in after.assignments]
    )
    households.update(dict.fromkeys(u.household for u in before.unassigned))
    households.update(dict.fromkeys(u.household for u in after.unassigned))
    out = []
    for household in households:
        old, new = _home(before, household), _home(after, household)
        if old == new:
            continue
        try:
            h = scenario.household(household)
            pin = h.pinned_dwelling or h.pinned_municipality
        except KeyError:
            pin = None
        if pin and (pin in new or any(a.municipality == pin for a in after.assignments_of(household))):
            why = WORDS["pinned"][lang].format(pin=pin)
        elif not new:
            why = WORDS["left_out"][lang].format(reason=reasons.get(household, "-"))
        elif old and old[0] not in dwellings:
            why = WORDS["gone"][lang].format(home=old[0])
        elif old and taker.get(old[0]) not in (None, household):
            why = WORDS["taken"][lang].format(home=old[0], other=taker[old[0]])
        elif not old:
            why = WORDS["housed"][lang].format(home=_home_text(new, lang))
        else:
            why = WORDS["same_data" if same_data else "data"][lang]
        out.append(Change(household, _home_text(old, lang), _home_text(new, lang), why))
    pinned_first = WORDS["pinned"][lang].split("{")[0]
    return sorted(out, key=lambda c: not c.why.startswith(pinned_first))


FIGURE_KEYS = ("persons_housed", "households_housed", "households_unassigned", "splits", "shortfall")


def figures_side_by_side(before: Plan, after: Plan) -> list[Figure]:
    """The plans' key figures (persons housed, households housed and left out, splits, shortfall)."""
    a, b = before.summary(), after.summary()
    return [Figure(key, a[key], b[key]) for key in FIGURE_KEYS]
