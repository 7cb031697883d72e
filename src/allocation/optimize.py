"""`allocation.solve`: the one entry point the CLI, the app and batch scripts call."""

from __future__ import annotations

import functools
import itertools
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from allocation import rules
from allocation.collector import collector_paused
from allocation.explain import explain_unassigned
from allocation.greedy import greedy_assignments
from allocation.model.aggregate import Component, aggregate
from allocation.model.backends import MIP_BACKENDS, SolverOptions
from allocation.model.budget import Budget
from allocation.model.build import build
from allocation.model.component import ComponentModel, PlaceKey, TakeKey
from allocation.model.disaggregate import disaggregate
from allocation.model.stages import (
    TIE_TERM,
    StageResult,
    Stop,
    StopWatcher,
    signals_to_main_thread,
    solve_component,
)
from allocation.plan import Assignment, Plan, SolveStats
from allocation.reason_texts import Language
from allocation.report import counted_by_municipality, objective_values, quota_lines, with_scores
from allocation.scenario import Scenario
from allocation.status_texts import joined, status_text

SOLVERS: tuple[str, ...] = (*MIP_BACKENDS, "greedy")
SIGNAL_POLL_SECONDS = 0.1
"""How long a stop by signal may wait before the main thread sees it."""


@dataclass(frozen=True)
class Progress:
    """Where a running solve is, for progress bars and the app's live panel."""

    elapsed: float
    stage: str
    regions_done: int
    regions_total: int
    persons_housed: int
    objective: float | None
    bound: float | None
    gap: float | None


