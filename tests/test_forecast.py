"""Arrival windows from the TVS step (Q3), a given arrival winning, refused applications, monthly views."""

from __future__ import annotations

from datetime import date

import pytest

from allocation.forecast import (
    ArrivalWindow,
    add_months,
    arrival_rows,
    arrival_window,
    deadline_rows,
    forecast,
    housing_days,
    is_refused,
    month_of,
    school_rows,
    window_rows,
)
from allocation.policy import Policy
from allocation.scenario import Dwelling
from builders import assignment, family, household, municipality, plan, scenario


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 10, 31), 3, date(2027, 1, 31)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 1, 1), 24, date(2028, 1, 1)),
        (date(2026, 3, 15), 0, date(2026, 3, 15)),
    ],
)
def test_months_are_added_as_calendar_months_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("step", "step_date", "window"),
    [
        # decision within 6 months, mvv within 3 after, travel within 3 after that; each from the last
        (
            "aanvraag_ingediend",
            date(2026, 8, 31),
            ArrivalWindow(date(2026, 8, 31), date(2027, 2, 28), date(2027, 8, 28), "aanvraag_ingediend"),
        ),
        (
            "toegekend",
            date(2026, 1, 15),
            ArrivalWindow(date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), "toegekend"),
        ),
        (
            "mvv_afgegeven",
            date(2026, 11, 30),
            ArrivalWindow(date(2026, 11, 30), date(2027, 1, 14), date(2027, 2, 28), "mvv_afgegeven"),
        ),
        (
            "bij_referent",
            date(2026, 3, 1),
            ArrivalWindow(date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 1), "bij_referent"),
        ),
        (
            "in_opvang",
            date(2025, 12, 31),
            ArrivalWindow(date(2025, 12, 31), date(2025, 12, 31), date(2025, 12, 31), "in_opvang"),
        ),
    ],
)
def test_each_step_gives_its_window_from_the_procedure_terms(step, step_date, window):
    h = household("H1", "GM1", tvs_step=step, step_date=step_date)
    assert arrival_window(h, Policy()) == window


def test_the_terms_and_the_likely_share_are_policy():
    h = household("H1", "GM1", tvs_step="aanvraag_ingediend", step_date=date(2026, 1, 31))
    policy = Policy(ind_decision_months=1, mvv_collect_months=1, travel_months=1, likely_term_share=0)
    assert arrival_window(h, policy) == ArrivalWindow(
        date(2026, 1, 31), date(2026, 1, 31), date(2026, 4, 28), "aanvraag_ingediend"
    )
    at_the_end = arrival_window(h, policy.model_copy(update={"likely_term_share": 1.0}))
    assert at_the_end is not None and at_the_end.likely == date(2026, 4, 28)


def test_a_given_arrival_wins_over_the_step():
    h = household(
        "H1", "GM1", arrival=date(2026, 6, 1), tvs_step="aanvraag_ingediend", step_date=date(2026, 1, 1)
    )
    assert arrival_window(h, Policy()) == ArrivalWindow(
        date(2026, 6, 1), date(2026, 6, 1), date(2026, 6, 1), "arrival"
    )


def test_nothing_known_gives_no_window():
    assert arrival_window(household("H1", "GM1"), Policy()) is None


def test_a_refused_application_has_no_window_and_drops_out():
    refused = household("H2", "GM1", tvs_step="afgewezen", step_date=date(2026, 2, 1))
    assert is_refused(refused)
    assert not is_refused(household("H1", "GM1", tvs_step="toegekend", step_date=date(2026, 2, 1)))
    assert arrival_window(refused, Policy()) is None

    s = scenario(
        [municipality("GM1", "Almelo")],
        [],
        [household("H1", "GM1", arrival=date(2026, 3, 3)), refused, household("H3", "GM1")],
        family("H1", ("referent", 40), ("partner", 38), ("child", 7))
        + family("H2", ("referent", 30), ("partner", 29), ("child", 5))
        + family("H3", ("referent", 30), ("partner", 29)),
    )
    result = forecast(s)
    assert [f.household.id for f in result.expected] == ["H1"]
    assert result.refused == ["H2"] and result.unknown == ["H3"]
    assert arrival_rows(s, result) == [
        {"month": "2026-03", "municipality": "GM1", "name": "Almelo", "households": 1, "persons": 2}
    ]
    assert {r["household"] for r in deadline_rows(result)} == {"H1"}


