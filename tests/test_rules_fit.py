"""Whether a group fits a dwelling: occupants, bedrooms, step-free, room for one, rent by size."""

from __future__ import annotations

import random

import pytest

from allocation.policy import Policy
from allocation.reason_texts import fit_problem_text
from allocation.rules import dwelling_key, fit_problems, group_fits, group_key, rent_band
from builders import dwelling, family

POLICY = Policy()
COUPLE = family("H", ("referent", 30, "m"), ("partner", 28, "f"))
SINGLE = family("H", ("referent", 23, "f"))
PARENT_AND_TWO = family("H", ("referent", 34, "f"), ("child", 6, "m"), ("child", 4, "f"))
FAMILY_OF_FOUR = family(
    "H", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 8, "m"), ("child", 5, "f")
)


def problems(group, home, policy: Policy = POLICY, needs_accessible: bool = False) -> list[str]:
    """The problems as the planner reads them (rules return data, reason_texts renders it)."""
    found = fit_problems(group, home, policy, needs_accessible=needs_accessible)
    return [fit_problem_text("en", p, policy) for p in found]


def test_a_fitting_family_home_has_no_problems():
    home = dwelling("D1", "GM1", bedrooms=2, max_occupants=4, rent=750)
    assert problems(FAMILY_OF_FOUR, home) == []
    assert group_fits(FAMILY_OF_FOUR, home, POLICY, needs_accessible=False)


def test_more_persons_than_max_occupants():
    assert problems(FAMILY_OF_FOUR, dwelling("D1", "GM1", bedrooms=3, max_occupants=4)) == []
    assert problems(FAMILY_OF_FOUR, dwelling("D1", "GM1", bedrooms=3, max_occupants=3)) == [
        "4 persons, dwelling takes at most 3"
    ]


def test_too_few_bedrooms():
    assert problems(FAMILY_OF_FOUR, dwelling("D1", "GM1", bedrooms=1, max_occupants=4)) == [
        "needs 2 bedrooms, dwelling has 1"
    ]


def test_step_free_only_when_needed():
    steps = dwelling("D1", "GM1", bedrooms=1, max_occupants=2)
    step_free = dwelling("D2", "GM1", bedrooms=1, max_occupants=2, accessible=True)
    assert problems(COUPLE, steps) == []
    assert problems(COUPLE, step_free, needs_accessible=True) == []
    assert problems(COUPLE, steps, needs_accessible=True) == ["needs a step-free dwelling"]


def test_a_room_houses_one_person_only():
    room = dwelling("K1", "GM1", bedrooms=1, max_occupants=2, rent=450, kind="room")
    assert group_fits(SINGLE, room, POLICY, needs_accessible=False)
    assert problems(COUPLE, room) == ["a room (kamerbewoning) houses one person only"]


@pytest.mark.parametrize(("group", "fits"), [(COUPLE, False), (PARENT_AND_TWO, True)])
def test_rent_limit_changes_at_three_persons(group, fits):
    flat = dwelling("D1", "GM1", bedrooms=2, max_occupants=4, rent=740)
    assert group_fits(group, flat, POLICY, needs_accessible=False) is fits
    if not fits:
        assert problems(group, flat) == ["rent 740.00 exceeds the limit 713.02 for 2 persons"]


@pytest.mark.parametrize(
    ("rent", "group", "fits"),
    [
        (713.02, COUPLE, True),
        (713.03, SINGLE, False),
        (764.14, PARENT_AND_TWO, True),
        (764.15, FAMILY_OF_FOUR, False),
        (None, SINGLE, True),
    ],
)
def test_rent_limits_are_inclusive_and_an_empty_rent_is_not_checked(rent, group, fits):
    flat = dwelling("D1", "GM1", bedrooms=2, max_occupants=4, rent=rent)
    assert group_fits(group, flat, POLICY, needs_accessible=False) is fits


