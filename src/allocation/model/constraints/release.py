"""Hard, planning with time: a vacated home is free once its referent's new home is (Q5, Q6).

A household that takes a home vacated by a moving referent must still be within the reception
wait limit, and the home within the vacancy limit (Q3), counted from the day that referent's new
home is free, not from the vacated home's own date. Each moving referent's group has profiles of
its own (`Profile.mover`), so its takes say when it moves. Per vacated home and wait threshold of
its takers, a row keeps `takers + (referent moves to a home free after the threshold) <= 1`, and
per vacancy threshold `takers + (referent moves to a home free before it) <= 1`; the sums are
chained per threshold, so each take of the referent appears in one row per limit only.

The wait and vacancy objective terms count days from the vacated home's own date; the plan's
scores (report.with_scores) show the day it is really free.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from allocation.model.program import Expr

if TYPE_CHECKING:
    from allocation.model.component import ComponentModel
    from allocation.scenario import Scenario


def add(cm: ComponentModel, scenario: Scenario) -> None:
    """Rows that keep takers of a vacated home within the wait limit from its real free day."""
    policy = scenario.policy
    wait, vacancy = policy.max_reception_wait_days, policy.max_vacancy_days
    if wait is None and vacancy is None:
        return
    comp = cm.component
    types = comp.type_index
    moves: dict[str, list[tuple[int, int]]] = defaultdict(list)
    late: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    early: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (_m, prof, tid), col in cm.take.items():
        available = types[tid].available
        if prof.mover is not None and available is not None:
            moves[prof.mover].append((available, col))
    for (_m, prof, tid), col in cm.take.items():
        t = types[tid]
        if t.vacated_by is None or prof.arrival is None:
            continue
        movers = comp.class_index[t.vacated_by].households
        if prof.mover in movers:
            continue
        if wait is not None:
            late[tid][prof.arrival + wait // policy.time_bucket_days].append(col)
        if vacancy is not None:
            earliest = prof.arrival - vacancy // policy.time_bucket_days
            if t.available is None or t.available < earliest:  # its own date does not hold it back
                early[tid][earliest].append(col)
    for tid, by_threshold in late.items():
        _chain(cm, _moves_of(cm, tid, moves), by_threshold)
    for tid, by_threshold in early.items():
        mirrored = [(-bucket, col) for bucket, col in _moves_of(cm, tid, moves)]
        _chain(cm, mirrored, {-x: cols for x, cols in by_threshold.items()})


def _moves_of(cm: ComponentModel, tid: int, moves: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """(bucket, column) of every take by which the referent who lives in this type moves out."""
    t = cm.component.type_index[tid]
    (mover,) = cm.component.class_index[t.vacated_by].households  # a moving referent's class is its own
    return moves.get(mover, [])


def _chain(cm: ComponentModel, moves: list[tuple[int, int]], by_threshold: dict[int, list[int]]) -> None:
    """For each threshold x, highest first: later(x) = later(next) + moves into buckets (x, next].

    Takers with threshold x and a move of the referent to a bucket after x exclude each other.
    The vacancy rows pass mirrored buckets (negated), so "after" there reads "before".
    """
    prog = cm.program
    later_col: int | None = None
    upper: int | None = None
    for x in sorted(by_threshold, reverse=True):
        band = [col for bucket, col in moves if bucket > x and (upper is None or bucket <= upper)]
        if later_col is None and not band:
            continue  # the referent cannot move later than this threshold: no restriction
        col = prog.column(1)
        parts = Expr.of([col, *band], [1.0] + [-1.0] * len(band))
        if later_col is not None:
            parts = parts + Expr.of([later_col], [-1.0])
        prog.row(parts, lb=0.0, ub=0.0)
        prog.row(Expr.of([*by_threshold[x], col]), ub=1.0)
        later_col, upper = col, x
