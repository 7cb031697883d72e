"""The verifier's dates, read once per household and home, equal a plain reading of every pairing.

The timing and reason checks look up arrival and free days in a per-check memo (timing.Timeline);
these tests recompute each pairing from the rules' own words and compare, so a memo keyed wrongly or
a shortcut in the in-time filter shows as a household whose verdict changes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from allocation.plan import Assignment
from allocation.scenario import Dwelling, Household, Scenario
from allocation.verify.index import PlanIndex
from allocation.verify.norms import misfits, needs_step_free
from allocation.verify.reasons import check_reasons
from allocation.verify.timing import START, Timeline, arrival_day, within_limits
from builders import (
    assignment,
    dwelling,
    family,
    household,
    municipality,
    plan,
    quota_lines,
    scenario,
    unassigned,
)

PLANNING = date(2026, 1, 1)
STEPS = [None, "aanvraag_ingediend", "toegekend", "mvv_afgegeven", "in_opvang"]


def dated_town(seed: int) -> Scenario:
    """One municipality, homes free on scattered days, families arriving on scattered days; a few
    referents already live in a home and move out to another in the plan."""
    rng = random.Random(seed)
    homes = [
        dwelling(
            f"D{i}",
            "GM1",
            bedrooms=rng.randint(1, 3),
            max_occupants=rng.randint(1, 5),
            available_from=rng.choice([None, PLANNING + timedelta(days=rng.randint(-40, 300))]),
        )
        for i in range(30)
    ]
    households, persons = [], []
    for i in range(30):
        step = rng.choice(STEPS)
        households.append(
            household(
                f"H{i}",
                "GM1",
                current_dwelling=f"D{i}" if i < 4 else None,
                arrival=rng.choice([None, PLANNING + timedelta(days=rng.randint(0, 300))]),
                tvs_step=step,
                step_date=PLANNING - timedelta(days=rng.randint(0, 200)) if step else None,
            )
        )
        persons += family(f"H{i}", ("referent", 35), *[("partner", 33)] * rng.randint(0, 1))
    return scenario(
        [municipality("GM1")],
        homes,
        households,
        persons,
        planning_date=PLANNING,
        max_reception_wait_days=rng.choice([14, 60]),
        max_vacancy_days=rng.choice([7, 30, None]),
        time_bucket_days=rng.choice([1, 7]),
    )


def moves(s: Scenario) -> list[Assignment]:
    """The four referents who live in a home move to a home of the back of the file."""
    return [assignment(s, f"H{i}", f"D{29 - i}") for i in range(4)]


def plain_free_day(d: Dwelling, s: Scenario, rows: list[Assignment]) -> date | None:
    """The home's own day, not before the planning date; vacated: not before the referent's new home."""
    own = max(d.available_from or PLANNING, PLANNING)
    occupant = next((h for h in s.households if h.current_dwelling == d.id), None)
    new_home = next((a.dwelling for a in rows if occupant and a.household == occupant.id), None)
    if new_home is None:
        return own
    return max(own, plain_free_day(s.dwelling(new_home), s, []))


def plain_gap(h: Household, d: Dwelling, s: Scenario, rows: list[Assignment]) -> int:
    """Days between arrival and availability, both rounded down to their time bucket."""
    size = s.policy.time_bucket_days
    arrival = arrival_day(h, s.policy)
    assert arrival is not None  # a planning date is set
    free = plain_free_day(d, s, rows)
    assert free is not None
    return ((free - START).days // size - (arrival - START).days // size) * size


@pytest.mark.parametrize("seed", range(5))
def test_every_pairing_has_the_gap_a_plain_reading_gives(seed):
    s = dated_town(seed)
    rows = moves(s)
    ix = PlanIndex.build(s, plan(rows))
    timeline = Timeline(ix, s.policy)
    for h in s.households:
        in_time = timeline.in_time_for(h)
        for d in s.dwellings:
            gap = plain_gap(h, d, s, rows)
            assert timeline.gap_days(h, d) == gap, (h.id, d.id)
            assert in_time(d) == within_limits(gap, s.policy), (h.id, d.id)


def test_a_home_vacated_later_is_free_only_when_the_new_home_is():
    s = dated_town(0)
    rows = moves(s)
    timeline = Timeline(PlanIndex.build(s, plan(rows)), s.policy)
    for i in range(4):
        vacated, new_home = s.dwelling(f"D{i}"), s.dwelling(f"D{29 - i}")
        assert timeline.available(vacated) == plain_free_day(vacated, s, rows)
        assert timeline.available(vacated) >= timeline.available(new_home)


@pytest.mark.parametrize("seed", range(5))
def test_dwellings_taken_is_untrue_exactly_when_a_free_fitting_home_is_in_time(seed):
    """Couples and singles (no split possible): a left-out family that claims its homes are taken is
    contradicted exactly by a home that fits, is given to no one, is vacant and is in time for it."""
    s = dated_town(seed)
    rng = random.Random(seed)
    rows = moves(s)
    housed = {a.household for a in rows}
    given = {a.dwelling for a in rows}
    for h in s.households[4:]:
        if rng.random() < 0.3:
            home = next((d for d in s.dwellings if d.id not in given and d.id >= "D4"), None)
            if home is not None and not misfits(s.members(h.id), home, s.policy, False):
                rows.append(assignment(s, h.id, home.id))
                housed.add(h.id)
                given.add(home.id)
    left_out = [h for h in s.households if h.id not in housed]
    p = plan(rows, [unassigned(s, h.id, "DWELLINGS_TAKEN") for h in left_out], quota_lines(s, {}))
    occupied = {h.current_dwelling for h in s.households if h.current_dwelling and h.id not in housed}
    expected = set()
    for h in left_out:
        members = s.members(h.id)
        step_free = needs_step_free(members, h)
        fitting = [d for d in s.dwellings if not misfits(members, d, s.policy, step_free)]
        if not fitting:
            expected.add(h.id)  # nothing fits at all: the claim is untrue the other way
            continue
        free = [d for d in fitting if d.id not in given and d.id not in occupied]
        if any(within_limits(plain_gap(h, d, s, rows), s.policy) for d in free):
            expected.add(h.id)
    ix = PlanIndex.build(s, p)
    assert {v.household for v in check_reasons(s, p, ix)} == expected
    assert expected and set(h.id for h in left_out) - expected  # both verdicts occur
