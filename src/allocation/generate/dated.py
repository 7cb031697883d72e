"""Dated instances (`generate --dated --weeks N`): homes come free over the weeks, families at TVS steps.

Distributions (documented in data/README.md, "Dated scenarios"), with S the period start:

| who                                   | tvs_step           | step_date       | arrives (Q3)     |
|---------------------------------------|--------------------|-----------------|------------------|
| referent in an independent home, 40 % | bij_referent       | S - 1..120 days | arrived          |
| everyone else, 14 %                   | in_opvang          | S - 0..69 days  | arrived          |
| 22 %                                  | mvv_afgegeven      | S - 0..59 days  | within 3 months  |
| 26 %                                  | toegekend          | S - 0..149 days | within 3 + 3     |
| 36 %                                  | aanvraag_ingediend | S - 0..149 days | within 6 + 3 + 3 |
| 2 %                                   | afgewezen          | S - 0..89 days  | never (refused)  |

No household gets an `arrival` date: the window follows from the step. Free homes: 30 % free at S
(no available_from), the others on a day drawn uniformly from the N weeks; referents' own homes
carry no date. The policy's planning_date is S.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from allocation.scenario import Dwelling, Household, TvsStep

STEP_SHARES: dict[TvsStep, float] = {
    "in_opvang": 0.14,
    "mvv_afgegeven": 0.22,
    "toegekend": 0.26,
    "aanvraag_ingediend": 0.36,
    "afgewezen": 0.02,
}
"""TVS step of a household that does not live with its referent yet (sums to 1)."""
STEP_AGE_DAYS: dict[TvsStep, int] = {
    "bij_referent": 120,
    "in_opvang": 70,
    "mvv_afgegeven": 60,
    "toegekend": 150,
    "aanvraag_ingediend": 150,
    "afgewezen": 90,
}
"""The step date lies up to this many days before the period start (every window still open)."""
BIJ_REFERENT_SHARE = 0.4
"""Of the households whose referent has an independent home, those already living with the referent."""
AVAILABLE_NOW_SHARE = 0.3
"""Free homes available at the period start; the others come free over the weeks."""


def dated_households(
    rng: Random, households: list[Household], in_own_home: set[str], start: date
) -> list[Household]:
    """Each household at a TVS step with its step date; no arrival dates (the window follows, Q3)."""
    steps, weights = list(STEP_SHARES), list(STEP_SHARES.values())
    dated: list[Household] = []
    for household in households:
        step: TvsStep
        if household.id in in_own_home and rng.random() < BIJ_REFERENT_SHARE:
            step = "bij_referent"
        else:
            step = rng.choices(steps, weights=weights)[0]
        step_date = start - timedelta(days=rng.randrange(STEP_AGE_DAYS[step]))
        dated.append(household.model_copy(update={"arrival": None, "tvs_step": step, "step_date": step_date}))
    return dated


def dated_dwellings(
    rng: Random, dwellings: list[Dwelling], occupied: set[str], start: date, weeks: int
) -> list[Dwelling]:
    """Free homes available now or on a day within the weeks; referents' homes without a date."""
    dated: list[Dwelling] = []
    for dwelling in dwellings:
        available: date | None = None
        if dwelling.id not in occupied and rng.random() >= AVAILABLE_NOW_SHARE:
            available = start + timedelta(days=rng.randrange(7 * weeks))
        dated.append(dwelling.model_copy(update={"available_from": available}))
    return dated
