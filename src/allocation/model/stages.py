"""Lexicographic solving stage by stage: each stage's optimum is fixed before the next.

Adjacent terms share a stage when exactly separated weights stay small enough for floating point
(CAP); each stage first solves the LP relaxation, which on this near-network model is usually
integral and then proves the stage optimal at once, and falls back to the MIP (incumbent as hint).
"""

from __future__ import annotations

import math
import signal
import threading
import time
from dataclasses import dataclass, field, replace
from typing import NamedTuple, Protocol

import numpy as np
from ortools.math_opt import model_pb2
from ortools.util.python.solve_interrupter import SolveInterrupter
from pybind11_abseil.status import StatusNotOk

from allocation.model.backends import SOLVER_TYPES, SolverOptions, lp_solver, parameters
from allocation.model.budget import Budget
from allocation.model.component import ComponentModel
from allocation.model.program import Bounds, Expr
from allocation.model.run import RunResult, run
from allocation.policy import OBJECTIVE_SENSE
from allocation.status_texts import status_text

SENSE = {"pins": "max", "order": "max", **OBJECTIVE_SENSE}
TIE_TERM = "order"
"""The tie-order term (v2), always last; in weighted mode a stage of its own after the policy terms."""
HINTS_SUPPORTED = {"scip", "cpsat"}
LP_FIRST = {"highs", "scip"}
CAP = 1e8
"""Largest weighted range one stage may carry; beyond it terms get a stage of their own."""
INTEGRAL = 1e-6
OUT_OF_TIME = {"feasible", "no solution found"}
"""How a solve that reached its time limit ends (MathOpt's termination reasons, as run() names them)."""
RETRY_SECONDS = 2.0
"""Least extra time for which a solve that ran out of its share is run again (see _run)."""


@dataclass
class StageResult:
    """One component's outcome: the last feasible solution, term values and the first term's bound."""

    values: np.ndarray
    optimal: bool = True
    terms: dict[str, float] = field(default_factory=dict)
    bounds: dict[str, float] = field(default_factory=dict)
    message: str = ""
    solver_seconds: float = 0.0
    """Wall seconds spent inside the solver library, summed over the stages."""


class Stop(Protocol):
    """A stop request, as a threading.Event offers it: set when the solve should end."""

    def is_set(self) -> bool: ...


def signals_to_main_thread() -> None:
    """Block SIGINT/SIGTERM in the calling (worker) thread and the solver threads it starts.

    The kernel then hands a stop signal to the main thread, which Python wakes at once to run its
    handler; delivered to a worker, it waits for the main thread's next bytecode, and a second
    Ctrl-C arriving before that merges with the first.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


class StopWatcher:
    """Turns a stop request (from the app or a signal) into a solver interrupt where the backend
    takes one; HiGHS under MathOpt does not, and stops between solves (the runner asks `stopped`)."""

    def __init__(self, stop: Stop | None):
        self.stop = stop
        self.interrupter = SolveInterrupter()
        self._done = threading.Event()

    def __enter__(self) -> StopWatcher:
        if self.stop is not None:
            threading.Thread(target=self._watch, daemon=True).start()
        return self

    def _watch(self) -> None:
        signals_to_main_thread()
        while not self._done.wait(0.1):
            if self.stop is not None and self.stop.is_set():
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


def stage_groups(order: list[str], bounds: dict[str, float], *, weighted: bool) -> list[list[str]]:
    """Terms per stage, most important first; `weighted` puts all terms in one stage."""
    if weighted:
        policy_terms = [t for t in order if t != TIE_TERM]
        return [policy_terms] + ([[TIE_TERM]] if TIE_TERM in order else [])
    groups: list[list[str]] = []
    current: list[str] = []
    span = 1.0
    for name in reversed(order):
        width = bounds[name] + 1.0
        if current and span * width > CAP:
            groups.append(current)
            current, span = [], 1.0
        current.insert(0, name)
        span *= width
    groups.append(current)
    return groups[::-1]


def weights(group: list[str], bounds: dict[str, float]) -> dict[str, float]:
    """Each weight exceeds the largest total the lower terms of its stage can reach."""
    out, weight = {}, 1.0
    for name in reversed(group):
        out[name] = weight
        weight *= bounds[name] + 1.0
    return out


def objective(cm: ComponentModel, group: list[str]) -> Expr:
    """The stage's objective to maximise: signed, weighted sum of its terms."""
    w = weights(group, cm.term_bounds)
    total = Expr.of([])
    for name in group:
        sign = 1.0 if SENSE[name] == "max" else -1.0
        total = total + cm.terms[name].scaled(sign * w[name])
    return total


