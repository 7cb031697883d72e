"""A linear program kept as arrays and handed to OR-Tools MathOpt as one ModelProto.

Building through MathOpt's Python objects costs seconds on a national instance; appending column
and row arrays and exporting them at once costs a fraction of that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np
from ortools.math_opt import model_pb2
from ortools.math_opt.sparse_containers_pb2 import SparseDoubleMatrixProto

INF = math.inf


@dataclass(frozen=True)
class Expr:
    """A linear expression: column ids with coefficients (duplicates allowed, summed on export)."""

    cols: np.ndarray
    coefs: np.ndarray

    @staticmethod
    def of(cols: list[int], coefs: list[float] | None = None) -> Expr:
        """From plain lists; coefficients default to 1."""
        c = np.asarray(cols, dtype=np.int64)
        v = np.ones(len(cols)) if coefs is None else np.asarray(coefs, dtype=float)
        return Expr(c, v)

    def __add__(self, other: Expr) -> Expr:
        return Expr(np.concatenate([self.cols, other.cols]), np.concatenate([self.coefs, other.coefs]))

    def scaled(self, factor: float) -> Expr:
        return Expr(self.cols, self.coefs * factor)

    def value(self, x: np.ndarray) -> float:
        """Value at a solution vector."""
        return float(np.dot(self.coefs, x[self.cols])) if len(self.cols) else 0.0


def merged(expr: Expr) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique columns with summed coefficients, zeros dropped (as MathOpt requires)."""
    if not len(expr.cols):
        return expr.cols, expr.coefs
    if len(expr.cols) == 1 or bool(np.all(expr.cols[1:] > expr.cols[:-1])):  # most rows: nothing to merge
        coefs = np.asarray(expr.coefs, dtype=float)
        keep = coefs != 0
        return expr.cols[keep], coefs[keep]
    cols, inverse = np.unique(expr.cols, return_inverse=True)
    coefs = np.zeros(len(cols))
    np.add.at(coefs, inverse, expr.coefs)
    keep = coefs != 0
    return cols[keep], coefs[keep]


class Bounds(NamedTuple):
    """Column and row bounds of a program at one moment."""

    lb: list[float]
    ub: list[float]
    row_lb: list[float]
    row_ub: list[float]


