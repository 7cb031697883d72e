"""Reference model: one CP-SAT Boolean per household x dwelling pair, the way a newcomer writes it.

It encodes the same hard rules and objective as the class-based optimizer, directly and without
aggregation, so the benchmark can show what the class-based formulation buys. It is a baseline for
measurements, not the product: the model grows with households x dwellings per region.

v2 (docs/FORMAT.md): the objective order is the policy's (v2 default persons, splits, away,
shortfall, unused); splits are offered as `split_when` says; fit questions (youth rent, the join
without a rent check) go to `rules`; step-free needs follow the persons of each group; persons
count for the quota as `rules.quota_counts` says, and only within `quota_period_end`.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from allocation import rules
from allocation.explain import explain_unassigned
from allocation.plan import Assignment, Plan, SolveStats
from allocation.policy import OBJECTIVE_SENSE
from allocation.report import quota_lines, with_scores
from allocation.rules import (
    allowed_municipalities,
    group_fits,
    is_away,
    joins_referent,
    quota_counts,
    split_groups,
)
from allocation.rules.order import housing_order
from allocation.scenario import Dwelling, Household, Person, Scenario

SOLVER_NAME = "pairwise-cpsat"
MIN_SEARCH_SECONDS = 0.1
"""Search time left to CP-SAT when building the model used up the whole limit."""
MAX_OBJECTIVE = 2**62
"""Exactly separated weights must keep the weighted sum inside CP-SAT's 64-bit integers."""


def needs_step_free(group: Sequence[Person], household: Household) -> bool:
    """v2: a group needs a step-free home when one of its persons does, or when it holds the referent
    and the household needs it (the household flag is about the main address)."""
    return any(p.needs_accessible for p in group) or (
        household.needs_accessible and any(p.role == "referent" for p in group)
    )


def counts_this_period(dwelling: Dwelling, scenario: Scenario) -> bool:
    """Q10 (v2): persons housed in a home free only after `quota_period_end` count for the next period."""
    end = scenario.policy.quota_period_end
    return end is None or dwelling.available_from is None or dwelling.available_from <= end


def split_options(household: Household, scenario: Scenario) -> Sequence[tuple[list[Person], list[Person]]]:
    """Casus 4: (main group, second group) pairs as the split rule offers them under `split_when`.

    `no_home_in_plan` (v2) offers every split of adult children or siblings and lets the `splits`
    term keep them to those that house more persons; `no_fitting_home` (v1) only when no
    reachable home fits everyone. The choice lives in `rules.split_groups`.
    """
    return split_groups(household, scenario)


@dataclass
class _Slot:
    """One group of the household and the dwellings it may take, each with its own Boolean."""

    group: list[Person]
    choices: list[tuple[Dwelling, cp_model.IntVar]] = field(default_factory=list)


@dataclass
class _Option:
    """One way to house a household: a join, a move to one dwelling, or a split over two (one var)."""

    household: Household
    kind: str
    municipality: str
    slots: list[_Slot]
    var: cp_model.IntVar

    @property
    def persons(self) -> int:
        return sum(len(s.group) for s in self.slots)


@dataclass
class _Model:
    """Variables and options of the per-pair model, kept together to read the solution back."""

    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    options: dict[str, list[_Option]] = field(default_factory=dict)
    terms: dict[str, cp_model.LinearExpr] = field(default_factory=dict)
    ranges: dict[str, int] = field(default_factory=dict)
    infeasible_pins: list[str] = field(default_factory=list)


class _FitCache:
    """group_fits asked once per (group, dwelling features): dwellings of one type fit alike."""

    def __init__(self, scenario: Scenario):
        self.policy = scenario.policy
        self.memo: dict[tuple, bool] = {}

    def fits(self, key: str, group: list[Person], dwelling: Dwelling, household: Household) -> bool:
        d = dwelling
        accessible = needs_step_free(group, household)
        k = (key, d.bedrooms, d.max_occupants, d.accessible, d.kind, d.rent)
        hit = self.memo.get(k)
        if hit is None:
            hit = group_fits(group, d, self.policy, needs_accessible=accessible)
            self.memo[k] = hit
        return hit


