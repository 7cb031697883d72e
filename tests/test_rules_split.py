"""Two addresses for one family (casus 4): only when no single home fits, only adult children apart."""

from __future__ import annotations

from allocation.policy import Policy
from allocation.rules import group_fits, may_split, needed_bedrooms, split_groups, splittable_persons
from allocation.scenario import Dwelling, Household, Scenario
from builders import CASUS4_NINE, dwelling, family, household, municipality, scenario

NINE = CASUS4_NINE
"""Casus 4: a family of nine with two adult children (ids C4-3 and C4-4)."""


def region(
    *extra: Dwelling, members: tuple = NINE, households: list[Household] | None = None, **policy
) -> Scenario:
    """Aastad and Beedorp cooperate; Aastad has a 5-bedroom home for 7 and a flat for 2."""
    homes = [household("C4", "GM1"), *(households or [])]
    return scenario(
        [
            municipality("GM1", "Aastad", region="R1"),
            municipality("GM2", "Beedorp", region="R1"),
            municipality("GM3", "Ceeveen"),
        ],
        [
            dwelling("HOME7", "GM1", bedrooms=5, max_occupants=7, rent=740),
            dwelling("FLAT2", "GM1", bedrooms=2, max_occupants=2, rent=650),
            dwelling("ROOM", "GM2", bedrooms=1, max_occupants=1, kind="room"),
            *extra,
        ],
        homes,
        [*family("C4", *members), *(p for h in households or [] for p in family(h.id, ("referent", 30)))],
        **policy,
    )


def ids(persons) -> list[str]:
    return [p.id for p in persons]


def test_casus_4_family_fits_no_home_whole_but_may_split_its_two_adult_children_off():
    s = region()
    family_c4 = s.household("C4")
    members = s.members("C4")
    assert not group_fits(members, s.dwelling("HOME7"), s.policy, needs_accessible=False)
    assert may_split(family_c4, s)
    options = {tuple(ids(second)): main for main, second in split_groups(family_c4, s)}
    assert set(options) == {("C4-3",), ("C4-4",), ("C4-3", "C4-4")}
    seven = options[("C4-3", "C4-4")]
    assert ids(seven) == ["C4-1", "C4-2", "C4-5", "C4-6", "C4-7", "C4-8", "C4-9"]
    assert needed_bedrooms(seven, s.policy) == 4 <= 5
    assert group_fits(seven, s.dwelling("HOME7"), s.policy, needs_accessible=False)
    adults = [p for p in members if p.id in ("C4-3", "C4-4")]
    # v2: FLAT2's rent 650 is above the 498.20 limit for a group of 18-20-year-olds only
    assert not group_fits(adults, s.dwelling("FLAT2"), s.policy, needs_accessible=False)
    older = Policy(rent_limit_young_applies=False)
    assert group_fits(adults, s.dwelling("FLAT2"), older, needs_accessible=False)


def test_a_minor_is_never_in_a_split_off_group():
    with_more = (*NINE, ("child", 17, "f"), ("partner", 40, "f"), ("parent", 70, "m"), ("other", 30, "m"))
    s = region(members=with_more)
    options = split_groups(s.household("C4"), s)
    assert options
    policy = s.policy
    for main, second in options:
        assert all(p.age >= policy.adult_age and p.role in ("child", "sibling") for p in second)
        assert any(p.role == "referent" for p in main)
        assert len(main) + len(second) == len(with_more)
    assert {p.id for _, second in options for p in second} == {"C4-3", "C4-4"}


def test_v1_no_split_when_some_reachable_dwelling_fits_the_whole_family():
    s = region(dwelling("BIG", "GM2", bedrooms=6, max_occupants=9), split_when="no_fitting_home")
    assert not may_split(s.household("C4"), s)
    assert split_groups(s.household("C4"), s) == ()


def test_v2_split_is_an_option_even_when_a_home_fits_the_whole_family():
    # no_home_in_plan: the model decides; the splits term keeps it to splits that house more persons
    s = region(dwelling("BIG", "GM2", bedrooms=6, max_occupants=9))
    assert may_split(s.household("C4"), s)
    assert len(split_groups(s.household("C4"), s)) == 3


def test_v1_no_split_even_when_the_whole_fit_is_occupied():
    big = dwelling("BIG", "GM2", bedrooms=6, max_occupants=9)
    s = region(
        big, households=[household("OCC", "GM2", current_dwelling="BIG")], split_when="no_fitting_home"
    )
    assert not may_split(s.household("C4"), s)


def test_a_whole_fit_out_of_reach_does_not_prevent_the_split():
    s = region(dwelling("BIG", "GM3", bedrooms=6, max_occupants=9))
    assert may_split(s.household("C4"), s)


def test_no_split_when_the_policy_forbids_it():
    s = region(split_allowed=False)
    assert not may_split(s.household("C4"), s)
    assert split_groups(s.household("C4"), s) == ()


def test_no_split_for_a_large_family_without_adult_children():
    children = tuple(("child", age, "m") for age in range(2, 16, 2))
    s = region(members=(("referent", 40, "m"), ("partner", 38, "f"), *children))
    assert not group_fits(s.members("C4"), s.dwelling("HOME7"), s.policy, needs_accessible=False)
    assert splittable_persons(s.household("C4"), s) == []
    assert not may_split(s.household("C4"), s)


def test_an_adult_sibling_of_an_amv_may_live_apart_a_parent_may_not():
    amv = (
        ("referent", 16, "m"),
        ("parent", 45, "m"),
        ("parent", 42, "f"),
        ("sibling", 19, "f"),
        ("sibling", 9, "f"),
    )
    s = region(members=amv)
    assert ids(splittable_persons(s.household("C4"), s)) == ["C4-4"]


def test_who_may_live_apart_is_policy():
    members = (
        ("referent", 50, "m"),
        ("other", 25, "m"),
        ("child", 17, "f"),
        ("child", 18, "m"),
        ("child", 22, "f"),
    )
    default = region(members=members)
    assert ids(splittable_persons(default.household("C4"), default)) == ["C4-4", "C4-5"]
    stricter = Policy(split_roles=["child", "sibling", "other"], split_min_age=21)
    changed = region(members=members, policy=stricter)
    assert ids(splittable_persons(changed.household("C4"), changed)) == ["C4-2", "C4-5"]


def test_splits_are_worked_out_once_per_scenario_and_a_changed_policy_asks_again():
    """split_groups is kept per scenario: asked twice it gives the same splits, and a copy with the
    split forbidden (as the Regels page makes one) is not given the splits of the original."""
    s = region()
    first = split_groups(s.household("C4"), s)
    assert len(first) == 3
    assert split_groups(s.household("C4"), s) is first
    forbidden = s.model_copy(update={"policy": s.policy.model_copy(update={"split_allowed": False})})
    assert split_groups(forbidden.household("C4"), forbidden) == ()
    assert split_groups(s.household("C4"), s) is first