def test_rent_limits_and_their_threshold_are_policy():
    flat = dwelling("D1", "GM1", bedrooms=2, max_occupants=4, rent=740)
    assert not group_fits(PARENT_AND_TWO, flat, Policy(rent_large_from_persons=4), needs_accessible=False)
    assert group_fits(COUPLE, flat, Policy(rent_limit_small=740), needs_accessible=False)


def test_every_problem_is_listed_with_its_code():
    room = dwelling("K1", "GM1", bedrooms=1, max_occupants=1, rent=800, kind="room")
    found = fit_problems(FAMILY_OF_FOUR, room, POLICY, needs_accessible=True)
    assert [p.code for p in found] == ["occupants", "bedrooms", "accessible", "room", "rent"]
    assert problems(FAMILY_OF_FOUR, room, needs_accessible=True) == [
        "4 persons, dwelling takes at most 1",
        "needs 2 bedrooms, dwelling has 1",
        "needs a step-free dwelling",
        "a room (kamerbewoning) houses one person only",
        "rent 800.00 exceeds the limit 764.14 for 4 persons",
    ]


@pytest.mark.parametrize(
    ("rent", "band"),
    # v2: the youth limit 498.20 is a band edge too
    [(None, 0), (0, 0), (498.20, 0), (498.21, 1), (713.02, 1), (713.03, 2), (764.14, 2), (764.15, 3)],
)
def test_rent_band_is_what_the_rent_rule_can_tell_apart(rent, band):
    assert rent_band(rent, POLICY) == band


def test_fit_depends_only_on_the_group_and_dwelling_keys():
    """The optimizer pairs classes by these keys, so equal keys must mean equal fit."""
    rng = random.Random(7)
    roles = ["referent", "partner", "child", "parent", "sibling", "other"]
    policies = (
        POLICY,
        Policy(rent_limit_small=780),
        Policy(bedroom_norm="one_per_person"),
        Policy(bedroom_norm="two_per_room"),
        Policy(rent_limit_young=720),
        Policy(rent_limit_young_applies=False),
    )
    for policy in policies:
        seen: dict[tuple, bool] = {}
        for _ in range(3000):
            members = [
                (
                    rng.choice(roles),
                    rng.choice([rng.randint(0, 70), 18, 19, 20, 21]),
                    rng.choice(["m", "f", None]),
                )
                for _ in range(rng.randint(1, 8))
            ]
            group = family("H", *members)
            needs = rng.random() < 0.2
            home = dwelling(
                "D",
                "GM1",
                bedrooms=rng.randint(0, 6),
                max_occupants=rng.randint(1, 9),
                rent=rng.choice([None, 498.2, 498.3, 500.0, 713.02, 740.0, 764.14, 770.0, 800.0]),
                accessible=rng.random() < 0.3,
                kind=rng.choice(["independent", "room"]),
            )
            key = (group_key(group, policy, needs_accessible=needs), dwelling_key(home, policy))
            fits = group_fits(group, home, policy, needs_accessible=needs)
            assert seen.setdefault(key, fits) == fits, key


def test_a_whole_familys_fit_is_its_step_free_need_and_group_key_asked_once_per_scenario():
    from allocation.rules import family_fit, needs_step_free
    from builders import household, municipality, scenario

    members = family("H1", ("referent", 40), ("partner", 38), ("child", 19), ("child", 8))
    s = scenario(
        [municipality("GM1")],
        [],
        [household("H1", "GM1", needs_accessible=True)],
        members,
        bedroom_norm="eurostat",
    )
    h = s.household("H1")
    fit = family_fit(h, s)
    assert (
        fit.step_free is needs_step_free(members, h) is True
    )  # the household needs it, the referent is there
    assert fit.key == group_key(members, s.policy, needs_accessible=True)
    assert fit.key.size == 4 and fit.key.bedrooms == 3
    assert family_fit(h, s) is fit
