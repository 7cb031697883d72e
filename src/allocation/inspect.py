"""One family or one home looked at closely: who, where now, what the plan gives, and what else would fit.

Built on the public rules (reach, fit, timing, quota) and explain; it decides nothing itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import NamedTuple

from allocation import rules
from allocation.labels import Language
from allocation.plan import Assignment, Plan
from allocation.reason_texts import fit_problem_text
from allocation.scenario import Dwelling, Household, Person, Scenario

WORDS: dict[str, dict[Language, str]] = {
    "chosen": {"nl": "gekozen in dit plan", "en": "chosen in this plan"},
    "taken": {
        "nl": "gaat naar huishouden {other} ({persons} personen)",
        "en": "goes to household {other} ({persons} persons)",
    },
    "staying": {"nl": "hier blijft huishouden {other} wonen", "en": "household {other} stays here"},
    "not_in_time": {
        "nl": "niet op tijd vrij (vrij vanaf {free}, aankomst {arrival})",
        "en": "not free in time (free from {free}, arrival {arrival})",
    },
    "free": {
        "nl": "bleef vrij: de doelen gaven de voorkeur aan een andere verdeling",
        "en": "stayed free: the objectives preferred another allocation",
    },
    "no_plan": {"nl": "nog geen plan", "en": "no plan yet"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    "now_reception": {"nl": "in de opvang", "en": "in reception"},
    "now_referent": {
        "nl": "bij de referent in woning {dwelling}",
        "en": "with the referent in dwelling {dwelling}",
    },
    "now_abroad": {"nl": "nog niet in Nederland", "en": "not in the Netherlands yet"},
    "now_abroad_referent": {
        "nl": "nog niet in Nederland; de referent woont in woning {dwelling}",
        "en": "not in the Netherlands yet; the referent lives in dwelling {dwelling}",
    },
    "now_arrived": {"nl": "in Nederland sinds {date}", "en": "in the Netherlands since {date}"},
    "housed_here": {"nl": "krijgt deze woning", "en": "gets this home"},
    "housed_elsewhere": {"nl": "krijgt {home}", "en": "gets {home}"},
    "left_out": {"nl": "niet gehuisvest", "en": "not housed"},
}


def _say(lang: Language, key: str, **fields: object) -> str:
    return WORDS[key][lang].format(**fields)


class Member(NamedTuple):
    """One person of the family as the planner needs to see them."""

    id: str
    role: str
    age: int
    sex: str | None
    arriving: bool
    needs_accessible: bool


class Candidate(NamedTuple):
    """A home that would fit the whole family, and why the plan did or did not choose it."""

    dwelling: str
    municipality: str
    bedrooms: int
    max_occupants: int
    rent: float | None
    away: bool
    chosen: bool
    why: str


class FamilyView(NamedTuple):
    """A household: members, where it is now, what the plan gives it, and the homes that would fit."""

    household: Household
    members: list[Member]
    municipality: str
    now: str
    tvs_step: str | None
    step_date: date | None
    arrival: date | None
    home: list[Assignment]
    reason: str | None
    candidates: list[Candidate]


class Contender(NamedTuple):
    """Another family that would fit a home, ranked by the objective order."""

    rank: int
    household: str
    persons: int
    counted: int
    away: bool
    unused: int
    in_plan: str


class Unfit(NamedTuple):
    """Why families that may live in a home do not fit it, and how many give that reason."""

    reason: str
    households: int


class HomeView(NamedTuple):
    """A dwelling: who the plan gives it to, and which other families would fit it."""

    dwelling: Dwelling
    occupants: list[Assignment]
    contenders: list[Contender]
    unfit: tuple[Unfit, ...] = ()
    """When no family fits: the fit rules' reasons among those that may live here, most given first."""


def _members(persons: list[Person]) -> list[Member]:
    return [Member(p.id, p.role, p.age, p.sex, p.arriving, p.needs_accessible) for p in persons]


def _now(household: Household, scenario: Scenario, lang: Language) -> str:
    """Where the family is today: in reception, with its referent, or still abroad (the referent's
    home is where the referent lives, not proof that the family has arrived)."""
    home = household.current_dwelling
    if household.tvs_step == "in_opvang":
        return _say(lang, "now_reception")
    if household.tvs_step == "bij_referent":
        return _say(lang, "now_referent", dwelling=home or "-")
    if rules.already_here(household, scenario.policy):  # an arrival date on or before today
        if home:
            return _say(lang, "now_referent", dwelling=home)
        return _say(lang, "now_arrived", date=household.arrival.isoformat() if household.arrival else "-")
    if home:
        return _say(lang, "now_abroad_referent", dwelling=home)
    return _say(lang, "now_abroad")


def _whole_fits(household: Household, members: list[Person], dwelling: Dwelling, scenario: Scenario) -> bool:
    needs = rules.needs_step_free(members, household)  # a member's own need counts too, as for the plan
    return rules.group_fits(members, dwelling, scenario.policy, needs_accessible=needs)