class _Builder:
    """Creates the Booleans of each household's placements (join Q5, move Q6/Q7, split casus 4)."""

    def __init__(self, scenario: Scenario, cp: cp_model.CpModel):
        self.scenario = scenario
        self.cp = cp
        self.cache = _FitCache(scenario)
        self.by_muni: dict[str, list[Dwelling]] = defaultdict(list)
        for d in scenario.dwellings:
            self.by_muni[d.municipality].append(d)
        # A pinned dwelling is the planner's decision for its household: nobody else is offered it.
        self.timed = rules.timing_active(scenario.policy)
        # Two pins on one home: as in the optimizer, the last family in housing order keeps it.
        self.reserved = {
            h.pinned_dwelling: h.id
            for h in sorted(scenario.households, key=housing_order)
            if h.pinned_dwelling
            and not rules.is_refused(h)
            and not joins_referent(h, scenario)
            and self._pin_can_hold(h)
        }

    def _pin_can_hold(self, household: Household) -> bool:
        """A pinned home is kept for its family only when it fits them (or a split's main group) in time."""
        home = self.scenario.dwelling(household.pinned_dwelling)
        members = self.scenario.members(household.id)
        groups = [members] + [main for main, _ in split_options(household, self.scenario)]
        policy = self.scenario.policy
        return self._in_time(household, home) and any(
            group_fits(g, home, policy, needs_accessible=needs_step_free(g, household)) for g in groups
        )

    def _free_for(self, household: Household, dwelling: Dwelling) -> bool:
        return self.reserved.get(dwelling.id, household.id) == household.id

    def _in_time(self, household: Household, dwelling: Dwelling) -> bool:
        """Q3/Q5: neither the reception-wait nor the vacancy limit is exceeded (dates in buckets)."""
        if not self.timed:
            return True
        policy = self.scenario.policy
        arrival = rules.bucket(rules.likely_arrival(household, policy), policy)
        available = rules.bucket(rules.available_date(dwelling, policy), policy)
        return rules.timing_allowed(rules.bucket_gap_days(arrival, available, policy), policy)

    def options(self, household: Household) -> list[_Option]:
        """Every placement the rules allow this household, each with one Boolean."""
        sc, cp = self.scenario, self.cp
        members = sc.members(household.id)
        hid = household.id
        if rules.is_refused(household):
            # Q1: a refused application (afgewezen) brings no family, so it needs no home.
            return []
        if joins_referent(household, sc):
            home = sc.dwelling(household.current_dwelling)
            var = cp.new_bool_var(f"{hid}@{home.id}")
            return [_Option(household, "join", home.municipality, [_Slot(members, [(home, var)])], var)]
        pin = household.pinned_dwelling
        options: list[_Option] = []
        reach = allowed_municipalities(household, sc)
        for code in reach:
            for d in self.by_muni.get(code, []):
                usable = (
                    (not pin or d.id == pin) and self._free_for(household, d) and self._in_time(household, d)
                )
                if usable and self.cache.fits(hid, members, d, household):
                    var = cp.new_bool_var(f"{hid}@{d.id}")
                    options.append(_Option(household, "move", code, [_Slot(members, [(d, var)])], var))
        for i, (main, second) in enumerate(split_options(household, sc)):
            for code in reach:
                dwellings = self.by_muni.get(code, [])
                mains = [
                    d
                    for d in dwellings
                    if (not pin or d.id == pin)
                    and self._free_for(household, d)
                    and self._in_time(household, d)
                    and self.cache.fits(f"{hid}|m{i}", main, d, household)
                ]
                seconds = [
                    d
                    for d in dwellings
                    if d.id not in self.reserved
                    and self._in_time(household, d)
                    and self.cache.fits(f"{hid}|s{i}", second, d, household)
                ]
                if mains and seconds:
                    options.append(self._split(household, code, i, (main, mains), (second, seconds)))
        return options

    def _split(self, household: Household, code: str, i: int, main_part, second_part) -> _Option:
        """Casus 4: one Boolean for the split, one per candidate dwelling of each address."""
        cp, hid = self.cp, household.id
        var = cp.new_bool_var(f"{hid}|split{i}@{code}")
        slots = []
        for tag, (group, dwellings) in (("m", main_part), ("s", second_part)):
            choices = [(d, cp.new_bool_var(f"{hid}|{tag}{i}@{d.id}")) for d in dwellings]
            # Hard: a chosen split takes exactly one dwelling per address, both in this municipality.
            cp.add(sum(v for _, v in choices) == var)
            slots.append(_Slot(group, choices))
        return _Option(household, "split", code, slots, var)


