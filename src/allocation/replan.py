"""`allocation.replan`: the weekly plan a planner makes, dated by default and stable against last week's.

A scenario with dates is planned with time up to the horizon (rules.horizon): families expected
later, and homes free later, wait for a later plan (reason LATER). With a previous plan, announced
and moved-in families stay where they are and the `changes` term keeps the others in place unless
moving them serves a term ranked before it; `changes` lists each change and why, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from allocation import rules
from allocation.explain import later_reason
from allocation.labels import LANGUAGES
from allocation.optimize import solve
from allocation.plan import REASON_LATER, Assignment, Mark, Plan, Unassigned
from allocation.policy import Policy
from allocation.reason_texts import Language, count, say
from allocation.rules.horizon import arrives_later, dated_policy, free_later, plans_with_time
from allocation.rules.previous import KEPT, PreviousHome, PreviousPlan, apply_previous, main_person
from allocation.scenario import Dwelling, Scenario

CHANGE_COLUMNS = ["household", "before", "after", "why"]


@dataclass(frozen=True)
class Change:
    """A household whose (main) home differs from the previous plan's, and why in words."""

    household: str
    before: str | None
    after: str | None
    why: str


@dataclass
class Replanned:
    """A plan with what the planner needs beside it; `verify(scenario, plan)` checks it.

    `scenario` is the input as planned: the dated policy, announced and moved-in families pinned
    to their homes, homes free beyond the horizon left for later.
    """

    plan: Plan
    scenario: Scenario
    planning_date: date | None
    later: list[str] = field(default_factory=list)
    changes: list[Change] | None = None
    notes: list[str] = field(default_factory=list)
    notes_in: dict[str, list[str]] = field(default_factory=dict)
    """The notes in every language, so a page can show them in the language chosen after the solve."""

    def summary_extra(self) -> dict[str, Any]:
        """Keys summary.json gains: a dated plan's planning date and LATER count, a re-plan's changes
        and the families it keeps as announced or moved in."""
        extra: dict[str, Any] = {}
        if self.planning_date is not None:
            extra |= {"planning_date": self.planning_date.isoformat(), "households_later": len(self.later)}
        if self.changes is not None:
            marks = list(self.plan.statuses.values())
            extra |= {
                "households_changed": len(self.changes),
                "households_announced": marks.count("announced"),
                "households_moved_in": marks.count("moved_in"),
            }
        return extra

    def summary(self) -> dict[str, Any]:
        """summary.json: the plan's summary and the extra keys."""
        return self.plan.summary() | self.summary_extra()

    def notes_for(self, lang: Language) -> list[str]:
        """The notes in LANG (those of the solve's language when that one was not kept)."""
        return self.notes_in.get(lang, self.notes)

    def change_rows(self) -> list[list[str]]:
        """changes.csv rows (CHANGE_COLUMNS)."""
        return [[c.household, c.before or "", c.after or "", c.why] for c in self.changes or []]


def replan(
    scenario: Scenario,
    previous: PreviousPlan | Plan | None = None,
    *,
    today: date | None = None,
    lang: Language = "en",
    **solve_options: Any,
) -> Replanned:
    """Plan this week: dated when the scenario has dates, kept close to `previous` when given.

    `today` stands in for the planning date when the policy sets none (default: the date today);
    `solve_options` pass to allocation.solve (solver, time_limit, deterministic, ...).
    """
    if isinstance(previous, Plan):
        previous = PreviousPlan.from_plan(previous)
    given = scenario
    dated = plans_with_time(scenario)
    if dated:
        scenario = _with_policy(scenario, dated_policy(scenario.policy, today or date.today()))
    applied = apply_previous(scenario, previous) if previous is not None else None
    notes_in: dict[str, list[str]] = {code: [] for code in LANGUAGES}  # said once per language
    if applied is not None:
        scenario = _with_policy(applied.scenario, _with_changes_term(applied.scenario.policy))
        for code, notes in notes_in.items():
            notes += [
                say(code, f"note_{n.code}", household=n.household, dwelling=n.dwelling) for n in applied.notes
            ]
    later, late_homes = _beyond_horizon(scenario) if dated else ([], set())
    later_set = set(later)
    planned = _later_left_out(scenario, later_set, late_homes)
    now = _without(planned, later_set, set())
    keep = {h: d for h, d in (applied.planned if applied else {}).items() if h not in later_set}
    second = previous.seconds(keep) if previous is not None else {}
    plan = solve(now, lang=lang, previous=keep, previous_second=second, **solve_options)
    plan = _with_later(plan, planned, later, lang)
    changes = None
    if previous is not None and applied is not None:
        changes = _changes(given, planned, previous, applied.kept, plan, late_homes, lang)
        plan.stats.objective_terms["changes"] = float(sum(c.before is not None for c in changes))
        homes = _main_homes(plan, planned)
        for code, notes in notes_in.items():
            notes += _kept_lost(applied.kept, homes, code)
        plan.statuses = _marks_kept(previous, homes, planned)
    day = planned.policy.planning_date if dated else None
    if planned.policy != given.policy:
        plan.policy = planned.policy  # the verifier checks the plan under the rules it was made with
    return Replanned(plan, planned, day, later, changes, notes_in[lang], notes_in)


