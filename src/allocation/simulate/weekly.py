"""The scenario a planner sees in one simulated week: the homes free (or soon free), the families here
(or soon here), each municipality's taakstelling with the persons housed so far counted in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from allocation.forecast import ArrivalWindow, arrival_window
from allocation.forecast.windows import ARRIVED_STEPS
from allocation.policy import Policy
from allocation.scenario import Dwelling, Household, Scenario
from allocation.simulate.draws import Timeline

TIME_TERMS = ("wait", "vacancy")
DEFAULT_HOLD_DAYS = 28
"""A home is held at most four weeks for an arriving family unless the policy's max_vacancy_days says."""


@dataclass
class StockState:
    """What the replay has fixed so far: who moved in, which homes are taken or vacated."""

    start: date
    moved: dict[str, date] = field(default_factory=dict)
    """Household -> the day it moved in (fixed from then on)."""
    taken: set[str] = field(default_factory=set)
    """Homes a family moved into (they leave the stock)."""
    vacated: dict[str, date] = field(default_factory=dict)
    """Referents' former homes -> the day they came free."""
    counted: Counter = field(default_factory=Counter)
    """Municipality -> persons counted for its taakstelling by the move-ins so far."""

    def free_from(self, dwelling: Dwelling, occupied: set[str]) -> date | None:
        """The day the home is free; None while a referent who has not moved lives in it."""
        if dwelling.id in self.taken:
            return None
        if dwelling.id in self.vacated:
            return max(self.vacated[dwelling.id], dwelling.available_from or self.start)
        if dwelling.id in occupied:
            return None
        return dwelling.available_from or self.start


def hold_days(policy: Policy) -> int:
    """Days lookahead holds a home for an expected family: max_vacancy_days, else 28."""
    return policy.max_vacancy_days if policy.max_vacancy_days is not None else DEFAULT_HOLD_DAYS


def untimed_order(policy: Policy) -> list[str]:
    """The policy's objective order without the time terms."""
    return [t for t in policy.objective_order if t not in TIME_TERMS]


def week_policy(base: Policy, day: date, lookahead: bool) -> Policy:
    """greedy and snapshot plan what is here now; lookahead plans with time from this week's date."""
    update: dict[str, object] = {"planning_date": day, "max_reception_wait_days": None}
    if lookahead:
        update |= {
            "max_vacancy_days": hold_days(base),
            "objective_order": [*untimed_order(base), *TIME_TERMS],
        }
        if "horizon_days" in type(base).model_fields:  # never plan less far ahead than the hold
            update["horizon_days"] = max(getattr(base, "horizon_days", 0) or 0, hold_days(base))
    else:
        update |= {"max_vacancy_days": None, "objective_order": untimed_order(base)}
    return base.model_copy(update=update)


def seen_household(household: Household, timeline: Timeline, day: date, lookahead: bool) -> Household:
    """The household as the TVS shows it this week: arrived (in reception since its day) or at a step."""
    arrival = timeline.arrival
    if arrival is not None and arrival <= day:
        step, since = household.tvs_step, household.step_date
        if step not in ARRIVED_STEPS:
            step, since = "in_opvang", arrival
        # lookahead plans from today for a family that is here: its wait is the days until its home is free
        planned = day if lookahead else arrival
        return household.model_copy(update={"arrival": planned, "tvs_step": step, "step_date": since})
    reached = timeline.step_on(day)
    step, since = reached if reached else (None, None)
    # a given arrival date is the planner's own expectation (its window is that day); keep it
    return household.model_copy(update={"tvs_step": step, "step_date": since})


class Remaining(NamedTuple):
    """What is left of an arrival window for a family that has not arrived by a day."""

    earliest: date
    latest: date


def remaining(window: ArrivalWindow, day: date) -> Remaining:
    """The window from tomorrow on; one day (tomorrow) when its latest day has passed."""
    earliest = max(window.earliest, day + timedelta(days=1))
    return Remaining(earliest, max(window.latest, earliest))


def expected_arrival(household: Household, policy: Policy, day: date) -> date | None:
    """The forecast's likely arrival given that the family has not arrived by this day (Q3).

    The window's earliest day moves up to tomorrow and the likely day lies `likely_term_share`
    of the way from there to the latest: what the planner knows, never the drawn day.
    """
    window = arrival_window(household, policy)
    if window is None:
        return None
    earliest, latest = remaining(window, day)
    return earliest + timedelta(days=round(policy.likely_term_share * (latest - earliest).days))


def planned_arrival(
    household: Household, timeline: Timeline, policy: Policy, day: date, notice_days: int
) -> date | None:
    """The day lookahead plans a family still abroad for: its travel date once that is announced
    (`notice_days` before it: the family booked its journey), else the forecast (expected_arrival)."""
    if timeline.arrival is not None and (timeline.arrival - day).days <= notice_days:
        return timeline.arrival
    return expected_arrival(household, policy, day)


def week_scenario(
    base: Scenario,
    timelines: dict[str, Timeline],
    state: StockState,
    day: date,
    lookahead: bool,
    notice_days: int = 0,
) -> Scenario:
    """This week's scenario: families here (lookahead: or likely within the hold), homes free (or soon).

    `notice_days`: how many days before a family arrives its travel date is known (0: not before)."""
    policy = week_policy(base.policy, day, lookahead)
    horizon = day + timedelta(days=hold_days(base.policy)) if lookahead else day
    households: list[Household] = []
    for household in base.households:
        timeline = timelines[household.id]
        if household.id in state.moved or timeline.arrival is None:
            continue
        seen = seen_household(household, timeline, day, lookahead)
        if not timeline.arrived_by(day):
            expected = planned_arrival(seen, timeline, policy, day, notice_days) if lookahead else None
            if expected is None or expected > horizon:
                continue
            seen = seen.model_copy(update={"arrival": expected})
        households.append(seen)
    occupied = {h.current_dwelling for h in base.households if h.current_dwelling and h.id not in state.moved}
    stock: dict[str, Dwelling] = {}
    for dwelling in base.dwellings:
        free = state.free_from(dwelling, occupied)
        if free is not None and free <= horizon:
            stock[dwelling.id] = dwelling.model_copy(update={"available_from": free if free > day else None})
    # a family pinned to a home that is not in the stock yet waits for that home
    households = [h for h in households if not h.pinned_dwelling or h.pinned_dwelling in stock]
    present = {h.id for h in households}
    own_homes = {h.current_dwelling for h in households if h.current_dwelling}
    dwellings = [
        dwelling.model_copy(update={"available_from": None})
        if dwelling.id in own_homes
        else stock[dwelling.id]
        for dwelling in base.dwellings
        if dwelling.id in own_homes or dwelling.id in stock
    ]
    municipalities = [
        m.model_copy(update={"housed": m.housed + state.counted[m.code]}) if state.counted[m.code] else m
        for m in base.municipalities
    ]
    persons = [p for p in base.persons if p.household in present]
    return Scenario(
        municipalities=municipalities,
        dwellings=dwellings,
        households=households,
        persons=persons,
        policy=policy,
    )
