"""A solve in a background process: live progress, a valid plan, stop gives the best plan so far."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import psutil

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


def test_stop_returns_the_best_plan_so_far():
    scenario = generate(households=1500, dwellings=1500, municipalities=40, regions=4, seed=3)
    stopped = BackgroundSolve(scenario, solver="highs", time_limit=200).start()
    stopped.stop()  # before the first objective stage can finish
    full = BackgroundSolve(scenario, solver="highs", time_limit=200).start()
    assert stopped.wait(timeout=120) and full.wait(timeout=120)
    assert stopped.error is None and full.error is None

    assert stopped.plan.stats.status == "feasible"
    assert "stopped" in stopped.plan.stats.message
    assert full.plan.stats.status == "optimal"
    assert stopped.plan.summary()["persons_housed"] < full.plan.summary()["persons_housed"]
    for job in (stopped, full):
        assert allocation.verify(scenario, job.plan) == []
        assert job.plan.summary()["households_housed"] + len(job.plan.unassigned) == len(scenario.households)


def test_a_failing_solve_is_reported_as_text_not_raised():
    scenario = allocation.load_scenario(EXAMPLE)
    job = BackgroundSolve(scenario, solver="no-such-solver").start()
    assert job.wait(timeout=60)
    assert job.plan is None
    assert "unknown solver 'no-such-solver'" in job.error


ORPHANED = r"""
import sys
import time
from allocation.background import BackgroundSolve
from allocation.generate import generate

job = BackgroundSolve(generate(2500, 2500, 40, 4, 5), solver="highs", time_limit=600).start()
print(job.pid, flush=True)
time.sleep(600)
"""


def _gone(pid: int) -> bool:
    """The process has ended (a zombie no one has reaped yet counts as ended)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_solver_whose_parent_is_killed_ends_itself_within_5_seconds():
    parent = subprocess.Popen([sys.executable, "-c", ORPHANED], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(parent.stdout.readline())
        time.sleep(1.0)
        assert not _gone(pid)  # it solves
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        end = time.monotonic() + 5
        while not _gone(pid) and time.monotonic() < end:
            time.sleep(0.1)
        assert _gone(pid), "the solver process outlived its killed parent by 5 s"
    finally:
        parent.kill()