def _with_policy(scenario: Scenario, policy: Policy) -> Scenario:
    return scenario.model_copy(update={"policy": policy})


def _with_changes_term(policy: Policy) -> Policy:
    """`changes` right after `splits` (else last) unless the policy's order places it."""
    order = list(policy.objective_order)
    if "changes" in order:
        return policy
    at = order.index("splits") + 1 if "splits" in order else len(order)
    return policy.model_copy(update={"objective_order": [*order[:at], "changes", *order[at:]]})


def _pinned(scenario: Scenario) -> set[str]:
    return {h.pinned_dwelling for h in scenario.households if h.pinned_dwelling}


def _beyond_horizon(scenario: Scenario) -> tuple[list[str], set[str]]:
    """Households expected, and free homes available, after the horizon; pins and the woningcheck
    are planned now whatever their date (the planner decided; no home is taken)."""
    policy = scenario.policy
    later = [
        h.id
        for h in scenario.households
        if not rules.is_refused(h)
        and not rules.is_pinned(h)
        and arrives_later(h, policy)
        and not rules.joins_referent(h, scenario)
    ]
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling}
    keep = occupied | _pinned(scenario)
    homes = {d.id for d in scenario.dwellings if d.id not in keep and free_later(d, policy)}
    return later, homes


def _later_left_out(scenario: Scenario, later: set[str], late_homes: set[str]) -> Scenario:
    """The scenario as planned now: homes free beyond the horizon left out, and so are the current
    homes of referents whose family is planned later (the referent stays; nobody else may use it)."""
    if not later and not late_homes:
        return scenario
    gone = {h.current_dwelling for h in scenario.households if h.id in later} - {None} - _pinned(scenario)
    households = [
        h.model_copy(update={"current_dwelling": None}) if h.id in later and h.current_dwelling in gone else h
        for h in scenario.households
    ]
    return _without(scenario.model_copy(update={"households": households}), set(), late_homes | gone)


def _without(scenario: Scenario, households: set[str], dwellings: set[str]) -> Scenario:
    """The scenario without these households (and their persons) and dwellings."""
    if not households and not dwellings:
        return scenario
    return scenario.model_copy(
        update={
            "households": [h for h in scenario.households if h.id not in households],
            "persons": [p for p in scenario.persons if p.household not in households],
            "dwellings": [d for d in scenario.dwellings if d.id not in dwellings],
        }
    )


def _with_later(plan: Plan, scenario: Scenario, later: list[str], lang: Language) -> Plan:
    """The LATER households among the unassigned, all in the scenario's household order."""
    if not later:
        return plan
    rows = [_later_row(scenario, hid, lang) for hid in later]
    place = {h.id: i for i, h in enumerate(scenario.households)}
    unassigned = sorted([*plan.unassigned, *rows], key=lambda u: place.get(u.household, len(place)))
    return plan.model_copy(update={"unassigned": unassigned})


def _later_row(scenario: Scenario, household_id: str, lang: Language) -> Unassigned:
    return Unassigned(
        household=household_id,
        persons=len(scenario.members(household_id)),
        reason_code=REASON_LATER,
        reason=later_reason(scenario, household_id, lang),
    )


def _main_homes(plan: Plan, scenario: Scenario) -> dict[str, Assignment]:
    """Each housed household's main home: the assignment with its referent (a split's main group)."""
    homes: dict[str, Assignment] = {}
    for a in plan.assignments:
        if a.household not in homes or main_person(scenario, a.household) in a.person_ids:
            homes[a.household] = a
    return homes