def solve_component(
    cm: ComponentModel,
    order: list[str],
    backend: str,
    options: SolverOptions,
    budget: Budget,
    *,
    deterministic: bool,
    weighted: bool,
    watcher: StopWatcher,
) -> StageResult:
    """Optimise stage by stage; on time-out or stop keep the best feasible solution so far.

    With an LP-first backend a stage whose LP optimum is fractional (but whole-valued) is not made
    integral at once: its optimal face bounds the later stages, and one MIP over the last face
    looks for an integer point reaching the last stage's LP optimum. On every face, such a point
    reaches every stage's bound, so it is optimal for all; only when there is none are the stages
    from the first fractional one solved again one MIP at a time.
    """
    groups = stage_groups(order, cm.term_bounds, weighted=weighted)
    result = StageResult(values=np.zeros(cm.program.size))
    run_stages = _StageRunner(cm, order, backend, options, budget, deterministic, watcher)
    if backend not in LP_FIRST:
        run_stages(groups, result, defer=False)
        return result
    deferred = run_stages(groups, result, defer=True)
    if deferred is None:
        return result
    if not deferred.failed and run_stages.integral_on_faces(groups, deferred, result):
        return result
    cm.program.restore(deferred.bounds)
    spent, result = result.solver_seconds, deferred.before
    result.solver_seconds = spent  # the time of the faces tried counts too
    run_stages.known = deferred.lp  # the first stage's LP is the one solved before
    run_stages(groups[deferred.index :], result, defer=False)
    return result


@dataclass
class Deferred:
    """The first stage whose LP optimum was fractional: the program and result as they were then."""

    index: int
    bounds: Bounds
    before: StageResult
    lp: KnownLP | None = None
    """The LP solved at `index`, with the program's row count then."""
    goal: Expr | None = None
    """The last stage's objective, and its LP optimum the final MIP must reach."""
    target: float = 0.0
    failed: bool = False
    """A later stage found nothing on the faces (or time ran out): solve again from `index`."""


