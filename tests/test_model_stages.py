"""The lexicographic machinery on its own: stage grouping, weights, the first term's bound,
time shares, the paused collector, and disaggregation in the tie order."""

from __future__ import annotations

import gc
from datetime import date

import numpy as np

import allocation
from allocation.collector import collector_paused
from allocation.model.aggregate import Component, aggregate
from allocation.model.component import ComponentModel, PlaceKey, TakeKey
from allocation.model.disaggregate import disaggregate
from allocation.model.program import Expr, Program
from allocation.model.run import RunResult
from allocation.model.stages import CAP, TIE_TERM, _first_term_bound, stage_groups, weights
from allocation.optimize import time_shares
from builders import dwelling, family, household, municipality, scenario

ORDER = ["persons", "splits", "away", "shortfall", "unused", TIE_TERM]


def test_terms_share_a_stage_only_while_their_weights_stay_exact():
    small = dict.fromkeys(ORDER, 9.0)  # 10**6 fits under CAP: one stage
    assert stage_groups(ORDER, small, weighted=False) == [ORDER]
    national = {"persons": 4254, "splits": 1237, "away": 1237, "shortfall": 2000, "unused": 20000}
    national[TIE_TERM] = 1237 * 1238 / 2
    groups = stage_groups(ORDER, national, weighted=False)
    assert [t for g in groups for t in g] == ORDER  # every term once, in the policy's order
    for group in groups:
        span = np.prod([national[t] + 1 for t in group[1:]]) if len(group) > 1 else 1
        assert span <= CAP
    assert groups[-1] == [TIE_TERM]  # the tie order's range alone exceeds what it could share


def test_weighted_mode_puts_the_policy_terms_in_one_stage_and_the_tie_order_after():
    assert stage_groups(ORDER, dict.fromkeys(ORDER, 1e6), weighted=True) == [ORDER[:-1], [TIE_TERM]]


def test_each_weight_exceeds_everything_the_lower_terms_can_add():
    bounds = {"a": 7.0, "b": 9.0, "c": 4.0}
    w = weights(["a", "b", "c"], bounds)
    assert w == {"c": 1.0, "b": 5.0, "a": 50.0}
    assert w["a"] > w["b"] * bounds["b"] + w["c"] * bounds["c"]
    assert w["b"] > w["c"] * bounds["c"]


def _model(persons_at: float, splits_at: float) -> tuple[ComponentModel, np.ndarray]:
    """A two-term model whose solution houses `persons_at` persons with `splits_at` splits."""
    cm = ComponentModel(component=Component(municipalities=[]))
    cm.terms = {"persons": Expr.of([0]), "splits": Expr.of([1])}
    cm.term_bounds = {"persons": 10.0, "splits": 3.0}
    return cm, np.array([persons_at, splits_at])


def test_the_first_terms_bound_is_recovered_from_a_weighted_stages_bound():
    cm, x = _model(5, 2)
    # weights: splits 1, persons 4; objective 4*persons - splits; the solver proved <= 28
    stopped = RunResult("feasible", x, objective=18.0, bound=28.0)
    # a split costs at most 3, so 4*persons <= 28 + 3 gives persons <= 7
    assert _first_term_bound(cm, ["persons", "splits"], stopped) == 7.0
    proven = RunResult("optimal", x, objective=18.0, bound=18.0)
    assert _first_term_bound(cm, ["persons", "splits"], proven) == 5.0
    weak = RunResult("feasible", x, objective=18.0, bound=float("inf"))
    assert _first_term_bound(cm, ["persons", "splits"], weak) == 5.0  # nothing proven beyond the value


def test_row_activities_are_each_rows_value_at_a_solution():
    prog = Program()
    prog.columns([5.0, 5.0, 5.0])
    prog.row(Expr.of([0, 2], [2.0, -1.0]), ub=4.0)
    prog.row(Expr.of([1, 1], [1.0, 1.0]))  # a column twice: merged into 2 x1
    prog.row(Expr.of([2]), lb=1.0)
    x = np.array([3.0, 1.5, 4.0])
    assert prog.activities([2, 0, 1], x).tolist() == [4.0, 2.0, 3.0]
    assert prog.activities([], x).tolist() == []