def test_months_bucket_by_the_likely_day_across_the_year_end():
    s = scenario(
        [municipality("GM1", "Almelo", region="Twente"), municipality("GM2", "Borne", region="Twente")],
        [],
        [
            household("H1", "GM1", arrival=date(2026, 12, 31)),
            household("H2", "GM1", arrival=date(2027, 1, 1)),
            household(
                "H3", "GM2", tvs_step="mvv_afgegeven", step_date=date(2026, 11, 30)
            ),  # likely 2027-01-14
            household("H4", "GM1", tvs_step="in_opvang", step_date=date(2026, 12, 1)),
        ],
        family("H1", ("referent", 35), ("partner", 33), ("child", 4), ("child", 11))
        + family("H2", ("referent", 40), ("partner", 41), ("child", 12), ("child", 17), ("child", 18))
        + family("H3", ("referent", 30), ("partner", 30), ("child", 3))
        + family("H4", ("referent", 30), ("child", 16)),
    )
    assert month_of(date(2026, 12, 31)) == "2026-12" and month_of(date(2027, 1, 1)) == "2027-01"
    result = forecast(s)
    assert arrival_rows(s, result) == [
        {"month": "2026-12", "municipality": "GM1", "name": "Almelo", "households": 2, "persons": 4},
        {"month": "2027-01", "municipality": "GM1", "name": "Almelo", "households": 1, "persons": 4},
        {"month": "2027-01", "municipality": "GM2", "name": "Borne", "households": 1, "persons": 2},
    ]
    # primary 4-11, ISK 12-17 (Q12); the 3-year-old and the 18-year-old need neither
    assert school_rows(s, result) == [
        {
            "month": "2026-12",
            "municipality": "GM1",
            "name": "Almelo",
            "region": "Twente",
            "primary": 2,
            "isk": 1,
        },
        {
            "month": "2027-01",
            "municipality": "GM1",
            "name": "Almelo",
            "region": "Twente",
            "primary": 0,
            "isk": 2,
        },
    ]


def test_only_arriving_persons_count():
    s = scenario(
        [municipality("GM1")],
        [],
        [household("H1", "GM1", arrival=date(2026, 4, 2))],
        family("H1", ("referent", 16), ("parent", 40), ("sibling", 9, None)),
    )
    # the referent (an AMV of 16) is here already: no ISK place for him, one primary place for his sister
    result = forecast(s)
    assert window_rows(result)[0]["persons"] == 2
    assert school_rows(s, result)[0]["primary"] == 1 and school_rows(s, result)[0]["isk"] == 0


def test_deadlines_follow_the_likely_arrival():
    s = scenario(
        [municipality("GM1")],
        [],
        [household("H1", "GM1", tvs_step="bij_referent", step_date=date(2026, 12, 30))],
        family("H1", ("referent", 30), ("partner", 30)),
    )
    rows = deadline_rows(forecast(s))
    assert [(r["deadline"], r["due"]) for r in rows] == [
        ("arrival", date(2026, 12, 30)),
        ("quota_count", date(2026, 12, 30)),
        ("ind_appointment", date(2027, 1, 2)),  # Q9: within 3 days
        ("gp_intake", date(2027, 1, 13)),  # Q11: within two weeks
    ]
    later = deadline_rows(forecast(s), as_of=date(2027, 1, 1))
    assert [r["deadline"] for r in later] == ["ind_appointment", "gp_intake"]


def test_a_split_household_counts_once_its_last_home_is_free():
    s = scenario(
        [municipality("GM1")],
        [
            Dwelling(
                id="D1", municipality="GM1", bedrooms=3, max_occupants=5, available_from=date(2026, 5, 1)
            ),
            Dwelling(
                id="D2", municipality="GM1", bedrooms=1, max_occupants=2, available_from=date(2026, 6, 15)
            ),
        ],
        [household("H1", "GM1", arrival=date(2026, 5, 20))],
        family("H1", ("referent", 45), ("partner", 44), ("child", 19), ("child", 8)),
    )
    ids = [p.id for p in s.members("H1")]
    split = plan(
        [assignment(s, "H1", "D1", "split", ids[:2] + ids[3:]), assignment(s, "H1", "D2", "split", ids[2:3])]
    )
    result = forecast(s)
    assert housing_days(s, split, result) == {"H1": (date(2026, 6, 15), "D1, D2", "GM1")}
    quota = [
        r
        for r in deadline_rows(result, housed=housing_days(s, split, result))
        if r["deadline"] == "quota_count"
    ]
    assert [r["due"] for r in quota] == [date(2026, 6, 15)]


def test_the_planning_date_makes_an_ended_window_overdue_when_no_day_is_given():
    s = scenario(
        [municipality("GM1")],
        [],
        [
            household("H1", "GM1", tvs_step="mvv_afgegeven", step_date=date(2026, 1, 5)),
            household("H2", "GM1", tvs_step="in_opvang", step_date=date(2025, 1, 5)),
        ],
        family("H1", ("referent", 30), ("child", 5)) + family("H2", ("referent", 30), ("child", 5)),
        planning_date=date(2026, 4, 6),
    )
    result = forecast(s)
    assert [f.household.id for f in result.overdue] == ["H1"]  # travel term ended 2026-04-05
    assert [f.household.id for f in result.expected] == ["H2"]  # arrived in reception: not overdue
    assert [f.household.id for f in forecast(s, as_of=date(2026, 4, 5)).overdue] == []
