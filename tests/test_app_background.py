"""A solve in a background process: live progress, a valid plan, stop gives the best plan so far."""

from __future__ import annotations

import time

import allocation
from allocation.background import BackgroundSolve
from allocation.generate import generate
from app_fixtures import EXAMPLE


def test_background_solve_streams_progress_and_returns_a_valid_optimal_plan():
    scenario = allocation.load_scenario(EXAMPLE)
    job = BackgroundSolve(scenario, solver="highs").start()
    assert job.wait(timeout=120)
    assert job.error is None
    assert job.progress is not None and job.progress["regions_done"] == job.progress["regions_total"] >= 1
    assert job.plan.stats.status == "optimal"
    assert job.plan.summary()["persons_housed"] == job.progress["persons_housed"]
    assert allocation.verify(scenario, job.plan) == []


def test_stop_returns_the_best_plan_so_far_long_before_the_time_limit():
    scenario = generate(households=1500, dwellings=1500, municipalities=40, regions=4, seed=3)
    job = BackgroundSolve(scenario, solver="cpsat", time_limit=200).start()
    while job.poll() and job.elapsed < 5:
        time.sleep(0.1)
    assert not job.finished, "the solve ended before it could be stopped; use a larger scenario"
    job.stop()
    assert job.wait(timeout=60)
    assert job.error is None and job.plan is not None
    assert job.elapsed < 60
    assert job.plan.stats.status == "feasible"
    assert allocation.verify(scenario, job.plan) == []
    assert job.plan.summary()["households_housed"] + len(job.plan.unassigned) == len(scenario.households)


def test_a_failing_solve_is_reported_as_text_not_raised():
    scenario = allocation.load_scenario(EXAMPLE)
    job = BackgroundSolve(scenario, solver="no-such-solver").start()
    assert job.wait(timeout=60)
    assert job.plan is None
    assert "unknown solver 'no-such-solver'" in job.error
