"""What really happens in a replay: each family's procedure steps and arrival day, drawn with the seed.

A family with an `arrival` date arrives then; one that is in the Netherlands already (`in_opvang`,
`bij_referent`) arrived on its step date; one without any date is taken to be here at the start.
Otherwise the arrival day is drawn uniformly from its Q3 window [earliest, latest] (never before the
replay's start: it has not arrived yet), and the steps still to come (toegekend, mvv_afgegeven) are
passed at the same share of the way as their terms take of the whole window (not before the start).
A refused application (afgewezen) never arrives. Each household has its own random stream (seed and
id), so adding a household does not change the others' draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from allocation.forecast import arrival_window, is_refused
from allocation.forecast.windows import ARRIVED_STEPS, remaining_terms
from allocation.policy import Policy
from allocation.scenario import Household, Scenario, TvsStep

NEXT_STEPS: dict[TvsStep, tuple[TvsStep, ...]] = {
    "aanvraag_ingediend": ("toegekend", "mvv_afgegeven"),
    "toegekend": ("mvv_afgegeven",),
    "mvv_afgegeven": (),
}
"""The TVS steps a family still passes before it travels (Q1, Q3)."""


@dataclass(frozen=True)
class Timeline:
    """One household's real course: the steps it reaches and the day it arrives (None: never)."""

    household: str
    arrival: date | None
    steps: tuple[tuple[TvsStep, date], ...]
    """Known and future steps with their dates, in order; the first is the scenario's own step."""

    def step_on(self, day: date) -> tuple[TvsStep, date] | None:
        """The latest step reached by this day (what the TVS shows the planner then)."""
        reached = [s for s in self.steps if s[1] <= day]
        return reached[-1] if reached else (self.steps[0] if self.steps else None)

    def arrived_by(self, day: date) -> bool:
        """The family is in the Netherlands on this day."""
        return self.arrival is not None and self.arrival <= day


def draw_timelines(scenario: Scenario, seed: int, start: date) -> dict[str, Timeline]:
    """Every household's timeline for this seed."""
    return {h.id: draw_timeline(h, scenario.policy, seed, start) for h in scenario.households}


def draw_timeline(household: Household, policy: Policy, seed: int, start: date) -> Timeline:
    """The household's steps and arrival day (see the module docstring)."""
    own: tuple[tuple[TvsStep, date], ...] = ()
    if household.tvs_step is not None and household.step_date is not None:
        own = ((household.tvs_step, household.step_date),)
    if is_refused(household):
        return Timeline(household.id, None, own)
    if household.arrival is not None:
        return Timeline(household.id, household.arrival, own)
    window = arrival_window(household, policy)
    if window is None:
        return Timeline(household.id, start, own)
    step = household.tvs_step
    if step in ARRIVED_STEPS:
        return Timeline(household.id, window.earliest, own)
    rng = Random(f"{seed}:{household.id}")
    low = max(window.earliest, start)
    high = max(window.latest, low)
    arrival = low + timedelta(days=rng.randint(0, (high - low).days))
    assert step is not None and household.step_date is not None
    steps = list(own)
    terms = remaining_terms(step, policy)
    total = sum(terms) or 1
    span = (arrival - household.step_date).days
    passed = 0
    for next_step, months in zip(NEXT_STEPS[step], terms, strict=False):
        passed += months
        reached = household.step_date + timedelta(days=span * passed // total)
        steps.append((next_step, max(reached, start)))
    steps.append(("in_opvang", arrival))
    return Timeline(household.id, arrival, tuple(steps))
