"""The rules and the verifier are two readings of the same seed; on any group they must agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.policy import Policy
from allocation.rules import group_fits, needed_bedrooms
from allocation.scenario import Dwelling, Person
from allocation.verify.norms import bedrooms_needed, misfits

ROLES = ["referent", "partner", "child", "parent", "sibling", "other"]

persons = st.lists(
    st.builds(
        lambda i, role, age, sex: Person(id=f"P{i}", household="H", role=role, age=age, sex=sex),
        st.integers(0, 10**6),
        st.sampled_from(ROLES),
        st.integers(0, 90),
        st.sampled_from(["m", "f", "x", None]),
    ),
    min_size=1,
    max_size=10,
)
dwellings = st.builds(
    lambda bedrooms, occupants, rent, accessible, kind: Dwelling(
        id="D",
        municipality="GM1",
        bedrooms=bedrooms,
        max_occupants=occupants,
        rent=rent,
        accessible=accessible,
        kind=kind,
    ),
    st.integers(0, 7),
    st.integers(1, 10),
    st.one_of(st.none(), st.sampled_from([400.0, 713.02, 713.03, 740.0, 764.14, 764.15, 900.0])),
    st.booleans(),
    st.sampled_from(["independent", "room"]),
)
policies = st.builds(
    lambda norm, shared_age, large_from: Policy(
        bedroom_norm=norm, child_shared_room_age=shared_age, rent_large_from_persons=large_from
    ),
    st.sampled_from(["eurostat", "one_per_person"]),
    st.sampled_from([10, 12, 14]),
    st.sampled_from([2, 3, 4]),
)


@settings(max_examples=300, deadline=None)
@given(persons, policies)
def test_needed_bedrooms_agree(group, policy):
    assert needed_bedrooms(group, policy) == bedrooms_needed(group, policy)


@settings(max_examples=300, deadline=None)
@given(persons, dwellings, policies, st.booleans())
def test_fit_agrees(group, dwelling, policy, needs_accessible):
    fits = group_fits(group, dwelling, policy, needs_accessible=needs_accessible)
    assert fits == (misfits(group, dwelling, policy, needs_accessible) == [])