def _build(scenario: Scenario) -> _Model:
    """Booleans per pair, the hard rules as linear constraints, the objective as one weighted sum."""
    m = _Model()
    cp = m.cp
    builder = _Builder(scenario, cp)
    on_dwelling: dict[str, list[tuple[str, cp_model.IntVar]]] = defaultdict(list)
    counted_in: dict[str, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    housed: dict[str, list[cp_model.IntVar]] = {}
    pins, persons, away, splits, unused = [], [], [], [], []
    away_households: set[str] = set()
    for h in scenario.households:
        options = builder.options(h)
        m.options[h.id] = options
        housed[h.id] = [o.var for o in options]
        if not options:
            if h.pinned_dwelling or h.pinned_municipality:
                m.infeasible_pins.append(h.id)
            continue
        for o in options:
            for slot in o.slots:
                counted = quota_counts(slot.group, h)
                for d, v in slot.choices:
                    on_dwelling[d.id].append((h.id, v))
                    unused.append((d.max_occupants - len(slot.group), v))
                    if counted and counts_this_period(d, scenario):
                        counted_in[o.municipality].append((counted, v))
            if _pinned_mover(h, m):
                pins.append((1, o.var))
            persons.append((o.persons, o.var))
            if is_away(h, o.municipality, scenario):
                away.append((1, o.var))
                away_households.add(h.id)
            if o.kind == "split":
                splits.append((1, o.var))
        if options[0].kind == "join":
            # Hard: woningcheck (Q5), the family moves in with the referent.
            cp.add(options[0].var == 1)
        else:
            # Hard: at most one placement per household.
            cp.add_at_most_one(housed[h.id])

    for dwelling_id, users in on_dwelling.items():
        # Hard: one household per dwelling.
        cp.add_at_most_one(v for _, v in users)
        occupant = scenario.occupant_of(dwelling_id)
        if occupant is not None:
            # Hard: an occupied dwelling goes to another household only when its referent moves out.
            others = [v for hid, v in users if hid != occupant]
            if others:
                cp.add(sum(others) <= sum(housed.get(occupant, [])))

    shortfall_vars = []
    shortfall_range = 0
    for muni in scenario.municipalities:
        need = max(0, muni.quota - muni.housed)
        if need == 0:
            continue
        s = cp.new_int_var(0, need, f"shortfall:{muni.code}")
        counted = [(c, v) for c, v in counted_in.get(muni.code, []) if c]
        cp.add(s + _weighted(counted) >= need)
        shortfall_vars.append(s)
        shortfall_range += need

    m.terms = {
        "pins": _weighted(pins),
        "persons": _weighted(persons),
        "shortfall": cp_model.LinearExpr.sum(shortfall_vars),
        "away": _weighted(away),
        "splits": _weighted(splits),
        "unused": _weighted(unused),
    }
    m.ranges = {
        "pins": sum(1 for h in scenario.households if _pinned_mover(h, m)),
        "persons": sum(max((o.persons for o in opts), default=0) for opts in m.options.values()),
        "shortfall": shortfall_range,
        "away": len(away_households),
        "splits": sum(1 for opts in m.options.values() if any(o.kind == "split" for o in opts)),
        "unused": sum(d.max_occupants for d in scenario.dwellings),
    }
    cp.minimize(_objective(m, scenario))
    return m


def _pinned_mover(household: Household, m: _Model) -> bool:
    """A pinned household with a placement to choose (joins are fixed, whatever their pin)."""
    options = m.options.get(household.id, [])
    pinned = household.pinned_dwelling or household.pinned_municipality
    return bool(pinned and options and options[0].kind != "join")


def _weighted(pairs: list[tuple[int, cp_model.IntVar]]) -> cp_model.LinearExpr:
    """Sum of coefficient x Boolean."""
    return cp_model.LinearExpr.weighted_sum([v for _, v in pairs], [c for c, _ in pairs])


def objective_order(scenario: Scenario) -> list[str]:
    """The policy's terms, most important first, behind 'pins' when any household is pinned."""
    pinned = any(h.pinned_dwelling or h.pinned_municipality for h in scenario.households)
    return (["pins"] if pinned else []) + list(scenario.policy.objective_order)


def objective_weights(order: list[str], ranges: dict[str, int]) -> dict[str, int]:
    """Weights so each term outranks everything after it: w_k = prod of (range + 1) of later terms."""
    weights: dict[str, int] = {}
    w = 1
    for term in reversed(order):
        weights[term] = w
        w *= ranges[term] + 1
    if w > MAX_OBJECTIVE:
        raise ValueError(
            "the per-pair reference model cannot weigh this instance's objective exactly "
            f"within 64-bit integers (needs {w:.3g}); use a smaller instance"
        )
    return weights


def _objective(m: _Model, scenario: Scenario) -> cp_model.LinearExpr:
    """Minimise: minus the weighted 'max' terms plus the weighted 'min' terms, in policy order.

    Pinned households housed come first, as in the class-based model: a pin is the planner's word.
    """
    order = objective_order(scenario)
    unknown = [t for t in order if t not in m.terms]
    if unknown:
        raise ValueError(
            f"the per-pair reference models the terms {', '.join(m.terms)}; "
            f"this policy also ranks {', '.join(unknown)}"
        )
    weights = objective_weights(order, m.ranges)
    parts = []
    for term in order:
        sign = 1 if term != "pins" and OBJECTIVE_SENSE[term] == "min" else -1
        parts.append(sign * weights[term] * m.terms[term])
    return sum(parts)


def _parameters(solver: cp_model.CpSolver, time_limit: float, options) -> None:
    """Time limit always; threads, gap, seed, presolve and raw parameters from SolverOptions."""
    params = solver.parameters
    params.max_time_in_seconds = float(time_limit)
    if options is None:
        return
    if getattr(options, "threads", None):
        params.num_workers = int(options.threads)
    if getattr(options, "relative_gap", None) is not None:
        params.relative_gap_limit = float(options.relative_gap)
    if getattr(options, "random_seed", None) is not None:
        params.random_seed = int(options.random_seed)
    if getattr(options, "presolve", None) is False:
        params.cp_model_presolve = False
    for key, value in (getattr(options, "backend_params", None) or {}).items():
        setattr(params, key, value)


_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "unknown",
    cp_model.UNKNOWN: "unknown",
}