def test_rows_added_together_are_the_rows_added_one_by_one():
    rng = np.random.default_rng(3)
    rows = [rng.integers(0, 6, size=rng.integers(0, 7)).tolist() for _ in range(40)]
    coefs = [rng.choice([-1.0, 0.0, 1.0, 2.5], size=len(cols)).tolist() for cols in rows]
    limits = [float(i) for i in range(len(rows))]
    one, together = Program(), Program()
    for cols, values, ub in zip(rows, coefs, limits, strict=True):
        one.row(Expr.of(cols, values), lb=-1.0, ub=ub)
    assert together.rows_of(rows, coefs, lb=-1.0, ub=limits) == range(0, len(rows))
    assert together.rows_of([], ub=1.0) == range(len(rows), len(rows))
    assert (together.row_lb, together.row_ub) == (one.row_lb, one.row_ub)
    for mine, theirs in zip(together.row_cols, one.row_cols, strict=True):
        assert mine.tolist() == theirs.tolist()
    for mine, theirs in zip(together.row_coefs, one.row_coefs, strict=True):
        assert mine.tolist() == theirs.tolist()
    plain = Program()
    plain.rows_of([[2, 0, 2]], ub=3.0)  # coefficients default to 1; a column twice counts twice
    assert (plain.row_cols[0].tolist(), plain.row_coefs[0].tolist()) == ([0, 2], [1.0, 2.0])


def test_time_shares_are_fixed_by_size_and_use_the_whole_budget():
    shares = time_shares([100, 300, 0], budget=8.0, workers=2)
    assert shares == [4.0, 12.0, 0.0]
    assert time_shares([], budget=5.0, workers=1) == []


def test_the_collector_is_off_during_a_solve_and_back_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def _three_alike() -> allocation.Scenario:
    """Three single refugees the rules cannot tell apart but for their arrival; two rooms."""
    return scenario(
        [municipality("GM1")],
        [
            dwelling("D1", "GM1", bedrooms=1, max_occupants=1),
            dwelling("D2", "GM1", bedrooms=1, max_occupants=1),
        ],
        [
            household("H1", "GM1", arrival=date(2026, 3, 1)),
            household("H2", "GM1", arrival=date(2025, 11, 1)),
            household("H3", "GM1", arrival=date(2026, 1, 15)),
        ],
        [*family("H1", ("referent", 30)), *family("H2", ("referent", 30)), *family("H3", ("referent", 30))],
    )


def test_disaggregation_houses_a_class_in_the_tie_order_and_homes_in_id_order():
    s = _three_alike()
    (comp,) = aggregate(s).components
    (cls,) = comp.classes
    assert cls.households == ["H2", "H3", "H1"]  # longest waiting first
    (tid,) = {t.id for t in comp.types}
    (profile,) = cls.options[0].profiles
    found = disaggregate(comp, {PlaceKey(cls.id, "GM1", 0): 2}, {TakeKey("GM1", profile, tid): 2}, s)
    assert [(a.household, a.dwelling, a.kind) for a in found] == [("H2", "D1", "move"), ("H3", "D2", "move")]


def test_the_solved_plan_leaves_out_the_one_who_came_last_and_verifies():
    s = _three_alike()
    plan = allocation.solve(s, deterministic=True)
    assert allocation.verify(s, plan) == []
    assert {a.household for a in plan.assignments} == {"H2", "H3"}
    assert [u.household for u in plan.unassigned] == ["H1"]
    phases = plan.summary()["phase_seconds"]
    assert set(phases) == {
        "read",
        "aggregate",
        "build",
        "solve",
        "solver",
        "disaggregate",
        "explain",
        "verify",
        "write",
    }
    assert plan.stats.solver_seconds > 0


def two_regions():
    """Two regions of one home and one single each."""
    return scenario(
        [municipality("GM1", region="R1"), municipality("GM2", region="R2")],
        [
            dwelling("D1", "GM1", bedrooms=1, max_occupants=1),
            dwelling("D2", "GM2", bedrooms=1, max_occupants=1),
        ],
        [household("H1", "GM1", arrival=date(2026, 1, 1)), household("H2", "GM2", arrival=date(2026, 2, 1))],
        [*family("H1", ("referent", 30)), *family("H2", ("referent", 30))],
    )