@dataclass
class Program:
    """Columns (integer, bounded) and rows lb <= a.x <= ub of one component's model."""

    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    row_cols: list[np.ndarray] = field(default_factory=list)
    row_coefs: list[np.ndarray] = field(default_factory=list)
    _matrix: SparseDoubleMatrixProto = field(default_factory=SparseDoubleMatrixProto)
    """The rows exported so far: rows are only ever appended, so each proto copies this and adds the
    new ones, instead of converting the whole matrix for every stage's solve."""
    _exported_rows: int = 0

    @property
    def size(self) -> int:
        return len(self.ub)

    @property
    def rows(self) -> int:
        return len(self.row_lb)

    def column(self, ub: float) -> int:
        """A new integer column in [0, ub]."""
        self.lb.append(0.0)
        self.ub.append(float(ub))
        return len(self.ub) - 1

    def columns(self, ubs: list[float]) -> range:
        """New integer columns in [0, ub], one per bound, numbered on from the last."""
        first = len(self.ub)
        self.lb.extend([0.0] * len(ubs))
        self.ub.extend(float(ub) for ub in ubs)
        return range(first, len(self.ub))

    def row(self, expr: Expr, lb: float = -INF, ub: float = INF) -> int:
        """A new row lb <= expr <= ub."""
        cols, coefs = merged(expr)
        self.row_cols.append(cols)
        self.row_coefs.append(coefs)
        self.row_lb.append(float(lb))
        self.row_ub.append(float(ub))
        return len(self.row_lb) - 1

    def rows_of(
        self,
        cols: Sequence[Sequence[int]],
        coefs: Sequence[Sequence[float]] | None = None,
        *,
        lb: float | Sequence[float] = -INF,
        ub: float | Sequence[float] = INF,
    ) -> range:
        """New rows lb <= sum(coef * x) <= ub, one per list of columns (coefficients default to 1;
        a bound given once holds for every row): merged as row() merges them, all in one pass."""
        count, first = len(cols), self.rows
        if not count:
            return range(first, first)
        lengths = np.fromiter(map(len, cols), dtype=np.int64, count=count)
        entries = int(lengths.sum())
        flat = np.fromiter(chain.from_iterable(cols), dtype=np.int64, count=entries)
        if coefs is None:
            values = np.ones(entries)
        else:
            values = np.fromiter(chain.from_iterable(coefs), dtype=float, count=entries)
        owner = np.repeat(np.arange(count), lengths)
        order = np.lexsort((flat, owner))  # by row, then column; duplicates keep their order
        owner, flat, values = owner[order], flat[order], values[order]
        new = np.ones(entries, dtype=bool)
        new[1:] = (owner[1:] != owner[:-1]) | (flat[1:] != flat[:-1])
        starts = np.flatnonzero(new)
        summed = np.add.reduceat(values, starts) if entries else values
        keep = summed != 0
        owner, flat, summed = owner[starts][keep], flat[starts][keep], summed[keep]
        edges = np.searchsorted(owner, np.arange(count + 1)).tolist()  # row i: entries edges[i]:edges[i + 1]
        spans = list(pairwise(edges))
        self.row_cols.extend([flat[a:b] for a, b in spans])
        self.row_coefs.extend([summed[a:b] for a, b in spans])
        self.row_lb.extend([float(lb)] * count if isinstance(lb, (int, float)) else map(float, lb))
        self.row_ub.extend([float(ub)] * count if isinstance(ub, (int, float)) else map(float, ub))
        return range(first, self.rows)

    def bounds(self) -> Bounds:
        """A copy of the column and row bounds, to undo a restriction that found nothing."""
        return Bounds(list(self.lb), list(self.ub), list(self.row_lb), list(self.row_ub))

    def restore(self, saved: Bounds) -> None:
        """Put back bounds saved before; rows added since keep theirs."""
        rows = len(saved.row_lb)
        self.lb[:], self.ub[:] = saved.lb, saved.ub
        self.row_lb[:rows], self.row_ub[:rows] = saved.row_lb, saved.row_ub

    def activities(self, rows: Sequence[int], x: np.ndarray) -> np.ndarray:
        """Value of each row's expression at a solution, in one pass over the rows' entries."""
        if not len(rows):
            return np.zeros(0)
        lengths = [len(self.row_cols[i]) for i in rows]
        cols = np.concatenate([self.row_cols[i] for i in rows])
        coefs = np.concatenate([self.row_coefs[i] for i in rows])
        owner = np.repeat(np.arange(len(rows)), lengths)
        return np.bincount(owner, weights=coefs * x[cols], minlength=len(rows))

    def proto(self, objective: Expr, *, maximize: bool, integer: bool) -> model_pb2.ModelProto:
        """The whole program as a ModelProto; `integer=False` gives its LP relaxation."""
        m = model_pb2.ModelProto(name="allocation")
        n = self.size
        m.variables.ids.extend(range(n))
        m.variables.lower_bounds.extend(self.lb)
        m.variables.upper_bounds.extend(self.ub)
        m.variables.integers.extend([integer] * n)
        rows = len(self.row_lb)
        m.linear_constraints.ids.extend(range(rows))
        m.linear_constraints.lower_bounds.extend(self.row_lb)
        m.linear_constraints.upper_bounds.extend(self.row_ub)
        if rows:
            m.linear_constraint_matrix.CopyFrom(self._matrix_proto())
        cols, coefs = merged(objective)
        m.objective.maximize = maximize
        m.objective.linear_coefficients.ids.extend(cols.tolist())
        m.objective.linear_coefficients.values.extend(coefs.tolist())
        return m

    def _matrix_proto(self) -> SparseDoubleMatrixProto:
        """The constraint matrix as MathOpt row-major triplets; rows added since the last export appended."""
        start, rows = self._exported_rows, len(self.row_lb)
        if start < rows:
            lengths = [len(c) for c in self.row_cols[start:]]
            matrix = self._matrix
            matrix.row_ids.extend(np.repeat(np.arange(start, rows), lengths).tolist())
            matrix.column_ids.extend(np.concatenate(self.row_cols[start:]).tolist())
            matrix.coefficients.extend(np.concatenate(self.row_coefs[start:]).tolist())
            self._exported_rows = rows
        return self._matrix
