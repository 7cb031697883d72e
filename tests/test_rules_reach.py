"""Where a household may be housed: own municipality, its region (Q6), the AMV's municipality (Q7)."""

from __future__ import annotations

import pytest

from allocation.rules import allowed_municipalities, home_municipality, is_away, reachable_municipalities
from allocation.scenario import Scenario
from builders import dwelling, family, household, municipality, scenario

HOUSEHOLDS = [
    household("IN_REGION", "GM2"),
    household("NO_REGION", "GM4"),
    household("AMV", "GM4", amv_municipality="GM3"),
    household("AMV_IN_REGION", "GM1", amv_municipality="GM3"),
    household("PINNED_NEAR", "GM2", pinned_municipality="GM1"),
    household("PINNED_FAR", "GM2", pinned_municipality="GM4"),
    household("PINNED_HOME", "GM2", pinned_dwelling="D_GM1"),
]


def region(**policy) -> Scenario:
    """Aastad and Beedorp cooperate (R1), Ceeveen is in R2 alone, Deedam and Eelo in no region."""
    return scenario(
        [
            municipality("GM1", "Aastad", region="R1"),
            municipality("GM2", "Beedorp", region="R1"),
            municipality("GM3", "Ceeveen", region="R2"),
            municipality("GM4", "Deedam"),
            municipality("GM5", "Eelo"),
        ],
        [dwelling("D_GM1", "GM1")],
        HOUSEHOLDS,
        [p for h in HOUSEHOLDS for p in family(h.id, ("referent", 30))],
        **policy,
    )


def reach(household_id: str, **policy) -> list[str]:
    s = region(**policy)
    return list(reachable_municipalities(s.household(household_id), s))


def test_own_municipality_first_then_the_region():
    assert reach("IN_REGION") == ["GM2", "GM1"]


def test_without_a_region_only_the_own_municipality():
    assert reach("NO_REGION") == ["GM4"]


def test_without_cooperation_only_the_own_municipality():
    assert reach("IN_REGION", regional_cooperation=False) == ["GM2"]


def test_amv_family_may_go_where_the_minor_lives_and_that_comes_first():
    assert reach("AMV") == ["GM3", "GM4"]
    assert reach("AMV_IN_REGION") == ["GM3", "GM1", "GM2"]


def test_amv_municipality_only_when_policy_allows():
    assert reach("AMV", amv_municipality_allowed=False) == ["GM4"]


@pytest.mark.parametrize(
    ("household_id", "policy", "home"),
    [
        ("IN_REGION", {}, "GM2"),
        ("AMV", {}, "GM3"),
        ("AMV", {"amv_municipality_allowed": False}, "GM4"),
    ],
)
def test_home_is_the_amv_municipality_when_given(household_id, policy, home):
    s = region(**policy)
    assert home_municipality(s.household(household_id), s) == home


def test_away_is_anywhere_but_home():
    s = region()
    assert not is_away(s.household("IN_REGION"), "GM2", s)
    assert is_away(s.household("IN_REGION"), "GM1", s)
    assert not is_away(s.household("AMV"), "GM3", s)
    assert is_away(s.household("AMV"), "GM4", s)  # the linked municipality is away for an AMV family


@pytest.mark.parametrize(
    ("household_id", "allowed"),
    [
        ("IN_REGION", ("GM2", "GM1")),  # no pin: all it may reach
        ("PINNED_NEAR", ("GM1",)),  # the planner's pin within reach
        ("PINNED_FAR", ()),  # a pin out of reach leaves nothing
        ("PINNED_HOME", ("GM1",)),  # a pinned dwelling pins its municipality
    ],
)
def test_a_pin_narrows_the_reach(household_id, allowed):
    s = region()
    assert allowed_municipalities(s.household(household_id), s) == allowed


def test_the_reach_is_shared_and_families_apart_keep_theirs():
    """The reach is worked out once per home and linked municipality and shared, so it cannot be
    changed by one caller under the next household; an AMV's family keeps the AMV's reach."""
    s = region()
    first = reachable_municipalities(s.household("IN_REGION"), s)
    with pytest.raises(AttributeError):
        first.append("GM5")  # type: ignore[attr-defined]
    assert reachable_municipalities(s.household("IN_REGION"), s) == ("GM2", "GM1")
    assert reachable_municipalities(s.household("PINNED_NEAR"), s) == ("GM2", "GM1")
    assert reachable_municipalities(s.household("AMV_IN_REGION"), s) == ("GM3", "GM1", "GM2")
    assert reachable_municipalities(s.household("NO_REGION"), s) == ("GM4",)
    assert reachable_municipalities(s.household("AMV"), s) == ("GM3", "GM4")
