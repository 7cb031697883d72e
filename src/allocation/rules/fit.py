"""Whether a group of persons fits a dwelling (passende woning): size, bedrooms, access, kind, rent."""

from __future__ import annotations

from collections.abc import Sequence

from allocation.policy import Policy
from allocation.reason_texts import Language, fit_problem_text
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Person, Scenario


class FitProblem(str):
    """A reason a group does not fit, readable as text; `code` names the rule, `params` its numbers."""

    code: str
    params: dict[str, float | int]

    def __new__(cls, code: str, **params: float | int) -> FitProblem:
        problem = super().__new__(cls, fit_problem_text("en", code, params))
        problem.code = code
        problem.params = params
        return problem

    def text(self, lang: Language) -> str:
        """The same reason in another language."""
        return fit_problem_text(lang, self.code, self.params)


def fit_problems(
    persons: Sequence[Person], dwelling: Dwelling, policy: Policy, *, needs_accessible: bool
) -> list[FitProblem]:
    """Every reason this group does not fit this dwelling, in planner's words; empty means it fits."""
    size = len(persons)
    problems: list[FitProblem] = []
    if size > dwelling.max_occupants:
        problems.append(FitProblem("occupants", size=size, most=dwelling.max_occupants))
    bedrooms = needed_bedrooms(persons, policy)
    if bedrooms > dwelling.bedrooms:
        problems.append(FitProblem("bedrooms", need=bedrooms, has=dwelling.bedrooms))
    if needs_accessible and not dwelling.accessible:
        problems.append(FitProblem("accessible"))
    if dwelling.kind == "room" and size != 1:
        problems.append(FitProblem("room"))
    if dwelling.rent is not None and dwelling.rent > policy.rent_limit(size):
        problems.append(FitProblem("rent", rent=dwelling.rent, limit=policy.rent_limit(size), size=size))
    return problems


def group_fits(
    persons: Sequence[Person], dwelling: Dwelling, policy: Policy, *, needs_accessible: bool
) -> bool:
    """True when the group may live in the dwelling under every fit rule."""
    return not fit_problems(persons, dwelling, policy, needs_accessible=needs_accessible)


def rent_band(rent: float | None, policy: Policy) -> int:
    """Rent as the rules see it: 0 within the small limit, 1 within the large limit, 2 above both."""
    if rent is None:
        return 0
    low, high = sorted((policy.rent_limit_small, policy.rent_limit_large))
    if rent <= low:
        return 0
    return 1 if rent <= high else 2


def group_key(persons: Sequence[Person], policy: Policy, *, needs_accessible: bool) -> tuple[int, int, bool]:
    """What the fit rules can tell apart in a group: size, needed bedrooms, step-free need."""
    return (len(persons), needed_bedrooms(persons, policy), needs_accessible)


def dwelling_key(dwelling: Dwelling, policy: Policy) -> tuple[int, int, bool, str, int]:
    """What the fit rules can tell apart in a dwelling: rooms, occupants, access, kind, rent band."""
    return (
        dwelling.bedrooms,
        dwelling.max_occupants,
        dwelling.accessible,
        dwelling.kind,
        rent_band(dwelling.rent, policy),
    )


class FitCache:
    """group_fits memoised on what the rules can tell apart, for scans over a whole stock."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self._known: dict[tuple, bool] = {}

    def fits(self, persons: Sequence[Person], dwelling: Dwelling, *, needs_accessible: bool) -> bool:
        """Same answer as group_fits, computed once per (group key, dwelling key)."""
        key = (
            group_key(persons, self.policy, needs_accessible=needs_accessible),
            dwelling_key(dwelling, self.policy),
        )
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = group_fits(
                persons, dwelling, self.policy, needs_accessible=needs_accessible
            )
        return known

    def fits_key(
        self,
        persons: Sequence[Person],
        group: tuple,
        dwelling: Dwelling,
        *,
        needs_accessible: bool,
        dwelling_group: tuple | None = None,
    ) -> bool:
        """As fits, with the group's (and optionally the dwelling's) key already known."""
        key = (group, dwelling_group or dwelling_key(dwelling, self.policy))
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = group_fits(
                persons, dwelling, self.policy, needs_accessible=needs_accessible
            )
        return known


def fit_cache(scenario: Scenario) -> FitCache:
    """The scenario's shared fit cache."""
    return scenario.cached("fit_cache", lambda: FitCache(scenario.policy))


def stock_by_key(scenario: Scenario) -> dict[str, dict[tuple, list[Dwelling]]]:
    """Per municipality, its dwellings grouped by what the fit rules can tell apart (id order)."""

    def build() -> dict[str, dict[tuple, list[Dwelling]]]:
        stock: dict[str, dict[tuple, list[Dwelling]]] = {}
        for d in sorted(scenario.dwellings, key=lambda d: d.id):
            stock.setdefault(d.municipality, {}).setdefault(dwelling_key(d, scenario.policy), []).append(d)
        return stock

    return scenario.cached("stock_by_key", build)
