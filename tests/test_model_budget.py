"""Regions' time: shares fixed in advance, and when a hard solve may go on past its share."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import numpy as np
import pytest
from ortools.math_opt import model_pb2
from ortools.math_opt.python import mathopt

import allocation.optimize as optimize
from allocation.model.backends import SolverOptions
from allocation.model.budget import Budget
from allocation.model.stages import OUT_OF_TIME, StopWatcher, _run
from allocation.scenario import Scenario
from allocation.verify import verify
from builders import dwelling, family, household, municipality, scenario


class _Pool:
    """Another region waits for a worker the first `waiting_for` times this is asked, none after."""

    def __init__(self, waiting_for: int):
        self.asked, self.waiting_for = 0, waiting_for

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked > self.waiting_for


def _budget(share: float, run: float, none_waiting: Callable[[], bool] | None) -> Budget:
    """A budget whose share ends `share` seconds from now and whose run ends `run` seconds from now."""
    now = time.perf_counter()
    return Budget(lambda: now + share, now + run, none_waiting)


def _regional(count: int) -> Scenario:
    """`count` regions of one municipality, one home and one single person each."""
    numbers = range(1, count + 1)
    return scenario(
        [municipality(f"GM{i}", region=f"R{i}") for i in numbers],
        [dwelling(f"D{i}", f"GM{i}", bedrooms=1, max_occupants=1) for i in numbers],
        [household(f"H{i}", f"GM{i}", arrival=date(2026, 1, i)) for i in numbers],
        [p for i in numbers for p in family(f"H{i}", ("referent", 30))],
    )


def _regions(count: int, threads: int) -> optimize._Components:
    """The pool of a scenario of `count` regions, as a solve without --deterministic runs it."""
    regions = _regional(count)
    now = time.perf_counter()
    options = SolverOptions(threads=threads)
    return optimize._Components(
        regions, optimize._prepare(regions), "highs", options, False, now, now + 60, None
    )


def _three_regions(threads: int) -> optimize._Components:
    return _regions(3, threads)


def test_a_component_may_go_on_to_the_runs_end_only_once_no_other_waits():
    pool = _three_regions(threads=2)
    pool.started = 2
    budget = _budget(5.0, 60.0, pool.none_waiting)
    assert budget.end() < budget.run_end - 50 and not budget.freed()
    pool.started = 3
    assert budget.end() == budget.run_end and budget.freed()
    fixed = _budget(5.0, 60.0, None)  # deterministic: the share is the limit
    assert fixed.end() < fixed.run_end - 50 and not fixed.freed()


def test_while_regions_wait_one_solve_may_take_half_the_time_left_on_two_workers_only():
    long_ago = time.perf_counter() - 100  # a region started then has used its fixed share
    two, one = _three_regions(threads=2), _three_regions(threads=1)
    now = time.perf_counter()
    # three regions not done on two workers: two thirds each in fairness, at least half
    assert two._deadline(0, long_ago) >= now + 0.5 * (two.deadline - now)
    one_end = one._deadline(0, long_ago)  # one worker: a third of the time left, no more
    assert one_end <= time.perf_counter() + (one.deadline - now) / 3 + 0.1
    many = _regions(12, threads=2)
    now = time.perf_counter()
    assert many._deadline(0, long_ago) >= now + 0.5 * (many.deadline - now)  # fair: 2/12 only
    assert many._deadline(0, long_ago) <= time.perf_counter() + 0.5 * (many.deadline - now) + 0.1


def _assignment_mip(agents: int = 20, jobs: int = 80) -> model_pb2.ModelProto:
    """A generalised assignment problem: HiGHS proves it in a fraction of a second, not in 0.01 s."""
    rng = np.random.default_rng(3)
    model = mathopt.Model()
    x = [[model.add_binary_variable() for _ in range(jobs)] for _ in range(agents)]
    weight, cost = rng.integers(5, 25, (agents, jobs)), rng.integers(10, 50, (agents, jobs))
    for j in range(jobs):
        model.add_linear_constraint(sum(x[i][j] for i in range(agents)) == 1)
    for i in range(agents):
        load = sum(int(weight[i][j]) * x[i][j] for j in range(jobs))
        model.add_linear_constraint(load <= int(weight[i].sum() * 0.8 / agents) + 10)
    model.minimize(sum(int(cost[i][j]) * x[i][j] for i in range(agents) for j in range(jobs)))
    return model.export_model()


def _solve(budget: Budget) -> str:
    with StopWatcher(None) as watcher:
        return _run(_assignment_mip(), "highs", SolverOptions(), budget, False, watcher).reason


def test_a_solve_cut_short_by_its_share_is_run_again_when_the_waiting_region_has_started():
    # asked once as the solve starts (a region waits: the share is the limit), free after
    assert _solve(_budget(0.0, 60.0, _Pool(waiting_for=1))) == "optimal"


def test_a_solve_cut_short_stays_so_while_a_region_waits_and_when_deterministic():
    assert _solve(_budget(0.0, 60.0, _Pool(waiting_for=1000))) in OUT_OF_TIME
    assert _solve(_budget(0.0, 60.0, None)) in OUT_OF_TIME


def test_a_solve_cut_short_is_not_run_again_when_the_run_has_little_time_left():
    assert _solve(_budget(0.0, 1.0, _Pool(waiting_for=1))) in OUT_OF_TIME


def test_deterministic_shares_come_from_the_limit_and_size_not_from_how_long_reading_took():
    regions = _regional(3)
    prepared = optimize._prepare(regions)
    fixed = optimize.fixed_solving_seconds(regions, 60.0, reading=True)
    assert 59 < fixed < 60 and optimize.fixed_solving_seconds(regions, 60.0, reading=False) > fixed

    def shares(read_for: float) -> list[float]:
        """The regions' shares when reading took `read_for` of a 60 s limit."""
        now = time.perf_counter()
        deadline = now - read_for + 60 - optimize.reserve_seconds(regions)
        work = optimize._Components(
            regions, prepared, "highs", SolverOptions(), True, now, deadline, None, fixed_seconds=fixed
        )
        return work.shares

    fast, slow = shares(0.5), shares(20.0)
    assert fast == slow and sum(fast) == pytest.approx(fixed)
    assert optimize.fixed_solving_seconds(regions, 0.001, reading=True) == 0.0


