"""The replay: week by week a policy plans, and families that are here and whose home is free move in.

`greedy`, `snapshot` and `lookahead` re-plan every week from what the planner knows then (the TVS
step, the forecast); `hindsight` solves the whole period once with every drawn arrival known, the
bound no weekly planner can beat on persons housed. A family moves in on a week's date, so every
policy is measured on the same weekly calendar.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

import allocation
from allocation.plan import Assignment, Plan
from allocation.rules import quota_counts
from allocation.scenario import Scenario
from allocation.simulate.draws import Timeline, draw_timelines
from allocation.simulate.protect import (
    DEFAULT_PROTECT_DAYS,
    PROTECT_ROUNDS,
    expected_groups,
    protected_homes,
    without_homes,
)
from allocation.simulate.weekly import StockState, untimed_order, week_scenario

POLICIES: tuple[str, ...] = ("greedy", "snapshot", "lookahead", "hindsight")
"""Replay policies, from the planner's habit to the bound."""


@dataclass(frozen=True)
class MoveIn:
    """One family housed in the replay: when it arrived, when it moved in, into which homes."""

    household: str
    arrival: date
    day: date
    persons: int
    size: int
    homes: tuple[str, ...]
    free_from: tuple[date, ...]
    """The day each of its homes came free (equal to `day` for a join: the referent's own home)."""
    counted: tuple[tuple[str, int], ...]
    """(municipality, persons counted for its taakstelling)."""

    @property
    def wait_days(self) -> int:
        """Days in reception (or with the referent) from arrival to moving in."""
        return (self.day - self.arrival).days

    @property
    def vacancy_days(self) -> int:
        """Days its homes stood empty before it moved in, summed."""
        return sum((self.day - free).days for free in self.free_from)


@dataclass
class Replay:
    """The course of one (policy, seed) run."""

    policy: str
    seed: int
    start: date
    weeks: int
    timelines: dict[str, Timeline]
    notice_days: int = 0
    """Days before its arrival that a family's travel date is known to the planner (lookahead)."""
    protect_gap: int = 0
    """Lookahead keeps a home free for expected families this many persons larger (0: never)."""
    move_ins: list[MoveIn] = field(default_factory=list)
    plans: int = 0
    violations: int = 0
    replan_changes: int = 0
    solve_seconds: float = 0.0
    statuses: set[str] = field(default_factory=set)
    kept_homes: int = 0
    """Move-ins lookahead held back to keep a home for a larger expected family, over the weeks."""

    @property
    def end(self) -> date:
        """The last simulated week's date."""
        return week_date(self.start, self.weeks - 1)


def week_date(start: date, week: int) -> date:
    """The date of week `week` (0 is the start)."""
    return start + timedelta(days=7 * week)