def family_view(
    scenario: Scenario,
    household_id: str,
    plan: Plan | None = None,
    lang: Language = "nl",
    reasons: Mapping[str, str] | None = None,
) -> FamilyView:
    """The family view of one household (KeyError when unknown); REASONS: why left out, in LANG."""
    household = scenario.household(household_id)
    members = scenario.members(household_id)
    policy = scenario.policy
    home = plan.assignments_of(household_id) if plan is not None else []
    reason = None
    if plan is not None and not home:
        reason = (reasons or {}).get(household_id) or next(
            (u.reason for u in plan.unassigned if u.household == household_id), None
        )
    chosen = {a.dwelling for a in home}
    taker = {a.dwelling: a for a in plan.assignments} if plan is not None else {}
    housed = {a.household for a in plan.assignments} if plan is not None else set()
    staying = {
        h.current_dwelling: h.id for h in scenario.households if h.current_dwelling and h.id not in housed
    }
    arrival = rules.likely_arrival(household, policy)
    candidates = []
    for code in rules.allowed_municipalities(household, scenario):
        for dwelling in (d for d in scenario.dwellings if d.municipality == code):
            if dwelling.id not in chosen and not _whole_fits(household, members, dwelling, scenario):
                continue
            if dwelling.id in chosen:
                why = _say(lang, "chosen")
            elif plan is None:
                why = _say(lang, "no_plan")
            elif dwelling.id in taker:
                other = taker[dwelling.id]
                why = _say(lang, "taken", other=other.household, persons=other.persons)
            elif dwelling.id in staying and staying[dwelling.id] != household_id:
                why = _say(lang, "staying", other=staying[dwelling.id])
            elif not rules.in_time(household, dwelling, policy):
                free = rules.available_date(dwelling, policy)
                why = _say(
                    lang,
                    "not_in_time",
                    free=free.isoformat() if free else _say(lang, "unknown"),
                    arrival=arrival.isoformat() if arrival else _say(lang, "unknown"),
                )
            else:
                why = _say(lang, "free")
            candidates.append(
                Candidate(
                    dwelling.id,
                    dwelling.municipality,
                    dwelling.bedrooms,
                    dwelling.max_occupants,
                    dwelling.rent,
                    rules.is_away(household, code, scenario),
                    dwelling.id in chosen,
                    why,
                )
            )
    candidates.sort(key=lambda c: (not c.chosen, c.away, c.max_occupants - len(members), c.dwelling))
    return FamilyView(
        household,
        _members(members),
        household.municipality,
        _now(household, scenario, lang),
        household.tvs_step,
        household.step_date,
        arrival,
        home,
        reason,
        candidates,
    )


def _rank_key(contender: Contender, order: list[str]) -> tuple:
    """The objective order as a sort key: more persons, not away, more counted, less unused first."""
    parts = {
        "persons": -contender.persons,
        "away": contender.away,
        "shortfall": -contender.counted,
        "unused": contender.unused,
    }
    return (*(parts[t] for t in order if t in parts), contender.household)


def home_view(
    scenario: Scenario, dwelling_id: str, plan: Plan | None = None, lang: Language = "nl"
) -> HomeView:
    """The home view of one dwelling (KeyError when unknown): occupants and the families that would fit."""
    dwelling = scenario.dwelling(dwelling_id)
    occupants = [a for a in plan.assignments if a.dwelling == dwelling_id] if plan is not None else []
    contenders = []
    for household, members in _may_live_in(scenario, dwelling):
        if not _whole_fits(household, members, dwelling, scenario):
            continue
        if plan is None:
            where = _say(lang, "no_plan")
        else:
            rows = plan.assignments_of(household.id)
            if any(a.dwelling == dwelling_id for a in rows):
                where = _say(lang, "housed_here")
            elif rows:
                where = _say(lang, "housed_elsewhere", home=" + ".join(a.dwelling for a in rows))
            else:
                where = _say(lang, "left_out")
        contenders.append(
            Contender(
                0,
                household.id,
                len(members),
                rules.quota_counts(members, household),
                rules.is_away(household, dwelling.municipality, scenario),
                dwelling.max_occupants - len(members),
                where,
            )
        )
    order = list(scenario.policy.objective_order)
    contenders.sort(key=lambda c: _rank_key(c, order))
    ranked = [c._replace(rank=i) for i, c in enumerate(contenders, start=1)]
    unfit = () if ranked else tuple(_unfit(scenario, dwelling, lang))
    return HomeView(dwelling, occupants, ranked, unfit)


def _may_live_in(scenario: Scenario, dwelling: Dwelling) -> Iterator[tuple[Household, list[Person]]]:
    """The households (with their members) that arrive and may be housed in the home's municipality."""
    for household in scenario.households:
        if not rules.is_refused(household) and dwelling.municipality in rules.allowed_municipalities(
            household, scenario
        ):
            yield household, scenario.members(household.id)


def _unfit(scenario: Scenario, dwelling: Dwelling, lang: Language) -> list[Unfit]:
    """Why no whole family fits this home: the families that may live here grouped by which fit
    rules they fail, each group worded by its smallest family (the nearest miss), largest first."""
    groups: dict[tuple[str, ...], list[tuple[int, str, list[rules.FitProblem]]]] = {}
    for household, members in _may_live_in(scenario, dwelling):
        needs = rules.needs_step_free(members, household)
        problems = rules.fit_problems(members, dwelling, scenario.policy, needs_accessible=needs)
        if problems:
            codes = tuple(p.code for p in problems)
            groups.setdefault(codes, []).append((len(members), household.id, problems))
    found = []
    for families in groups.values():
        _, _, nearest = min(families, key=lambda f: (f[0], f[1]))
        reason = "; ".join(fit_problem_text(lang, p, scenario.policy) for p in nearest)
        found.append(Unfit(reason, len(families)))
    return sorted(found, key=lambda u: (-u.households, u.reason))