def test_deterministic_regions_may_use_what_the_regions_before_them_left_unused():
    regions = _regional(3)
    prepared, now = optimize._prepare(regions), time.perf_counter()

    def pool(run: float) -> optimize._Components:
        """Deterministic, 30 s of solving to share out, the run ending `run` seconds from now."""
        end, options = now + run, SolverOptions()
        return optimize._Components(regions, prepared, "highs", options, True, now, end, None, 30.0)

    work = pool(100.0)
    assert work.shares == pytest.approx([10.0, 10.0, 10.0])
    # the first must end 10 s after solving began; the third, started late, by 30 s after
    assert work._deadline(0, work.begun) == pytest.approx(work.begun + 10.0)
    assert work._deadline(2, work.begun + 1.0) == pytest.approx(work.begun + 30.0)
    assert work._deadline(2, work.begun + 25.0) == pytest.approx(work.begun + 30.0)  # at least 5 s
    short = pool(12.0)
    assert short._deadline(2, short.begun) == pytest.approx(now + 12)  # never past the run's end


def _sized(sizes: tuple[int, ...]) -> Scenario:
    """One region per size, with that many single persons and homes for them."""
    regions = range(1, len(sizes) + 1)
    homes = [
        dwelling(f"D{r}{i}", f"GM{r}", bedrooms=1, max_occupants=1)
        for r in regions
        for i in range(sizes[r - 1])
    ]
    families = [household(f"H{r}{i}", f"GM{r}") for r in regions for i in range(sizes[r - 1])]
    return scenario(
        [municipality(f"GM{r}", region=f"R{r}") for r in regions],
        homes,
        families,
        [p for h in families for p in family(h.id, ("referent", 30))],
    )


def test_deterministic_runs_solve_the_smaller_regions_first_and_the_large_one_may_use_what_they_leave():
    three = _sized((2, 1, 3))
    now = time.perf_counter()
    work = optimize._Components(
        three, optimize._prepare(three), "highs", SolverOptions(), True, now, now + 100, None, 60.0
    )
    assert work.solve_order == [1, 0, 2] and work.shares == pytest.approx([20.0, 10.0, 30.0])
    assert work._deadline(1, work.begun) == pytest.approx(work.begun + 10.0)  # R2, one family, first
    assert work._deadline(0, work.begun + 2.0) == pytest.approx(work.begun + 30.0)
    assert work._deadline(2, work.begun + 3.0) == pytest.approx(work.begun + 60.0)
    plan = optimize.solve(three, deterministic=True, time_limit=30)
    housed = {a.household: a.municipality for a in plan.assignments}
    assert housed == {h.id: h.municipality for h in three.households}
    assert plan.stats.status == "optimal" and verify(three, plan) == []