def solve(
    scenario: Scenario,
    *,
    solver: str = "highs",
    time_limit: float | None = None,
    deterministic: bool = False,
    options: SolverOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    stop: Stop | None = None,
    lang: Language = "en",
    previous: Mapping[str, str] | None = None,
    previous_second: Mapping[str, str] | None = None,
    started: float | None = None,
) -> Plan:
    """Match households to dwellings; always returns a complete plan (best found on time-out/stop).

    `lang` is the language of the reasons for households left out (en, nl). `previous`
    (household -> dwelling of the previous plan) lets the `changes` term keep families in place;
    allocation.replan passes it, and `previous_second` (household -> the second home of a split
    in the previous plan), which a family kept as it was keeps as well. `started` is when the
    caller's own clock started (time.perf_counter()): the time limit then counts from there, and
    time is kept back for explaining, verifying and writing the plan.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; choose one of {', '.join(SOLVERS)}")
    start = time.perf_counter()
    limit = time_limit if time_limit is not None else scenario.policy.time_limit
    with collector_paused():
        if solver == "greedy":
            assignments = greedy_assignments(scenario)
            stats = SolveStats(status="feasible", solver="greedy")
            stats.solve_phase_seconds = time.perf_counter() - start
            return _finish(scenario, assignments, stats, start, lang=lang)
        deadline = (started if started is not None else start) + limit - reserve_seconds(scenario)
        if time.perf_counter() >= deadline:  # every region would fall back: no aggregation either
            return _first_come_everywhere(scenario, solver, start, lang)
        prepared = _prepare(scenario, previous, previous_second)
        stats = SolveStats(solver=solver, aggregate_seconds=time.perf_counter() - start)
        fixed = fixed_solving_seconds(scenario, limit, reading=started is not None) if deterministic else None
        work = _Components(
            scenario,
            prepared,
            solver,
            options or SolverOptions(),
            deterministic,
            start,
            deadline,
            progress,
            fixed_seconds=fixed,
        )
        phase = time.perf_counter()
        with StopWatcher(stop) as watcher:
            results = work.solve_all(watcher)
        stats.solve_phase_seconds = time.perf_counter() - phase
        assignments = list(prepared.joins)
        for r in results:
            assignments.extend(r.assignments)
        _summarise(stats, results, work, prepared)
        return _finish(scenario, assignments, stats, start, lang=lang)


def _first_come_everywhere(scenario: Scenario, solver: str, start: float, lang: Language) -> Plan:
    """No time left for any region: the whole scenario first come, first served, as each region's
    fallback would plan it (regions share no households or homes), with every person as the bound."""
    assignments = greedy_assignments(scenario)
    stats = SolveStats(
        status="feasible",
        solver=solver,
        message=joined(status_text("limit_before_any"), status_text("first_come_everywhere")),
    )
    stats.solve_phase_seconds = time.perf_counter() - start
    housed = float(sum(a.persons for a in assignments))
    wanting = [h for h in scenario.households if not rules.is_refused(h)]
    everyone = float(sum(len(scenario.members(h.id)) for h in wanting))
    stats.objective, stats.bound = housed, max(everyone, housed)
    stats.gap = _gap(housed, stats.bound)
    return _finish(scenario, assignments, stats, start, lang=lang)


def reserve_seconds(scenario: Scenario) -> float:
    """Time kept back from the solver for scores, explanations, verifying and writing the plan."""
    return 0.2 + FINISH_SECONDS_PER_ROW * _rows(scenario)


READ_SECONDS_PER_ROW = 35e-6
AGGREGATE_SECONDS_PER_ROW = 50e-6
FINISH_SECONDS_PER_ROW = 65e-6
"""What reading, aggregating and finishing (explaining, verifying, writing) take per household and
dwelling, about, on a 2-core machine: 28-36, 40-53 and 62-70 us on the national 25,000 (undated
and dated) and the dated 100,000 (benchmarks/README.md)."""


def fixed_solving_seconds(scenario: Scenario, limit: float, *, reading: bool) -> float:
    """The solving time --deterministic shares out: the limit less what reading (when the limit
    counts it), aggregating and finishing are expected to take for a scenario of this size.

    Worked out from the limit and the scenario alone, the regions' shares and so the plan do not
    depend on how fast this run happened to read and aggregate.
    """
    before = (READ_SECONDS_PER_ROW if reading else 0.0) + AGGREGATE_SECONDS_PER_ROW
    return max(limit - reserve_seconds(scenario) - before * _rows(scenario), 0.0)


def _rows(scenario: Scenario) -> int:
    """Households and dwellings: what reading, aggregating and finishing grow with."""
    return len(scenario.households) + len(scenario.dwellings)


class Prepared(NamedTuple):
    """The scenario as the components see it: fixed joins, counted persons, terms, components."""

    joins: list[Assignment]
    fixed_counted: dict[str, int]
    order: list[str]
    weighted: bool
    components: list[Component]


def _prepare(
    scenario: Scenario,
    previous: Mapping[str, str] | None = None,
    previous_second: Mapping[str, str] | None = None,
) -> Prepared:
    """Aggregate, fix the woningcheck joins, and choose the objective stages' terms."""
    agg = aggregate(scenario, previous=previous, previous_second=previous_second)
    joins = [_join(scenario, hid) for hid in agg.joins]
    pinned = any(rules.is_pinned(h) for h in scenario.households)
    order = (["pins"] if pinned else []) + list(scenario.policy.objective_order) + [TIE_TERM]
    return Prepared(
        joins=joins,
        fixed_counted=counted_by_municipality(scenario, joins),
        order=order,
        weighted=scenario.policy.objective_mode == "weighted",
        components=sorted(agg.components, key=lambda c: min(c.municipalities)),
    )


class ComponentResult(NamedTuple):
    """One component solved: its assignments, the stage outcome and where its time went."""

    assignments: list[Assignment]
    outcome: StageResult
    build_seconds: float
    solver_seconds: float
    disaggregate_seconds: float
    persons_bound: float


LEFT_TO_ONE = 0.5
"""The part of the time left that one component's next solve may take while others wait (with
two workers or more, not when deterministic): the other workers serve the waiting ones meanwhile."""


def time_shares(sizes: list[int], budget: float, workers: int) -> list[float]:
    """Seconds each component may take, fixed before any starts: shares of the workers' time by size.

    Fixed in advance, a component's limit does not depend on which other one finished first.
    """
    total = sum(sizes) or 1
    return [budget * workers * size / total for size in sizes]