def solve_pairwise(
    scenario: Scenario, time_limit: float | None = None, options=None, deterministic: bool = False
) -> Plan:
    """Solve with one Boolean per household x dwelling pair; stops at the time limit with the bound."""
    limit = float(time_limit if time_limit is not None else scenario.policy.time_limit)
    started = time.perf_counter()
    m = _build(scenario)
    build_seconds = time.perf_counter() - started
    solver = cp_model.CpSolver()
    # The limit covers the whole solve, model build included, as for the class-based model.
    _parameters(solver, max(limit - build_seconds, MIN_SEARCH_SECONDS), options)
    if deterministic:
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
    code = solver.solve(m.cp)
    status = _STATUS.get(code, "unknown")
    solve_seconds = time.perf_counter() - started
    has_solution = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    plan = _read_plan(scenario, m, solver if has_solution else None)
    stats = SolveStats(
        status=status,
        solver=SOLVER_NAME,
        solve_seconds=solve_seconds,
        build_seconds=build_seconds,
        message=_message(m, status),
    )
    if has_solution:
        terms = {t: int(solver.value(e)) for t, e in m.terms.items()}
        bound = persons_bound(m, scenario, solver.best_objective_bound, terms["pins"])
        stats.objective = float(terms["persons"])
        stats.bound = float(max(bound, terms["persons"]))
        stats.gap = _gap(terms["persons"], stats.bound) if status != "optimal" else 0.0
        stats.objective_terms = {t: float(v) for t, v in terms.items()}
        stats.message += (
            f"; weighted objective {solver.objective_value:.0f}, bound {solver.best_objective_bound:.0f}"
        )
    plan.stats = stats
    return plan


