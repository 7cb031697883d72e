"""Merged arrival and availability weeks keep every pairing's answer under the vacancy limit."""

from __future__ import annotations

import itertools
from datetime import date

from allocation.model.aggregate import MergedWeeks
from allocation.policy import Policy
from allocation.rules.timing import timing_allowed
from builders import dwelling, family, household, municipality, scenario


def test_clamped_weeks_allow_exactly_the_pairings_the_limit_allows() -> None:
    policy = Policy(max_vacancy_days=28)
    weeks = range(-3, 12)
    for first_free, last_arrival in itertools.product(weeks, weeks):
        clamp = MergedWeeks(first_free, last_arrival, hold=28 // policy.time_bucket_days)
        for arrival in range(-3, last_arrival + 1):
            for free in range(first_free, 15):
                before = timing_allowed((free - arrival) * policy.time_bucket_days, policy)
                after = timing_allowed(
                    (clamp.available(free) - clamp.arrival(arrival)) * policy.time_bucket_days, policy
                )
                assert before == after, (first_free, last_arrival, arrival, free)


def test_no_clamp_when_days_count_in_the_objective_or_a_wait_limit_applies() -> None:
    def built(**policy: object):
        s = scenario(
            [municipality("GM0001")],
            [dwelling("W1", "GM0001", available_from=date(2026, 2, 1))],
            [household("H1", "GM0001", arrival=date(2026, 3, 1))],
            family("H1", ("referent", 30, "m")),
        )
        s = s.model_copy(update={"policy": Policy(planning_date=date(2026, 1, 1), **policy)})
        return MergedWeeks.of(s, s.households, {"W1"})

    assert built(max_vacancy_days=28) is not None
    assert built(max_vacancy_days=28, max_reception_wait_days=90) is None
    order = [*Policy().objective_order, "wait"]
    assert built(max_vacancy_days=28, objective_order=order) is None