def next_week_date(start: date, day: date) -> date:
    """The first week date on or after this day."""
    if day <= start:
        return start
    return week_date(start, -(-(day - start).days // 7))


def start_date(scenario: Scenario) -> date:
    """The policy's planning date, else the earliest arrival or availability date in the scenario,
    else the latest step date (the day the TVS was read), else today."""
    if scenario.policy.planning_date is not None:
        return scenario.policy.planning_date
    days = [h.arrival for h in scenario.households] + [d.available_from for d in scenario.dwellings]
    known = [d for d in days if d is not None]
    if known:
        return min(known)
    steps = [h.step_date for h in scenario.households if h.step_date is not None]
    return max(steps) if steps else date.today()


def replay(
    scenario: Scenario,
    policy: str,
    seed: int,
    weeks: int,
    *,
    solver: str = "highs",
    time_limit: float = 60.0,
    notice_days: int = 0,
    protect_gap: int = 0,
    on_week=None,
) -> Replay:
    """Run one policy over the weeks with this seed's draws; `notice_days` as for week_scenario;
    `protect_gap` as for simulate.protect (lookahead only)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    start = start_date(scenario)
    timelines = draw_timelines(scenario, seed, start)
    gap = protect_gap if policy == "lookahead" else 0
    run = Replay(policy, seed, start, weeks, timelines, notice_days, gap)
    if policy == "hindsight":
        _hindsight(scenario, run, solver, time_limit)
        return run
    state = StockState(start)
    previous: dict[str, tuple[str, ...]] = {}
    for week in range(weeks):
        day = week_date(start, week)
        seen = week_scenario(scenario, run.timelines, state, day, policy == "lookahead", notice_days)
        plan = _plan(seen, "greedy" if policy == "greedy" else solver, time_limit, run)
        if run.protect_gap:
            seen, plan = _protect(scenario, seen, plan, state, day, run, solver, time_limit)
        planned = _by_household(plan)
        run.replan_changes += sum(1 for h, homes in planned.items() if h in previous and previous[h] != homes)
        for move in _move_ins(seen, plan, run.timelines, state, day):
            run.move_ins.append(move)
        previous = {h: homes for h, homes in planned.items() if h not in state.moved}
        if on_week is not None:
            on_week(week)
    return run


def _plan(seen: Scenario, solver: str, time_limit: float, run: Replay) -> Plan:
    """Solve one week deterministically and check the plan with the independent verifier."""
    started = time.perf_counter()
    plan = allocation.solve(seen, solver=solver, time_limit=time_limit, deterministic=True)
    run.solve_seconds += time.perf_counter() - started
    run.plans += 1
    run.violations += len(allocation.verify(seen, plan))
    run.statuses.add(plan.stats.status)
    return plan


def _protect(
    scenario: Scenario,
    seen: Scenario,
    plan: Plan,
    state: StockState,
    day: date,
    run: Replay,
    solver: str,
    time_limit: float,
) -> tuple[Scenario, Plan]:
    """Re-solve the week without the homes kept for larger expected families, until none is kept."""
    days = scenario.policy.horizon_days or DEFAULT_PROTECT_DAYS
    groups = expected_groups(scenario, run.timelines, state, seen, day, days)
    for _ in range(PROTECT_ROUNDS):
        homes = protected_homes(seen, plan, groups, run.protect_gap)
        if not homes:
            break
        run.kept_homes += len(homes)
        seen = without_homes(seen, homes)
        plan = _plan(seen, solver, time_limit, run)
    return seen, plan


def _by_household(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Household -> its planned homes."""
    homes: dict[str, list[str]] = {}
    for a in plan.assignments:
        homes.setdefault(a.household, []).append(a.dwelling)
    return {h: tuple(sorted(ds)) for h, ds in homes.items()}


def _move_ins(
    seen: Scenario, plan: Plan, timelines: dict[str, Timeline], state: StockState, day: date
) -> list[MoveIn]:
    """Families here whose planned homes are all free today move in; a move may free a referent's home
    for another family the same day, so passes repeat until nothing changes."""
    groups = plan.assignments_by_household()
    occupied = {h.current_dwelling for h in seen.households if h.current_dwelling}
    done: list[MoveIn] = []
    changed = True
    while changed:
        changed = False
        for household_id, assignments in groups.items():
            if household_id in state.moved or not timelines[household_id].arrived_by(day):
                continue
            household = seen.household(household_id)
            frees: list[date] = []
            for a in assignments:
                if a.kind == "join":
                    frees.append(day)
                    continue
                free = state.free_from(seen.dwelling(a.dwelling), occupied)
                if free is None or free > day:
                    break
                frees.append(free)
            else:
                move = _fix(seen, household_id, assignments, frees, timelines, day)
                state.moved[household_id] = day
                state.taken.update(a.dwelling for a in assignments)
                if household.current_dwelling and all(a.kind != "join" for a in assignments):
                    state.vacated[household.current_dwelling] = day
                    occupied.discard(household.current_dwelling)
                for code, count in move.counted:
                    state.counted[code] += count
                done.append(move)
                changed = True
    return done


def _fix(
    scenario: Scenario,
    household_id: str,
    assignments: list[Assignment],
    frees: list[date],
    timelines: dict[str, Timeline],
    day: date,
) -> MoveIn:
    """The move-in record of a family housed today."""
    household = scenario.household(household_id)
    counted: dict[str, int] = {}
    for a in assignments:
        persons = [scenario.person(p) for p in a.person_ids]
        counted[a.municipality] = counted.get(a.municipality, 0) + quota_counts(persons, household)
    arrival = timelines[household_id].arrival
    assert arrival is not None
    return MoveIn(
        household=household_id,
        arrival=arrival,
        day=day,
        persons=sum(a.persons for a in assignments),
        size=len(scenario.members(household_id)),
        homes=tuple(a.dwelling for a in assignments),
        free_from=tuple(frees),
        counted=tuple(sorted(counted.items())),
    )


def hindsight_scenario(
    scenario: Scenario, timelines: dict[str, Timeline], start: date, end: date
) -> Scenario:
    """The whole period at once: every family that arrives by the end with its drawn day, every home
    free by the end; persons first (the bound), fewest wait days last, no wait or vacancy limit."""
    households = [
        h.model_copy(update={"arrival": t.arrival, "tvs_step": None, "step_date": None})
        for h in scenario.households
        if (t := timelines[h.id]).arrival is not None and t.arrival <= end
    ]
    in_period = {d.id for d in scenario.dwellings if d.available_from is None or d.available_from <= end}
    # a family pinned to a home that comes free only after the period is not housed in it
    households = [h for h in households if not h.pinned_dwelling or h.pinned_dwelling in in_period]
    present = {h.id for h in households}
    away_homes = {
        h.current_dwelling for h in scenario.households if h.current_dwelling and h.id not in present
    }
    dwellings = [d for d in scenario.dwellings if d.id in in_period and d.id not in away_homes]
    others = [t for t in untimed_order(scenario.policy) if t != "persons"]
    update: dict[str, object] = {
        "planning_date": start,
        "max_vacancy_days": None,
        "max_reception_wait_days": None,
        "objective_order": ["persons", *others, "wait"],
    }
    if "horizon_days" in type(scenario.policy).model_fields:
        update["horizon_days"] = (end - start).days + 1  # the whole period is planned at once
    policy = scenario.policy.model_copy(update=update)
    return Scenario(
        municipalities=scenario.municipalities,
        dwellings=dwellings,
        households=households,
        persons=[p for p in scenario.persons if p.household in present],
        policy=policy,
    )


def _hindsight(scenario: Scenario, run: Replay, solver: str, time_limit: float) -> None:
    """Solve the period once, then date each move-in: the first week date when the family is here and
    its homes are free (a referent's former home from the day the referent's family moved)."""
    whole = hindsight_scenario(scenario, run.timelines, run.start, run.end)
    plan = _plan(whole, solver, time_limit, run)
    groups = plan.assignments_by_household()
    vacated_by = {h.current_dwelling: h.id for h in whole.households if h.current_dwelling}
    moved: dict[str, date] = {}
    for _ in range(len(groups) + 1):
        progress = False
        for household_id, assignments in groups.items():
            if household_id in moved:
                continue
            frees: list[date] = []
            for a in assignments:
                home = whole.dwelling(a.dwelling)
                if a.kind == "join":
                    frees.append(run.start)
                elif home.id in vacated_by and vacated_by[home.id] != household_id:
                    if vacated_by[home.id] not in moved:
                        break
                    frees.append(max(moved[vacated_by[home.id]], home.available_from or run.start))
                else:
                    frees.append(home.available_from or run.start)
            else:
                arrival = run.timelines[household_id].arrival
                assert arrival is not None
                day = next_week_date(run.start, max([arrival, *frees]))
                frees = [day if a.kind == "join" else f for a, f in zip(assignments, frees, strict=True)]
                run.move_ins.append(_fix(whole, household_id, assignments, frees, run.timelines, day))
                moved[household_id] = day
                progress = True
        if not progress:
            break
    run.move_ins.sort(key=lambda m: (m.day, m.household))
