"""Woningcheck (Q5): the family joins the referent when the referent's home fits them all."""

from __future__ import annotations

import pytest

from allocation.rules import joins_referent
from allocation.scenario import Scenario
from builders import dwelling, family, household, municipality, scenario

FAMILY = (("referent", 31, "m"), ("partner", 29, "f"), ("child", 6, "f"), ("child", 3, "m"))


def town(current_dwelling: str | None, needs_accessible: bool = False, **policy) -> Scenario:
    """One household of four whose referent lives in `current_dwelling` (None: still in the AZC)."""
    return scenario(
        [municipality("GM1", "Aastad")],
        [
            dwelling("FLAT", "GM1", bedrooms=2, max_occupants=4, rent=700),
            dwelling("ROOM", "GM1", bedrooms=1, max_occupants=1, rent=420, kind="room"),
        ],
        [household("H", "GM1", current_dwelling=current_dwelling, needs_accessible=needs_accessible)],
        family("H", *FAMILY),
        **policy,
    )


def joins(s: Scenario) -> bool:
    return joins_referent(s.household("H"), s)


def test_family_joins_the_referent_whose_flat_fits_them_all():
    assert joins(town("FLAT"))


def test_referent_in_a_room_cannot_take_the_family_in():
    assert not joins(town("ROOM"))


def test_referent_still_in_reception_has_no_home_to_join():
    assert not joins(town(None))


def test_home_with_steps_does_not_fit_a_family_that_needs_step_free():
    assert not joins(town("FLAT", needs_accessible=True))


@pytest.mark.parametrize(("woningcheck", "expected"), [(True, True), (False, False)])
def test_woningcheck_is_policy(woningcheck, expected):
    assert joins(town("FLAT", woningcheck=woningcheck)) is expected
