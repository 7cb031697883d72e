"""Work cut in parts on forked copies gives what one call gives: the same list, in order."""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence

import pytest

import allocation
from allocation import cores
from allocation.explain import explain_unassigned
from allocation.generate import generate_family

verify_module = importlib.import_module("allocation.verify")  # the package, not its verify()
ONLY_THREAD = cores._only_thread


@pytest.fixture
def two_cores(monkeypatch):
    """Forking allowed for the smallest work, on two cores, whatever this machine has."""
    monkeypatch.delenv("ALLOCATION_PROCESSES", raising=False)
    monkeypatch.setattr(cores, "usable_cores", lambda: 2)
    monkeypatch.setattr(cores, "MIN_PART", 1)
    monkeypatch.setattr(verify_module, "MIN_PART", 1)
    monkeypatch.setattr(cores, "_only_thread", lambda: True)  # threads other tests left behind sleep
    started: list[int] = []
    start = cores._start
    monkeypatch.setattr(cores, "_start", lambda work, chunk: started.append(len(chunk)) or start(work, chunk))
    return started


def _square_with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(x * x, os.getpid()) for x in items]


def test_the_parts_come_back_in_order_and_the_second_from_another_process(two_cores):
    found = cores.map_parts(_square_with_pid, list(range(10)), cores.parts_for(10))
    assert [v for v, _ in found] == [x * x for x in range(10)]
    assert {pid for _, pid in found[:5]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in found[5:]}


def test_a_part_whose_copy_dies_is_worked_on_again_here(two_cores):
    parent = os.getpid()

    def dies_in_the_copy(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return [x + 1 for x in items]

    assert cores.map_parts(dies_in_the_copy, [1, 2, 3, 4], 2) == [2, 3, 4, 5]


def test_an_error_in_the_work_is_raised_here_as_in_one_call(two_cores):
    def refuses_three(items: Sequence[int]) -> list[int]:
        if 3 in items:
            raise ValueError("three")
        return list(items)

    with pytest.raises(ValueError, match="three"):
        cores.map_parts(refuses_three, [1, 2, 3, 4], 2)


def test_one_process_when_told_so_or_when_another_thread_runs(two_cores, monkeypatch):
    assert cores.parts_for(10) == 2
    monkeypatch.setenv("ALLOCATION_PROCESSES", "1")
    assert cores.parts_for(10) == 1
    monkeypatch.delenv("ALLOCATION_PROCESSES")
    monkeypatch.setattr(cores, "_only_thread", ONLY_THREAD)  # the real check from here on
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert cores.parts_for(10) == 1  # a server's threads may hold locks a copy would inherit
    finally:
        release.set()
        other.join()
    assert cores.parts_for(10, min_part=6) == 1


def _greedy_plan() -> tuple[allocation.Scenario, allocation.Plan]:
    scenario = generate_family("national", 600, seed=3)
    return scenario, allocation.solve(scenario, solver="greedy")


def test_reasons_worked_out_in_parts_are_those_of_one_process(two_cores, monkeypatch):
    scenario, plan = _greedy_plan()
    assert len(plan.unassigned) > 20
    forked = explain_unassigned(scenario, plan.assignments, "en", proven=False)
    assert two_cores, "no part was forked"
    monkeypatch.setenv("ALLOCATION_PROCESSES", "1")
    alone = explain_unassigned(scenario, plan.assignments, "en", proven=False)
    assert forked == alone == plan.unassigned
    assert [u.household for u in forked] == [
        h.id for h in scenario.households if h.id in {u.household for u in alone}
    ]
    assert allocation.verify(scenario, plan) == []


def test_violations_found_in_parts_are_those_of_one_process_in_the_same_order(two_cores, monkeypatch):
    scenario, plan = _greedy_plan()
    smallest = min(scenario.dwellings, key=lambda d: (d.max_occupants, d.id))
    index, housed = next((i, a) for i, a in enumerate(plan.assignments) if a.persons > smallest.max_occupants)
    wrong_home = housed.model_copy(update={"dwelling": smallest.id, "municipality": smallest.municipality})
    assignments = [*plan.assignments]
    assignments[index] = wrong_home
    left = plan.unassigned[0]
    wrong_reason = left.model_copy(update={"reason_code": "NO_FITTING_DWELLING"})
    broken = plan.model_copy(
        update={"assignments": assignments, "unassigned": [wrong_reason, *plan.unassigned[1:]]}
    )
    forked = allocation.verify(scenario, broken)
    assert two_cores, "no part was forked"
    monkeypatch.setenv("ALLOCATION_PROCESSES", "1")
    alone = allocation.verify(scenario, broken)
    assert forked == alone  # the same violations in the same order
    rules = [v.rule for v in forked]
    assert any(v.household == housed.household for v in forked), rules  # found by the first part
    assert any(v.household == left.household for v in forked), rules  # found by the reasons' part


def test_a_copy_is_ended_and_reaped_when_the_work_here_fails(two_cores, monkeypatch):
    children: list[cores._Child] = []
    start = cores._start
    monkeypatch.setattr(
        cores, "_start", lambda work, chunk: children.append(start(work, chunk)) or children[-1]
    )

    def slow_in_the_copy_refused_here(items: Sequence[int]) -> list[int]:
        if 1 in items:
            raise ValueError("one")
        threading.Event().wait(30)  # the copy would still be working
        return list(items)

    with pytest.raises(ValueError, match="one"):
        cores.map_parts(slow_in_the_copy_refused_here, [1, 2, 3, 4], 2)
    (child,) = children
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)  # killed and reaped, not left running or as a zombie
