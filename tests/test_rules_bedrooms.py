"""Needed bedrooms under the Eurostat norm (the default) and the one-per-person norm."""

from __future__ import annotations

import pytest

from allocation.policy import Policy
from allocation.rules import needed_bedrooms
from builders import CASUS4_NINE, family

EUROSTAT = Policy()


def rooms(*members: tuple, policy: Policy = EUROSTAT) -> int:
    """Bedrooms a household of these (role, age[, sex]) members needs."""
    return needed_bedrooms(family("H", *members), policy)


def test_a_couple_shares_one_room():
    assert rooms(("referent", 30, "m"), ("partner", 28, "f")) == 1


def test_referent_and_an_adult_other_than_the_partner_do_not_share():
    assert rooms(("referent", 30, "m"), ("other", 28, "f")) == 2


def test_every_other_adult_has_an_own_room():
    assert rooms(("referent", 45, "m"), ("partner", 43, "f"), ("child", 20, "m"), ("child", 19, "m")) == 3


def test_adult_from_eighteen():
    assert rooms(("referent", 40, "f"), ("child", 17, "m"), ("child", 16, "m")) == 2  # two boys share
    assert rooms(("referent", 40, "f"), ("child", 18, "m"), ("child", 16, "m")) == 3  # the 18-year-old not


def test_two_boys_of_13_and_15_share():
    assert rooms(("referent", 40, "f"), ("child", 13, "m"), ("child", 15, "m")) == 2


def test_a_boy_of_13_and_a_girl_of_14_do_not_share():
    assert rooms(("referent", 40, "f"), ("child", 13, "m"), ("child", 14, "f")) == 3


@pytest.mark.parametrize(("boy", "girl", "expected"), [(5, 8, 1), (11, 11, 1), (12, 11, 2)])
def test_children_under_12_share_whatever_their_sex(boy, girl, expected):
    assert rooms(("child", boy, "m"), ("child", girl, "f")) == expected


def test_young_children_two_to_a_room_rounded_up():
    assert rooms(("child", 3, "m"), ("child", 5, "f"), ("child", 7, "m")) == 2


@pytest.mark.parametrize("sex", [None, "x"])
def test_a_teenager_of_unknown_sex_has_an_own_room(sex):
    assert rooms(("child", 14, "m"), ("child", 15, sex)) == 2
    assert rooms(("child", 14, sex), ("child", 15, sex)) == 2


def test_the_two_parents_of_an_amv_share():
    amv_family = (("referent", 16, "m"), ("parent", 45, "m"), ("parent", 42, "f"), ("sibling", 10, "f"))
    assert rooms(*amv_family) == 3  # parents 1, the AMV 1, his sister 1


def test_one_parent_and_an_adult_sibling_do_not_share():
    assert rooms(("referent", 17, "m"), ("parent", 45, "f"), ("sibling", 19, "m")) == 3


def test_a_minor_partner_is_counted_as_a_child():
    assert rooms(("referent", 19, "m"), ("partner", 17, "f")) == 2


def test_casus_4_family_of_nine_and_its_seven_without_the_adult_children():
    nine = CASUS4_NINE
    assert rooms(*nine) == 6
    assert rooms(*nine[:2], *nine[4:]) == 4


def test_one_per_person_norm_keeps_couples_together_only():
    policy = Policy(bedroom_norm="one_per_person")
    couple_with_children = (("referent", 30, "m"), ("partner", 28, "f"), ("child", 3, "m"), ("child", 5, "m"))
    assert rooms(*couple_with_children, policy=policy) == 3
    assert rooms(*couple_with_children) == 2


def test_sharing_age_is_policy():
    assert rooms(("child", 12, "m"), ("child", 13, "f"), policy=Policy(child_shared_room_age=14)) == 1
    assert rooms(("child", 12, "m"), ("child", 13, "f")) == 2
