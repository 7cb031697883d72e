"""Lexicographic solving stage by stage (each optimum fixed, incumbent as hint), or one weighted solve."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from ortools.math_opt.python import mathopt
from ortools.util.python.solve_interrupter import SolveInterrupter

from allocation.model.backends import MIP_BACKENDS, SolverOptions, parameters
from allocation.model.build import ComponentModel
from allocation.policy import OBJECTIVE_SENSE

SENSE = {"pins": "max", **OBJECTIVE_SENSE}
HINTS_SUPPORTED = {"scip", "cpsat"}


@dataclass
class StageResult:
    """What one component's solve produced: the values of the last feasible solution and its quality."""

    values: dict[mathopt.Variable, float] = field(default_factory=dict)
    optimal: bool = True
    terms: dict[str, float] = field(default_factory=dict)
    bounds: dict[str, float] = field(default_factory=dict)
    message: str = ""


class StopWatcher:
    """Turns a stop Event (from the app or a signal) into a solver interrupt."""

    def __init__(self, stop: object | None):
        self.stop = stop
        self.interrupter = SolveInterrupter()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> StopWatcher:
        if self.stop is not None:
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._done.wait(0.1):
            if self.stop.is_set():
                self.interrupter.interrupt()
                return

    def __exit__(self, *exc: object) -> None:
        self._done.set()

    def interrupter_for(self, backend: str) -> SolveInterrupter | None:
        """The interrupter when a stop can come; SCIP is stopped between stages instead."""
        return self.interrupter if self.stop is not None and backend != "scip" else None

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


def solve_component(
    cm: ComponentModel,
    order: list[str],
    backend: str,
    options: SolverOptions,
    deadline: float,
    *,
    deterministic: bool,
    weighted: bool,
    watcher: StopWatcher,
) -> StageResult:
    """Optimise the terms in order; on time-out or stop keep the best feasible solution so far."""
    result = StageResult(values={v: 0.0 for v in cm.model.variables()})
    stages = [("weighted", _weighted(cm, order))] if weighted else [(t, None) for t in order]
    for name, weighted_expr in stages:
        remaining = deadline - time.perf_counter()
        if remaining <= 0 or watcher.stopped:
            result.optimal = False
            result.message = "stopped before all objective stages" if watcher.stopped else "time limit"
            break
        expr = weighted_expr if weighted_expr is not None else cm.terms[name]
        if weighted_expr is not None or SENSE[name] == "max":
            cm.model.maximize(expr)
        else:
            cm.model.minimize(expr)
        hint = None
        if backend in HINTS_SUPPORTED and result.values:
            hint = mathopt.ModelSolveParameters(
                solution_hints=[mathopt.SolutionHint(variable_values=dict(result.values))]
            )
        params = parameters(backend, options, remaining, deterministic=deterministic)
        solved = mathopt.solve(
            cm.model,
            MIP_BACKENDS[backend],
            params=params,
            model_params=hint,
            interrupter=watcher.interrupter_for(backend),
        )
        if not solved.has_primal_feasible_solution():
            result.optimal = False
            result.message = f"{name}: {solved.termination.reason.name.lower()} without a solution"
            break
        result.values = solved.variable_values()
        value = solved.objective_value()
        optimal = solved.termination.reason == mathopt.TerminationReason.OPTIMAL
        if weighted_expr is None:
            result.terms[name] = value
            result.bounds[name] = solved.best_objective_bound() if not optimal else value
            _fix(cm, name, value)
        if not optimal:
            result.optimal = False
            result.message = f"{name}: {solved.termination.reason.name.lower()}"
    return result


def _fix(cm: ComponentModel, name: str, value: float) -> None:
    """Keep this stage's level in all later stages (integer terms: rounding absorbs tolerances)."""
    target = round(value)
    if SENSE[name] == "max":
        cm.model.add_linear_constraint(cm.terms[name] >= target)
    else:
        cm.model.add_linear_constraint(cm.terms[name] <= target)


def _weighted(cm: ComponentModel, order: list[str]) -> mathopt.LinearExpression:
    """One objective with exactly separated weights: each weight exceeds all lower terms' range."""
    weight, total = 1.0, []
    for name in reversed(order):
        sign = 1.0 if SENSE[name] == "max" else -1.0
        total.append(sign * weight * cm.terms[name])
        weight *= cm.term_bounds[name] + 1.0
    return mathopt.fast_sum(total)
