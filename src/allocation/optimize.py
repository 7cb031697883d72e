"""`allocation.solve`: the one entry point the CLI, the app and batch scripts call."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from allocation import rules
from allocation.explain import explain_unassigned
from allocation.greedy import greedy_assignments
from allocation.model.aggregate import aggregate
from allocation.model.backends import MIP_BACKENDS, SolverOptions
from allocation.model.build import build
from allocation.model.disaggregate import disaggregate
from allocation.model.stages import TIE_TERM, StageResult, StopWatcher, solve_component
from allocation.plan import Assignment, Plan, SolveStats
from allocation.reason_texts import Language
from allocation.report import counted_by_municipality, objective_values, quota_lines, with_scores
from allocation.scenario import Scenario

SOLVERS: tuple[str, ...] = (*MIP_BACKENDS, "greedy")


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
    stop: object | None = None,
    lang: Language = "en",
    previous: Mapping[str, str] | None = None,
) -> Plan:
    """Match households to dwellings; always returns a complete plan (best found on time-out/stop).

    `lang` is the language of the reasons for households left out (en, nl). `previous`
    (household -> dwelling of the previous plan) lets the `changes` term keep families in place;
    allocation.replan passes it.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; choose one of {', '.join(SOLVERS)}")
    start = time.perf_counter()
    limit = time_limit if time_limit is not None else scenario.policy.time_limit
    if solver == "greedy":
        assignments = greedy_assignments(scenario)
        stats = SolveStats(status="feasible", solver="greedy")
        return _finish(scenario, assignments, stats, start, build_seconds=0.0, lang=lang)

    options = options or SolverOptions()
    deadline = start + limit
    agg = aggregate(scenario, previous=previous)
    joins = [_join(scenario, hid) for hid in agg.joins]
    fixed_counted = counted_by_municipality(scenario, joins)
    pinned = any(rules.is_pinned(h) for h in scenario.households)
    order = (["pins"] if pinned else []) + list(scenario.policy.objective_order) + [TIE_TERM]
    weighted = scenario.policy.objective_mode == "weighted"

    assignments = list(joins)
    all_optimal, messages = True, []
    persons_value = persons_bound = float(sum(a.persons for a in joins))
    build_seconds = 0.0
    components = sorted(agg.components, key=lambda c: min(c.municipalities))
    workers = 1 if deterministic else max(1, min(options.threads or os.cpu_count() or 1, len(components)))
    lock = threading.Lock()
    done = 0

    def solve_one(index: int) -> tuple[list[Assignment], StageResult, float]:
        nonlocal done, persons_value, persons_bound
        t0 = time.perf_counter()
        comp = components[index]
        cm = build(comp, scenario, fixed_counted, order)
        built = time.perf_counter() - t0
        with lock:
            left = len(components) - done
        share = (deadline - time.perf_counter()) * min(workers, left) / max(left, 1)
        outcome = solve_component(
            cm,
            order,
            solver,
            options,
            time.perf_counter() + max(share, 0.0),
            deterministic=deterministic,
            weighted=weighted,
            watcher=watcher,
        )
        if outcome.terms:
            place = {k: int(outcome.values[c]) for k, c in cm.place.items() if outcome.values[c] > 0}
            take = {k: int(outcome.values[c]) for k, c in cm.take.items() if outcome.values[c] > 0}
            found = disaggregate(comp, place, take, scenario)
        else:  # not even the first stage finished: first come, first served for this region
            found = greedy_assignments(scenario, only={h for c in comp.classes for h in c.households})
            outcome.message += "; first-come-first-served plan used for this region"
        housed_here = float(sum(a.persons for a in found))
        with lock:
            done += 1
            persons_value += housed_here
            persons_bound += outcome.bounds.get(
                "persons", housed_here if outcome.optimal else cm.term_bounds.get("persons", housed_here)
            )
            if progress is not None:
                progress(
                    Progress(
                        elapsed=time.perf_counter() - start,
                        stage="weighted" if weighted else "lexicographic",
                        regions_done=done,
                        regions_total=len(components),
                        persons_housed=int(persons_value),
                        objective=persons_value,
                        bound=persons_bound,
                        gap=_gap(persons_value, persons_bound),
                    )
                )
        return found, outcome, built

    with StopWatcher(stop) as watcher, ThreadPoolExecutor(max_workers=workers) as pool:
        for found, outcome, built in pool.map(solve_one, range(len(components))):
            assignments.extend(found)
            build_seconds += built
            all_optimal &= outcome.optimal
            if outcome.message:
                messages.append(outcome.message)
    if not components:
        persons_bound = persons_value
    status = "optimal" if all_optimal else "feasible"
    stats = SolveStats(
        status=status,
        solver=solver,
        objective=persons_value,
        bound=max(persons_bound, persons_value),
        gap=_gap(persons_value, max(persons_bound, persons_value)),
        message="; ".join(dict.fromkeys(messages)),
    )
    return _finish(scenario, assignments, stats, start, build_seconds=build_seconds, lang=lang)


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
    build_seconds: float,
    lang: Language = "en",
) -> Plan:
    """Scores, quota report, explanations and timing: the same for every backend."""
    scored = with_scores(scenario, assignments)
    quota = quota_lines(scenario, scored)
    stats.objective_terms = objective_values(scenario, scored, quota)
    if stats.objective is None:
        stats.objective = stats.objective_terms["persons"]
    stats.build_seconds = build_seconds
    stats.solve_seconds = time.perf_counter() - start
    unassigned = explain_unassigned(scenario, scored, lang, proven=stats.status == "optimal")
    return Plan(assignments=scored, unassigned=unassigned, quota=quota, stats=stats)