@dataclass
class _StageRunner:
    """Solves a run of stages of one component, in order, on the program as it stands."""

    cm: ComponentModel
    order: list[str]
    backend: str
    options: SolverOptions
    budget: Budget
    deterministic: bool
    watcher: StopWatcher
    known: KnownLP | None = None
    """An LP already solved for the next stage on the program as it stands (given once)."""

    def __call__(self, groups: list[list[str]], result: StageResult, *, defer: bool) -> Deferred | None:
        """Each group in turn; with `defer`, a fractional stage optimum is kept (see solve_component)."""
        cm, order, watcher = self.cm, self.order, self.watcher
        deferred: Deferred | None = None
        for index, group in enumerate(groups):
            remaining = self.budget.end() - time.perf_counter()
            if remaining <= 0 or watcher.stopped:
                if deferred is not None:  # solved again from there, which keeps its whole solution
                    deferred.failed = True
                    return deferred
                result.optimal = False
                why = "stop_before_stages" if watcher.stopped else "limit_before_stages"
                result.message = status_text(why)
                break
            goal = objective(cm, group)
            if not len(goal.cols):  # every term of this stage is zero whatever the plan (e.g. no dates)
                result.terms.update(dict.fromkeys(group, 0))
                continue
            saved = cm.program.bounds()
            outcome = self._stage(goal, result, defer)
            degraded = [
                n for n, v in result.terms.items() if outcome.values is not None and _worse(cm, n, v, outcome)
            ]
            if degraded:
                cm.program.restore(saved)
                for name in degraded:
                    _fix(cm, name, result.terms[name])
                outcome = self._stage(goal, result, defer)
            if outcome.values is None:
                if deferred is not None:
                    deferred.failed = True
                    return deferred
                result.optimal = False
                reason = "no solution was found" if outcome.reason == "no solution found" else outcome.reason
                result.message = status_text("stage_unsolved", terms="/".join(group), outcome=reason)
                break
            if outcome.fractional and deferred is None:
                deferred = Deferred(index, saved, _copy(result), KnownLP(outcome.lp(), cm.program.rows))
            if deferred is not None:
                deferred.goal, deferred.target = goal, float(round(outcome.objective or 0.0))
                if not outcome.fractional:  # a whole point on every face so far: optimal for all of them
                    deferred = None
            result.values = outcome.values
            for name in group:
                result.terms[name] = round(cm.terms[name].value(outcome.values))
            if not outcome.on_face:
                for name in group:
                    _fix(cm, name, result.terms[name])
            if group[0] == order[0]:
                result.bounds[order[0]] = _first_term_bound(cm, group, outcome)
            if not outcome.optimal:
                result.optimal = False
                result.message = status_text("stage_unproven", terms="/".join(group), outcome=outcome.reason)
        return deferred

    def _stage(self, goal: Expr, result: StageResult, defer: bool) -> StageRun:
        known, self.known = self.known, None
        return _solve_stage(
            self.cm,
            goal,
            self.backend,
            self.options,
            self.budget,
            self.deterministic,
            self.watcher,
            result,
            defer=defer,
            known=known.lp if known is not None and known.rows == self.cm.program.rows else None,
        )

    def integral_on_faces(self, groups: list[list[str]], deferred: Deferred, result: StageResult) -> bool:
        """One MIP over the last face: a whole point reaching its LP optimum is optimal for every stage."""
        cm = self.cm
        if deferred.goal is None or self.budget.end() <= time.perf_counter() or self.watcher.stopped:
            return False
        try:
            mip = _mip(
                cm,
                deferred.goal,
                self.backend,
                self.options,
                self.budget,
                self.deterministic,
                None,
                self.watcher,
            )
        except StatusNotOk:
            return False
        result.solver_seconds += mip.seconds
        if mip.values is None or deferred.goal.value(mip.values) < deferred.target - 0.5:
            return False
        result.values = mip.values
        for group in groups:
            for name in group:
                result.terms[name] = round(cm.terms[name].value(mip.values))
        first = self.order[0]
        if first in result.bounds:
            result.bounds[first] = max(result.bounds[first], float(result.terms[first]))
        return True


def _copy(result: StageResult) -> StageResult:
    """A snapshot of a result (its values are never changed in place)."""
    return replace(result, terms=dict(result.terms), bounds=dict(result.bounds))


def _worse(cm: ComponentModel, name: str, fixed: float, outcome: RunResult) -> bool:
    """True when a later stage lost ground on an earlier term (a face restriction missed a bound)."""
    value = cm.terms[name].value(outcome.values)
    return value < fixed - 0.5 if SENSE[name] == "max" else value > fixed + 0.5


