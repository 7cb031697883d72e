"""Tie order (v2): already in the Netherlands, then longest waiting, then id."""

from __future__ import annotations

from datetime import date, timedelta

from allocation.policy import Policy
from allocation.rules import already_here, housing_order, housing_ranks, waiting_since
from builders import family, household, municipality, scenario

POLICY = Policy(planning_date=date(2026, 1, 15))


def test_in_reception_or_with_the_referent_is_here_whatever_the_dates() -> None:
    for step in ("in_opvang", "bij_referent"):
        h = household("H", "GM1", tvs_step=step, step_date=date(2025, 6, 1))
        assert already_here(h, POLICY)
        assert waiting_since(h, POLICY) == date(2025, 6, 1)


def test_an_arrival_on_or_before_the_planning_date_is_here_a_later_one_is_not() -> None:
    assert already_here(household("H", "GM1", arrival=date(2026, 1, 15)), POLICY)
    assert not already_here(household("H", "GM1", arrival=date(2026, 1, 16)), POLICY)


def test_without_a_planning_date_today_decides() -> None:
    yesterday = date.today() - timedelta(days=1)
    assert already_here(household("H", "GM1", arrival=yesterday), Policy())
    assert not already_here(household("H", "GM1", arrival=date.today() + timedelta(days=1)), Policy())


def test_a_family_still_to_arrive_waits_since_its_likely_forecast_arrival() -> None:
    h = household("H", "GM1", tvs_step="mvv_afgegeven", step_date=date(2026, 1, 1))
    assert not already_here(h, POLICY)
    assert waiting_since(h, POLICY) == date(2026, 2, 15)  # half way through the 3 travel months


def test_order_here_before_still_to_arrive_then_longest_waiting_then_id() -> None:
    households = [
        household("H1", "GM1"),  # no date at all: last of those still to arrive
        household("H2", "GM1", arrival=date(2026, 3, 1)),
        household("H3", "GM1", tvs_step="in_opvang", step_date=date(2025, 6, 1)),
        household("H4", "GM1", arrival=date(2025, 12, 1)),
        household("H5", "GM1", arrival=date(2025, 12, 1)),
        household("H6", "GM1", tvs_step="mvv_afgegeven", step_date=date(2026, 1, 1)),
    ]
    ranked = sorted(households, key=lambda h: housing_order(h, POLICY))
    assert [h.id for h in ranked] == ["H3", "H4", "H5", "H6", "H2", "H1"]


def test_the_ranks_of_a_scenario_are_each_households_order_and_follow_the_planning_day() -> None:
    households = [
        household("H1", "GM1", arrival=date(2026, 1, 10)),
        household("H2", "GM1", arrival=date(2026, 1, 20)),
        household("H3", "GM1", tvs_step="mvv_afgegeven", step_date=date(2026, 1, 1)),
    ]
    people = [p for h in households for p in family(h.id, ("referent", 30))]
    s = scenario([municipality("GM1")], [], households, people, planning_date=date(2026, 1, 15))
    ranks = housing_ranks(s)
    assert ranks == {h.id: housing_order(h, s.policy) for h in households}
    assert housing_ranks(s) is ranks  # worked out once
    assert ranks["H2"].still_to_arrive  # arrives after the 15th: still to come
    later = s.model_copy(update={"policy": s.policy.model_copy(update={"planning_date": date(2026, 1, 25)})})
    assert not housing_ranks(later)["H2"].still_to_arrive  # here by the 25th
    undated = s.model_copy(update={"policy": s.policy.model_copy(update={"planning_date": None})})
    assert housing_ranks(undated) == {h.id: housing_order(h, undated.policy) for h in households}  # today
