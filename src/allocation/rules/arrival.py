"""Arrival windows (Q1, Q3): when a family can arrive, from its TVS step and the procedure terms.

A rule the planner, the forecast and the timing of the plan all follow, so it lives in rules.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from allocation.policy import Policy
from allocation.scenario import Household, TvsStep

ARRIVED_STEPS: tuple[TvsStep, ...] = ("bij_referent", "in_opvang")
"""Steps that mean the family is in the Netherlands since the step date (Q1)."""


@dataclass(frozen=True)
class ArrivalWindow:
    """Earliest, likely and latest arrival day of a household's nareizigers, and what they rest on."""

    earliest: date
    likely: date
    latest: date
    source: str
    """'arrival' when the household's arrival date is given, else the TVS step the window follows from."""


def add_months(day: date, months: int) -> date:
    """The same day so many months later, clamped to the month's end (2026-08-31 + 6 = 2027-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_of(day: date) -> str:
    """The calendar month a day falls in, as YYYY-MM (the bucket of the monthly views)."""
    return f"{day.year:04d}-{day.month:02d}"


def remaining_terms(step: TvsStep, policy: Policy) -> tuple[int, ...]:
    """Months each remaining procedure step may take after the step date (Q3), in order."""
    if step == "aanvraag_ingediend":
        return (policy.ind_decision_months, policy.mvv_collect_months, policy.travel_months)
    if step == "toegekend":
        return (policy.mvv_collect_months, policy.travel_months)
    if step == "mvv_afgegeven":
        return (policy.travel_months,)
    return ()


def is_refused(household: Household) -> bool:
    """The IND refused the application (afgewezen): nobody arrives, so the forecast leaves it out."""
    return household.tvs_step == "afgewezen"


def arrival_window(household: Household, policy: Policy) -> ArrivalWindow | None:
    """The household's arrival window; None when neither an arrival date nor a step is known.

    A given arrival date wins. Otherwise every remaining step may follow at once (earliest) or take
    its full term, each term counted from the end of the one before (latest); the likely day lies
    `policy.likely_term_share` of the way between them. A refused application has no window.
    """
    if household.arrival is not None:
        day = household.arrival
        return ArrivalWindow(day, day, day, "arrival")
    step, start = household.tvs_step, household.step_date
    if step is None or start is None or step == "afgewezen":
        return None
    return _window(step, start, remaining_terms(step, policy), policy.likely_term_share)


@lru_cache(maxsize=65536)
def _window(step: TvsStep, start: date, terms: tuple[int, ...], likely_share: float) -> ArrivalWindow:
    """The window from a step date, kept: many families share a step and a date."""
    latest = start
    for months in terms:
        latest = add_months(latest, months)
    likely = start + timedelta(days=round(likely_share * (latest - start).days))
    return ArrivalWindow(start, likely, latest, step)