def _restrict_to_optimal_face(cm: ComponentModel, goal: Expr, lp: RunResult) -> None:
    """Keep only solutions optimal for this stage, by complementary slackness with its duals.

    Columns with a nonzero reduced cost stay at their bound and rows with a nonzero dual stay
    tight. Unlike a row fixing the objective, this keeps the matrix as it is, so the next stage's
    LP relaxation stays as integral as this one was. Every point that reaches the LP optimum lies
    on this face, so an integer point reaching it loses nothing either.
    """
    prog = cm.program
    scale = float(np.abs(goal.coefs).max()) if len(goal.coefs) else 1.0
    tol = max(1e-6, 1e-9 * scale)
    assert lp.values is not None and lp.reduced_costs is not None and lp.duals is not None
    x = lp.values
    nonbasic = np.flatnonzero(np.abs(lp.reduced_costs) > tol)
    for j, value in zip(nonbasic.tolist(), _whole(x[nonbasic]), strict=True):
        prog.lb[j] = prog.ub[j] = value  # nonbasic: at one of its integer bounds
    tight = np.flatnonzero(np.abs(lp.duals) > tol).tolist()
    for i, value in zip(tight, _whole(prog.activities(tight, x)), strict=True):
        prog.row_lb[i] = prog.row_ub[i] = value


def _whole(values: np.ndarray) -> list[float]:
    """Values rounded to whole numbers (halves to even, as round() does), without a negative zero."""
    return (np.round(values) + 0.0).tolist()


@dataclass
class StageRun(RunResult):
    """A stage's solve; `on_face` when the program is already kept to this stage's optimal face."""

    on_face: bool = False
    fractional: bool = False
    """An LP optimum kept on its face without a whole solution yet (solve_component defers it)."""

    def lp(self) -> RunResult:
        """The solve as a plain result (of a fractional stage: its LP)."""
        fields = {name: getattr(self, name) for name in RunResult.__dataclass_fields__}
        return RunResult(**fields)


class KnownLP(NamedTuple):
    """A stage's LP result, and how many rows the program had when it was solved."""

    lp: RunResult
    rows: int


def _solve_stage(
    cm: ComponentModel,
    goal: Expr,
    backend: str,
    options: SolverOptions,
    budget: Budget,
    deterministic: bool,
    watcher: StopWatcher,
    result: StageResult,
    *,
    defer: bool = False,
    known: RunResult | None = None,
) -> StageRun:
    """LP relaxation first; its optimal face then bounds the search for an integer optimum.

    An integral LP optimum is the stage's proven optimum. Otherwise an integer point on the LP's
    optimal face (a much smaller MIP once presolved) reaches the LP bound and is optimal too;
    only when the face holds none is the whole stage solved as a MIP.
    """
    hint = result.values if backend in HINTS_SUPPORTED else None
    if backend in LP_FIRST:
        if known is not None:  # solved before on this very program: the same LP, the same answer
            lp = replace(known, seconds=0.0)
        else:
            lp = _run(
                cm.program.proto(goal, maximize=True, integer=False),
                lp_solver(backend, options),
                options,
                budget,
                deterministic,
                watcher,
            )
        result.solver_seconds += lp.seconds
        if lp.optimal and lp.reduced_costs is not None and lp.duals is not None:
            assert lp.values is not None and lp.objective is not None
            integral = bool(np.all(np.abs(lp.values - np.round(lp.values)) <= INTEGRAL))
            target = round(lp.objective)
            if integral or abs(lp.objective - target) <= _objective_tolerance(goal):
                saved = cm.program.bounds()
                _restrict_to_optimal_face(cm, goal, lp)
                if integral:
                    lp.values = np.round(lp.values)
                    return StageRun(**vars(lp), on_face=True)
                if defer:
                    return StageRun(**vars(lp), on_face=True, fractional=True)
                try:
                    face = _mip(cm, goal, backend, options, budget, deterministic, hint, watcher)
                except StatusNotOk:  # HiGHS can fail inside on a face MIP; the whole stage's MIP is solved
                    face = None
                if face is not None:
                    result.solver_seconds += face.seconds
                    reached = face.values is not None and goal.value(face.values) >= target - 0.5
                    if reached or (face.values is not None and face.reason != "optimal"):
                        # reached: optimal, the LP bound proves it; else out of time, best on the face
                        reason = "optimal" if reached else face.reason
                        found = {**vars(face), "reason": reason, "bound": lp.objective}
                        return StageRun(**found, on_face=reached)
                cm.program.restore(saved)
    mip = _mip(cm, goal, backend, options, budget, deterministic, hint, watcher, whole_stage=True)
    result.solver_seconds += mip.seconds
    return StageRun(**vars(mip))