def test_a_region_without_time_is_planned_first_come_first_served_within_its_own_stock(monkeypatch):
    s = two_regions()
    plan = allocation.solve(s, time_limit=20)
    assert {(a.household, a.dwelling) for a in plan.assignments} == {("H1", "D1"), ("H2", "D2")}

    import allocation.optimize as optimize

    def no_time_to_aggregate(*args, **kwargs):
        raise AssertionError("aggregated with no time left")

    monkeypatch.setattr(optimize, "aggregate", no_time_to_aggregate)
    plan = allocation.solve(s, time_limit=0.001)  # less than the time kept back for explaining
    assert allocation.verify(s, plan) == []
    assert plan.stats.status == "feasible"
    assert {(a.household, a.dwelling) for a in plan.assignments} == {("H1", "D1"), ("H2", "D2")}
    # with no time left no model is built at all, and the bound stays what nobody proved
    assert plan.stats.build_seconds == 0 and plan.stats.solver_seconds == 0
    assert plan.stats.message == (
        "the time limit was reached before any region; a first-come-first-served plan is used"
    )
    assert plan.stats.bound == 2 and plan.stats.gap == 0


def test_a_region_still_running_when_the_others_are_done_may_use_the_time_they_leave():
    """Without --deterministic a region's end is asked again before each of its solves: once no
    other region is left, it is the limit itself; with --deterministic it stays where the fixed
    shares put it."""
    import time

    import allocation.optimize as optimize
    from allocation.model.backends import SolverOptions

    three = scenario(
        [municipality(f"GM{i}", region=f"R{i}") for i in (1, 2, 3)],
        [dwelling(f"D{i}", f"GM{i}", bedrooms=1, max_occupants=1) for i in (1, 2, 3)],
        [household(f"H{i}", f"GM{i}", arrival=date(2026, 1, i)) for i in (1, 2, 3)],
        [p for i in (1, 2, 3) for p in family(f"H{i}", ("referent", 30))],
    )
    prepared = optimize._prepare(three)
    now = time.perf_counter()
    two = SolverOptions(threads=2)
    live = optimize._Components(three, prepared, "highs", two, False, now, now + 60, None)
    fixed = optimize._Components(three, prepared, "highs", two, True, now, now + 60, None)
    assert live._deadline(0, now) < now + 45  # two of three regions' worth of the time, at most
    live.done = fixed.done = 2
    assert live._deadline(0, now) == now + 60
    assert fixed._deadline(0, now) == fixed.begun + fixed.shares[0] < now + 25


def test_regions_reached_after_the_time_limit_are_each_planned_first_come_first_served(monkeypatch):
    """The limit passes while aggregating: each region falls back within its own stock."""
    import time

    import allocation.optimize as optimize

    s = two_regions()
    prepare = optimize._prepare

    def slow_prepare(*args, **kwargs):
        time.sleep(0.5)  # past the 0.3 s the limit leaves once the reserve is kept back
        return prepare(*args, **kwargs)

    monkeypatch.setattr(optimize, "_prepare", slow_prepare)
    plan = allocation.solve(s, time_limit=0.5)
    assert allocation.verify(s, plan) == []
    assert {(a.household, a.dwelling) for a in plan.assignments} == {("H1", "D1"), ("H2", "D2")}
    assert plan.stats.build_seconds == 0 and plan.stats.solver_seconds == 0
    assert "the time limit was reached before this region" in plan.stats.message
    assert "first-come-first-served plan is used for this region" in plan.stats.message
    assert plan.stats.bound == 2 and plan.stats.gap == 0


def test_a_stage_solved_again_after_its_face_held_no_whole_point_reuses_its_lp(monkeypatch):
    """Seed 4 of the tiny scenarios: its LP optimum is fractional, no whole point lies on the last
    face, so the stages are solved again from there; that stage's LP is not solved twice."""
    import hashlib

    import allocation.model.stages as stages
    from bruteforce_plans import best_vector, plan_vector, tiny_scenario

    solved = stages.run
    calls: list[tuple[bool, str]] = []

    def counted(model, solver_type, params, **kwargs):
        integer = any(model.variables.integers)
        calls.append((integer, hashlib.sha1(model.SerializeToString()).hexdigest()))
        return solved(model, solver_type, params, **kwargs)

    monkeypatch.setattr(stages, "run", counted)
    s = tiny_scenario(4)
    plan = allocation.solve(s, solver="highs", time_limit=20)
    assert allocation.verify(s, plan) == []
    assert plan_vector(plan, s) == best_vector(s)
    lps = [digest for integer, digest in calls if not integer]
    assert sum(integer for integer, _ in calls) == 3  # the last face's MIP, then the stages solved again
    assert len(lps) == len(set(lps)) == 1