class _Components:
    """Builds, solves and disaggregates the components, in parallel unless deterministic."""

    def __init__(
        self,
        scenario: Scenario,
        prepared: Prepared,
        solver: str,
        options: SolverOptions,
        deterministic: bool,
        start: float,
        deadline: float,
        progress: Callable[[Progress], None] | None,
        fixed_seconds: float | None = None,
    ):
        """`fixed_seconds`: the solving time to share out (deterministic runs); None: the time left."""
        self.scenario, self.prepared, self.solver, self.options = scenario, prepared, solver, options
        self.deterministic, self.start, self.deadline, self.progress = (
            deterministic,
            start,
            deadline,
            progress,
        )
        count = len(prepared.components)
        self.workers = 1 if deterministic else max(1, min(options.threads or os.cpu_count() or 1, count))
        sizes = [sum(len(c.households) for c in comp.classes) for comp in prepared.components]
        budget = fixed_seconds if fixed_seconds is not None else deadline - time.perf_counter()
        self.shares = time_shares(sizes, budget, self.workers)
        indices = range(count)
        self.solve_order = sorted(indices, key=sizes.__getitem__) if deterministic else list(indices)
        """Deterministic runs solve the smaller components first: the large ones, which are the hard
        ones as a rule, may then use what the small ones left unused."""
        ends = itertools.accumulate(self.shares[i] for i in self.solve_order)
        self.share_ends = dict(zip(self.solve_order, ends, strict=True))
        self.begun = time.perf_counter()
        self.lock = threading.Lock()
        self.done = 0
        self.started = 0
        self.persons_value = self.persons_bound = float(sum(a.persons for a in prepared.joins))

    def solve_all(self, watcher: StopWatcher) -> list[ComponentResult]:
        """Every component's result, in component order whatever order they finish in."""
        with ThreadPoolExecutor(max_workers=self.workers, initializer=signals_to_main_thread) as pool:
            submitted = {i: pool.submit(self._solve_one, i, watcher) for i in self.solve_order}
            futures = [submitted[i] for i in range(len(self.prepared.components))]
            pending = set(futures)
            while pending:  # wake often as well, should a signal still reach another thread
                _, pending = wait(pending, timeout=SIGNAL_POLL_SECONDS, return_when=FIRST_EXCEPTION)
                if any(f.done() and f.exception() is not None for f in futures):
                    break
            return [f.result() for f in futures]

    def _deadline(self, index: int, started: float) -> float:
        """When a component started at `started` must end.

        Deterministic (one worker, components in `solve_order`): by the end of the shares so far,
        counted from when solving began, so it may use what the components before it left unused
        and never gets less than its own share. Else, asked again before each of its solves, the
        latest of: its share from `started`; its part of what the components not yet done leave
        over (so a region still running when the others are done may use the time left); and,
        with two workers or more, LEFT_TO_ONE of the time left, so that one hard stage may take
        what easy regions leave over (a HiGHS solve's limit is fixed when it starts, and most
        regions end well within their shares).
        """
        if self.deterministic:
            return min(self.begun + self.share_ends[index], self.deadline)
        own = started + self.shares[index]
        now = time.perf_counter()
        with self.lock:
            left = len(self.prepared.components) - self.done
        fair = (self.deadline - now) * min(self.workers, left) / max(left, 1)
        one = LEFT_TO_ONE if self.workers > 1 else 0.0
        return min(max(own, now + fair, now + (self.deadline - now) * one), self.deadline)

    def none_waiting(self) -> bool:
        """Every component has a worker: one running past its share holds back no other."""
        with self.lock:
            return self.started == len(self.prepared.components)

    def _solve_one(self, index: int, watcher: StopWatcher) -> ComponentResult:
        """Build, optimise and disaggregate one component (first come, first served if nothing finished)."""
        comp, p = self.prepared.components[index], self.prepared
        t0 = time.perf_counter()
        with self.lock:
            self.started += 1
        budget = Budget(
            functools.partial(self._deadline, index, t0),
            self.deadline,
            None if self.deterministic else self.none_waiting,
        )
        if budget.end() <= t0 or watcher.stopped:  # no time left to build a model: first come, first served
            before = status_text("stop_before_region" if watcher.stopped else "limit_before_region")
            outcome = StageResult(values=np.zeros(0), optimal=False, message=before)
            found = self._first_come(comp, outcome)
            housed = float(sum(a.persons for a in found))
            everyone = float(sum(c.size * len(c.households) for c in comp.classes))  # a bound, unproven
            self._report(housed, everyone)
            return ComponentResult(found, outcome, 0.0, 0.0, time.perf_counter() - t0, everyone)
        cm = build(comp, self.scenario, p.fixed_counted, p.order)
        built = time.perf_counter() - t0
        outcome = solve_component(
            cm,
            p.order,
            self.solver,
            self.options,
            budget,
            deterministic=self.deterministic,
            weighted=p.weighted,
            watcher=watcher,
        )
        t1 = time.perf_counter()
        if outcome.terms:
            found = disaggregate(comp, placements(cm, outcome), takes(cm, outcome), self.scenario)
        else:  # not even the first stage finished: first come, first served for this region
            found = self._first_come(comp, outcome)
        housed = float(sum(a.persons for a in found))
        bound = outcome.bounds.get(
            "persons", housed if outcome.optimal else cm.term_bounds.get("persons", housed)
        )
        self._report(housed, bound)
        return ComponentResult(found, outcome, built, outcome.solver_seconds, time.perf_counter() - t1, bound)

    def _first_come(self, comp: Component, outcome: StageResult) -> list[Assignment]:
        """The region planned first come, first served, and the outcome's message saying so."""
        households = {h for c in comp.classes for h in c.households}
        outcome.message = joined(outcome.message, status_text("first_come_region"))
        return greedy_assignments(self.scenario, only=households, within=set(comp.municipalities))

    def _report(self, housed: float, bound: float) -> None:
        """Count a finished component and tell the progress callback."""
        with self.lock:
            self.done += 1
            self.persons_value += housed
            self.persons_bound += bound
            if self.progress is not None:
                self.progress(
                    Progress(
                        elapsed=time.perf_counter() - self.start,
                        stage="weighted" if self.prepared.weighted else "lexicographic",
                        regions_done=self.done,
                        regions_total=len(self.prepared.components),
                        persons_housed=int(self.persons_value),
                        objective=self.persons_value,
                        bound=self.persons_bound,
                        gap=_gap(self.persons_value, self.persons_bound),
                    )
                )


