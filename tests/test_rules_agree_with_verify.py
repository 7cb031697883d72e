"""The rules and the verifier are two readings of the same contract (v2); on any input they must agree.

Only the rules' stable entry points are called: group_fits, needed_bedrooms, counts_for_quota and
reachable_municipalities; arrival dates are compared with the forecast's arrival_window. Split
eligibility is covered where it is a fit question: a group apart from the referent (18-20-year-olds
under the youth rent limit, step-free only for its own persons).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from allocation.forecast import arrival_window
from allocation.plan import Plan
from allocation.policy import Policy
from allocation.rules import counts_for_quota, group_fits, needed_bedrooms, reachable_municipalities
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.norms import bedrooms_needed, misfits, needs_step_free, reach
from allocation.verify.quota import counted_before
from allocation.verify.timing import arrival_day

ROLES = ["referent", "partner", "child", "parent", "sibling", "other"]
AGES = st.one_of(st.integers(0, 90), st.sampled_from([11, 12, 17, 18, 19, 20, 21]))

persons = st.lists(
    st.builds(
        lambda i, role, age, sex, step_free: Person(
            id=f"P{i}", household="H", role=role, age=age, sex=sex, needs_accessible=step_free
        ),
        st.integers(0, 10**6),
        st.sampled_from(ROLES),
        AGES,
        st.sampled_from(["m", "f", "x", None]),
        st.booleans(),
    ),
    min_size=1,
    max_size=10,
)
young_adults = st.lists(
    st.builds(
        lambda i, role, age, step_free: Person(
            id=f"Y{i}", household="H", role=role, age=age, needs_accessible=step_free
        ),
        st.integers(0, 10**6),
        st.sampled_from(["child", "sibling"]),
        st.sampled_from([18, 19, 20, 21, 25]),
        st.booleans(),
    ),
    min_size=1,
    max_size=3,
)
RENTS = [400.0, 498.2, 498.21, 650.0, 713.02, 713.03, 740.0, 764.14, 764.15, 900.0]
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
    st.one_of(st.none(), st.sampled_from(RENTS)),
    st.booleans(),
    st.sampled_from(["independent", "room"]),
)
policies = st.builds(
    lambda norm, shared_age, large_from, young_applies, young_max: Policy(
        bedroom_norm=norm,
        child_shared_room_age=shared_age,
        rent_large_from_persons=large_from,
        rent_limit_young_applies=young_applies,
        young_max_age=young_max,
    ),
    st.sampled_from(["eurostat", "one_per_person", "two_per_room"]),
    st.sampled_from([10, 12, 14]),
    st.sampled_from([2, 3, 4]),
    st.booleans(),
    st.sampled_from([20, 21]),
)


def _household(needs_accessible: bool, current: str | None = None) -> Household:
    return Household(id="H", municipality="GM1", needs_accessible=needs_accessible, current_dwelling=current)


@settings(max_examples=300, deadline=None)
@given(persons, policies)
def test_needed_bedrooms_agree(group, policy):
    assert needed_bedrooms(group, policy) == bedrooms_needed(group, policy)


@settings(max_examples=400, deadline=None)
@given(persons, dwellings, policies, st.booleans())
def test_fit_agrees(group, dwelling, policy, household_step_free):
    need = needs_step_free(group, _household(household_step_free))
    fits = group_fits(group, dwelling, policy, needs_accessible=need)
    assert fits == (misfits(group, dwelling, policy, need) == [])


@settings(max_examples=300, deadline=None)
@given(young_adults, dwellings, policies, st.booleans())
def test_fit_of_a_group_apart_agrees(group, dwelling, policy, household_step_free):
    """Split-off adult children: the youth rent limit, and step-free only when one of them needs it."""
    need = needs_step_free(group, _household(household_step_free))
    assert need == any(p.needs_accessible for p in group)  # no referent here
    fits = group_fits(group, dwelling, policy, needs_accessible=need)
    assert fits == (misfits(group, dwelling, policy, need) == [])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ROLES),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, "D1"]),
)
def test_quota_counting_agrees(role, arriving, counted, current):
    person = Person(id="P", household="H", role=role, age=30, arriving=arriving, counted_before=counted)
    household = _household(False, current)
    assert counts_for_quota(person, household) == (not counted_before(person, household))


regions = st.lists(st.sampled_from([None, "R1", "R2"]), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(regions, st.integers(0, 4), st.one_of(st.none(), st.integers(0, 4)), st.booleans(), st.booleans())
def test_reach_agrees(region_of, own, amv, cooperation, amv_allowed):
    codes = [f"GM{i}" for i in range(len(region_of))]
    municipalities = [
        Municipality(code=c, name=c, region=r, quota=0) for c, r in zip(codes, region_of, strict=True)
    ]
    household = Household(
        id="H",
        municipality=codes[own % len(codes)],
        amv_municipality=None if amv is None else codes[amv % len(codes)],
    )
    policy = Policy(regional_cooperation=cooperation, amv_municipality_allowed=amv_allowed)
    s = Scenario(municipalities=municipalities, households=[household], policy=policy)
    rules_reach = set(reachable_municipalities(household, s))
    assert rules_reach == reach(household, s)
    assert rules_reach == set(PlanIndex.build(s, Plan()).reach(household))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(
        [None, "aanvraag_ingediend", "toegekend", "mvv_afgegeven", "bij_referent", "in_opvang", "afgewezen"]
    ),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    st.one_of(st.none(), st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))),
    st.one_of(st.none(), st.just(date(2026, 1, 1))),
    st.sampled_from([0.0, 0.3, 0.5, 1.0]),
    st.integers(0, 8),
)
def test_arrival_dates_agree_with_the_forecast(step, step_date, arrival, planning, share, months):
    """The verifier's own reading of Q3's terms gives the forecast's likely arrival day."""
    household = Household(
        id="H", municipality="GM1", tvs_step=step, step_date=step_date if step else None, arrival=arrival
    )
    policy = Policy(planning_date=planning, likely_term_share=share, ind_decision_months=months)
    window = arrival_window(household, policy)
    assert arrival_day(household, policy) == (window.likely if window else planning)