def _marks_kept(previous: PreviousPlan, homes: dict[str, Assignment], scenario: Scenario) -> dict[str, Mark]:
    """The marks of the announced and moved-in families the plan keeps in their main HOMES (a family
    joining its referent too): next week's plan says so as well, so the planner marks each family once."""
    return {
        h: row.status
        for h, row in previous.mains(scenario).items()
        if row.status in KEPT and h in homes and homes[h].dwelling == row.dwelling
    }


def _kept_lost(kept: dict[str, PreviousHome], homes: dict[str, Assignment], lang: Language) -> list[str]:
    """Announced or moved-in families the rules no longer let stay in their main HOMES (a changed
    policy, say)."""
    return [
        say(lang, "note_kept_lost", household=h, dwelling=k.dwelling, how=say(lang, f"change_{k.status}"))
        for h, k in kept.items()
        if h not in homes or homes[h].dwelling != k.dwelling
    ]


def _changes(
    given: Scenario,
    planned: Scenario,
    previous: PreviousPlan,
    kept: dict[str, PreviousHome],
    plan: Plan,
    late_homes: set[str],
    lang: Language,
) -> list[Change]:
    """Every household of the scenario whose main home is not the previous plan's, with why."""
    after = _main_homes(plan, planned)
    before_homes = previous.mains(planned)
    reasons = {u.household: u.reason for u in plan.unassigned}
    given_homes = {d.id: d for d in given.dwellings}
    holder = {a.dwelling: a for a in plan.assignments}
    out: list[Change] = []
    for household in planned.households:
        hid = household.id
        before = before_homes.get(hid)
        now = after.get(hid)
        if (before.dwelling if before else None) == (now.dwelling if now else None):
            if before is not None and now is not None and before.kind == "split" and now.kind != "split":
                out.append(Change(hid, before.dwelling, now.dwelling, say(lang, "change_split_now")))
            continue
        if before is None:
            why = say(lang, "change_new")
        elif now is None:
            reason = reasons.get(hid, "")
            code = next((u.reason_code for u in plan.unassigned if u.household == hid), "")
            why = reason if code == REASON_LATER else say(lang, "change_left_out", reason=reason)
        else:
            why = _moved_why(planned, before, now, holder, previous, kept, given_homes, late_homes, lang)
        out.append(Change(hid, before.dwelling if before else None, now.dwelling if now else None, why))
    return out


def _moved_why(
    planned: Scenario,
    before: PreviousHome,
    now: Assignment,
    holder: dict[str, Assignment],
    previous: PreviousPlan,
    kept: dict[str, PreviousHome],
    given_homes: dict[str, Dwelling],
    late_homes: set[str],
    lang: Language,
) -> str:
    """Why a household housed both times is in another home now, as far as the plans show."""
    home = before.dwelling
    order = ", ".join(planned.policy.objective_order)
    if home not in given_homes:
        return say(lang, "change_gone", dwelling=home)
    if home in late_homes:
        return say(lang, "change_later_home", dwelling=home, date=given_homes[home].available_from)
    if before.kind == "split" and now.kind != "split":
        return say(lang, "change_split_now")
    household = planned.household(before.household)
    dwelling = planned.dwelling(home)
    if not rules.fits_home(planned.members(household.id), household, dwelling, planned):
        return say(lang, "change_unfit", dwelling=home)
    if not rules.in_time(household, dwelling, planned.policy):
        return say(lang, "change_not_in_time", dwelling=home)
    taker = holder.get(home)
    if taker is None:
        return say(lang, "change_own_goal", order=order, after=now.dwelling)
    other = taker.household
    fields = {"dwelling": home, "other": other, "persons": count(lang, taker.persons, "person")}
    if other in kept:
        return say(
            lang, "change_kept_for", dwelling=home, other=other, how=say(lang, f"change_{kept[other].status}")
        )
    if planned.household(other).pinned_dwelling == home:
        return say(lang, "change_kept_for", dwelling=home, other=other, how=say(lang, "change_pinned"))
    other_before = previous.rows.get(other, (None,))[0]
    if other_before is None:
        return say(lang, "change_more_persons", **fields)
    if other_before.kind == "split" and taker.kind != "split":
        return say(lang, "change_no_split", **fields)
    return say(lang, "change_for_other", order=order, **fields)