def placements(cm: ComponentModel, outcome: StageResult) -> dict[PlaceKey, int]:
    """How many class members are housed each way, from the last solution."""
    return {k: int(outcome.values[c]) for k, c in cm.place.items() if outcome.values[c] > 0}


def takes(cm: ComponentModel, outcome: StageResult) -> dict[TakeKey, int]:
    """How many groups take dwellings of each type, from the last solution."""
    return {k: int(outcome.values[c]) for k, c in cm.take.items() if outcome.values[c] > 0}


def _summarise(stats: SolveStats, results: list[ComponentResult], work: _Components, p: Prepared) -> None:
    """Status, objective, bound, gap, messages and the thread-summed phase times."""
    value = float(sum(a.persons for a in p.joins)) + sum(
        float(sum(a.persons for a in r.assignments)) for r in results
    )
    bound = float(sum(a.persons for a in p.joins)) + sum(r.persons_bound for r in results)
    bound = max(bound, value)
    stats.status = "optimal" if all(r.outcome.optimal for r in results) else "feasible"
    stats.objective, stats.bound, stats.gap = value, bound, _gap(value, bound)
    stats.message = "; ".join(dict.fromkeys(r.outcome.message for r in results if r.outcome.message))
    stats.build_seconds = sum(r.build_seconds for r in results)
    stats.solver_seconds = sum(r.solver_seconds for r in results)
    stats.disaggregate_seconds = sum(r.disaggregate_seconds for r in results)


def _join(scenario: Scenario, household_id: str) -> Assignment:
    """Woningcheck (Q5): the family moves in with the referent."""
    household = scenario.household(household_id)
    members = scenario.members(household_id)
    home = scenario.dwelling(household.current_dwelling or "")
    return Assignment(
        household=household_id,
        dwelling=home.id,
        municipality=home.municipality,
        kind="join",
        persons=len(members),
        person_ids=[p.id for p in members],
    )


def _gap(value: float, bound: float) -> float:
    """Relative gap of a maximisation, 0 when proven."""
    return 0.0 if bound <= value else (bound - value) / max(abs(bound), 1.0)


def _finish(
    scenario: Scenario,
    assignments: list[Assignment],
    stats: SolveStats,
    start: float,
    *,
    lang: Language = "en",
) -> Plan:
    """Scores, quota report, explanations and timing: the same for every backend."""
    t0 = time.perf_counter()
    scored = with_scores(scenario, assignments)
    quota = quota_lines(scenario, scored)
    stats.objective_terms = objective_values(scenario, scored, quota)
    if stats.objective is None:
        stats.objective = stats.objective_terms["persons"]
    unassigned = explain_unassigned(scenario, scored, lang, proven=stats.status == "optimal")
    stats.explain_seconds = time.perf_counter() - t0
    stats.solve_seconds = time.perf_counter() - start
    return Plan(assignments=scored, unassigned=unassigned, quota=quota, stats=stats)