def persons_bound(m: _Model, scenario: Scenario, weighted_bound: float, pins_found: int) -> int:
    """Most persons any lexicographic optimum can house, read off the weighted sum's proven bound.

    The objective is -W_pins*pins - W_persons*persons + rest, with 0 <= rest < W_persons, and the
    optimum houses at least as many pinned households as the incumbent; so persons* is at most
    (W_persons - 1 - bound - W_pins*pins_found) / W_persons. Same scale as the class-based gap.
    """
    order = objective_order(scenario)
    weights = objective_weights(order, m.ranges)
    if order[0] not in ("pins", "persons") or (order[0] == "pins" and order[1] != "persons"):
        return m.ranges["persons"]
    w_pins = weights.get("pins", 0)
    bound = (weights["persons"] - 1 - weighted_bound - w_pins * pins_found) // weights["persons"]
    return int(min(bound, m.ranges["persons"]))


def _gap(value: float, bound: float) -> float:
    """Relative gap of the persons housed, as the class-based model reports it."""
    return 0.0 if bound <= value else (bound - value) / max(abs(bound), 1.0)


def _message(m: _Model, status: str) -> str:
    """Plain words on what the run did, including pins that no fitting dwelling can honour."""
    text = f"per-pair model: {len(m.cp.proto.variables)} variables; status {status}"
    if m.infeasible_pins:
        text += f"; {len(m.infeasible_pins)} pinned household(s) without a fitting pinned dwelling"
    return text


def _read_plan(scenario: Scenario, m: _Model, solver: cp_model.CpSolver | None) -> Plan:
    """Assignments from the chosen Booleans; reasons and quota lines as for every other solver."""
    assignments: list[Assignment] = []
    for h in scenario.households:
        options = m.options[h.id]
        if solver is None:
            # No solution within the limit: only the fixed woningcheck joins (Q5) stand.
            chosen = options[0] if options and options[0].kind == "join" else None
        else:
            chosen = next((o for o in options if solver.boolean_value(o.var)), None)
        if chosen is None:
            continue
        for slot in chosen.slots:
            picked = [d for d, v in slot.choices if solver is None or solver.boolean_value(v)]
            assignments.append(
                Assignment(
                    household=h.id,
                    dwelling=picked[0].id,
                    municipality=picked[0].municipality,
                    kind=chosen.kind,
                    persons=len(slot.group),
                    person_ids=[p.id for p in slot.group],
                )
            )
    scored = with_scores(scenario, assignments)
    return Plan(
        assignments=scored,
        unassigned=explain_unassigned(scenario, scored),
        quota=quota_lines(scenario, scored),
    )