def _mip(
    cm: ComponentModel,
    goal: Expr,
    backend: str,
    options: SolverOptions,
    budget: Budget,
    deterministic: bool,
    hint: np.ndarray | None,
    watcher: StopWatcher,
    *,
    whole_stage: bool = False,
) -> RunResult:
    """The stage as a MIP over the program as it stands; values rounded to whole numbers.

    `whole_stage`: the stage's own MIP, not kept to an LP's optimal face (HiGHS presolves it
    without its aggregator, see backends.HIGHS_WHOLE_STAGE_RULES_OFF).
    """
    model = cm.program.proto(goal, maximize=True, integer=True)
    mip = _run(
        model,
        backend,
        options,
        budget,
        deterministic,
        watcher,
        hint=hint,
        whole_stage=whole_stage,
    )
    if mip.values is not None:
        mip.values = np.round(mip.values)
    return mip


def _run(
    model: model_pb2.ModelProto,
    backend: str,
    options: SolverOptions,
    budget: Budget,
    deterministic: bool,
    watcher: StopWatcher,
    *,
    hint: np.ndarray | None = None,
    whole_stage: bool = False,
) -> RunResult:
    """One solve of a stage's LP or MIP by `backend` (GLOP too, for an LP) until the component's
    time is up (model.budget).

    A solve cut short by its share is run once more, to the end of the run, when by then no
    component waits any longer and the run has at least RETRY_SECONDS more: the limit of a HiGHS
    solve cannot be moved once it runs, and a stage left unproven costs the plan.
    """
    interrupter = watcher.interrupter_for(backend)
    spent, before = 0.0, None
    for _ in range(2):
        end = budget.end()
        params = parameters(
            backend, options, end - time.perf_counter(), deterministic=deterministic, whole_stage=whole_stage
        )
        result = run(model, SOLVER_TYPES[backend], params, hint=hint, interrupter=interrupter)
        spent += result.seconds
        if result.values is None and before is not None:  # the first try found a plan, the second none
            result = before
        result.seconds = spent
        more = end + RETRY_SECONDS <= budget.run_end and budget.freed()
        if result.reason not in OUT_OF_TIME or watcher.stopped or not more:
            break
        before = result
    return result


def _objective_tolerance(goal: Expr) -> float:
    """How far a stage's LP objective may lie from a whole number and still be one (weights are large)."""
    scale = float(np.abs(goal.coefs).sum()) if len(goal.coefs) else 1.0
    return min(0.25, max(1e-6, 1e-9 * scale))


def _fix(cm: ComponentModel, name: str, value: float) -> None:
    """Keep this term at its stage optimum in every later stage."""
    if SENSE[name] == "max":
        cm.program.row(cm.terms[name], lb=value)
    else:
        cm.program.row(cm.terms[name], ub=value)


def _first_term_bound(cm: ComponentModel, group: list[str], outcome: RunResult) -> float:
    """Proven bound on the most important term, recovered from the stage's weighted bound."""
    first = group[0]
    value = cm.terms[first].value(outcome.values)
    if outcome.optimal or outcome.bound is None or not math.isfinite(outcome.bound) or SENSE[first] != "max":
        return value
    w = weights(group, cm.term_bounds)
    slack = sum(w[n] * cm.term_bounds[n] for n in group[1:] if SENSE[n] == "min")
    bound = math.floor((outcome.bound + slack) / w[first] + INTEGRAL)
    return float(max(bound, value))
