"""First come, first served gives the plan of the plain method: look at every free home for every family.

`reference_plan` below is that method written straight from the rules (no kinds, no masks): each
household in the tie order takes, in the first municipality it may live in, the free home that fits
it in time with the fewest places, then the fewest bedrooms, then the lowest id; else a casus 4
split. The greedy must give exactly its plan: the same homes, in the same order.
"""

from __future__ import annotations

from datetime import date

import pytest

import allocation
from allocation import rules
from allocation.generate import generate_family
from allocation.rules.horizon import dated_policy
from allocation.scenario import Dwelling, Household, Person, Scenario
from builders import dwelling, family, household, municipality, scenario

Row = tuple[str, str, str, tuple[str, ...]]
"""One line of the plan: household, dwelling, kind (join, move, split), the persons."""


class PlainStock:
    """Every free home by id, and the day each vacated home is free (rules.vacated_available_date)."""

    def __init__(self, scenario: Scenario, blocked: set[str]):
        self.scenario = scenario
        self.free = {d.id: d for d in scenario.dwellings if d.id not in blocked}
        self.free_from: dict[str, date | None] = {}

    def available(self, d: Dwelling) -> date | None:
        if d.id in self.free_from:
            return self.free_from[d.id]
        return rules.available_date(d, self.scenario.policy)

    def in_time(self, h: Household, d: Dwelling) -> bool:
        return rules.in_time(h, d, self.scenario.policy, self.free_from.get(d.id))

    def tightest(
        self, group: list[Person], h: Household, municipality: str, skip: str = ""
    ) -> Dwelling | None:
        fitting = [
            d
            for d in self.free.values()
            if d.municipality == municipality
            and d.id != skip
            and rules.fits_home(group, h, d, self.scenario)
            and self.in_time(h, d)
        ]
        return min(fitting, key=lambda d: (d.max_occupants, d.bedrooms, d.id), default=None)


def reference_plan(scenario: Scenario) -> list[Row]:
    """The greedy's plan, worked out by looking at every free home each time."""
    households = [h for h in scenario.households if not rules.is_refused(h)]
    joining = [h for h in households if rules.joins_referent(h, scenario)]
    joined = {h.id for h in joining}
    rows: list[Row] = [
        (h.id, h.current_dwelling or "", "join", _ids(scenario.members(h.id))) for h in joining
    ]
    taken = {h.current_dwelling for h in joining}
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling} - taken
    stock = PlainStock(scenario, taken | occupied)
    queue = sorted(
        (h for h in households if h.id not in joined),
        key=lambda h: (not rules.is_pinned(h), rules.housing_order(h, scenario.policy)),
    )
    for h in queue:
        placed = _plain_place(h, scenario, stock)
        for d, group, kind in placed:
            if d.id != h.current_dwelling or d.id not in occupied:
                del stock.free[d.id]
            rows.append((h.id, d.id, kind, _ids(group)))
        if (
            placed
            and h.current_dwelling in occupied
            and h.current_dwelling not in {d.id for d, _, _ in placed}
        ):
            occupied.discard(h.current_dwelling)
            own = scenario.dwelling(h.current_dwelling)
            new_home = next(d for d, group, _ in placed if any(p.role == "referent" for p in group))
            stock.free_from[own.id] = rules.vacated_available_date(
                own, stock.available(new_home), scenario.policy
            )
            stock.free[own.id] = own
    return rows


def _plain_place(
    h: Household, scenario: Scenario, stock: PlainStock
) -> list[tuple[Dwelling, list[Person], str]]:
    """Pinned home, else the whole family, else a split at the referent's home, else any split."""
    members = scenario.members(h.id)
    allowed = rules.allowed_municipalities(h, scenario)
    splits = rules.split_groups(h, scenario)
    if h.pinned_dwelling:
        pin = scenario.dwelling(h.pinned_dwelling)
        if pin.municipality not in allowed or pin.id not in stock.free or not stock.in_time(h, pin):
            return []
        if rules.fits_home(members, h, pin, scenario):
            return [(pin, members, "move")]
        for main, second in splits:
            other = stock.tightest(second, h, pin.municipality, skip=pin.id)
            if rules.fits_home(main, h, pin, scenario) and other:
                return [(pin, main, "split"), (other, second, "split")]
        return []
    for m in allowed:
        if home := stock.tightest(members, h, m):
            return [(home, members, "move")]
    own = scenario.dwelling(h.current_dwelling) if h.current_dwelling else None
    if own and not rules.is_pinned(h) and own.municipality in allowed:
        for main, second in splits:
            other = stock.tightest(second, h, own.municipality, skip=own.id)
            if rules.fits_home(main, h, own, scenario) and other:
                return [(own, main, "split"), (other, second, "split")]
            first = stock.tightest(main, h, own.municipality, skip=own.id)
            if rules.fits_home(second, h, own, scenario) and first:
                return [(first, main, "split"), (own, second, "split")]
    for main, second in splits:
        for m in allowed:
            first = stock.tightest(main, h, m)
            other = stock.tightest(second, h, m, skip=first.id) if first else None
            if first and other:
                return [(first, main, "split"), (other, second, "split")]
    return []


def _ids(group: list[Person]) -> tuple[str, ...]:
    return tuple(p.id for p in group)


def greedy_rows(scenario: Scenario) -> list[Row]:
    """The greedy's plan as rows, verified."""
    plan = allocation.solve(scenario, solver="greedy")
    assert allocation.verify(scenario, plan) == []
    return [(a.household, a.dwelling, a.kind, tuple(a.person_ids)) for a in plan.assignments]


def assert_every_kind_of_placement(rows: list[Row]) -> None:
    """The comparison is about real choices: families join, move and are split."""
    assert {kind for _, _, kind, _ in rows} == {"join", "move", "split"}


TIME_LIMITS = {
    "planned with time (defaults)": {},
    "tight limits, weekly buckets": {
        "max_vacancy_days": 7,
        "max_reception_wait_days": 14,
        "time_bucket_days": 7,
    },
    "no waiting at all": {"max_reception_wait_days": 0, "time_bucket_days": 14},
}


@pytest.mark.parametrize("limits", TIME_LIMITS.values(), ids=TIME_LIMITS.keys())
@pytest.mark.parametrize(("family_name", "seed"), [("regional-dated", 3), ("national-dated", 4)])
def test_dated_instances_get_the_plain_methods_plan(family_name: str, seed: int, limits: dict) -> None:
    generated = generate_family(family_name, 160, seed)
    policy = generated.policy.model_copy(update=limits)
    dated = generated.model_copy(update={"policy": dated_policy(policy, date(2026, 1, 1))})
    assert rules.timing_active(dated.policy)
    rows = greedy_rows(dated)
    assert rows == reference_plan(dated)
    assert_every_kind_of_placement(rows)


@pytest.mark.parametrize(
    ("family_name", "seed", "policy_changes"),
    [
        ("pinned", 5, {}),
        ("large-families", 6, {}),
        ("large-families", 7, {"split_when": "no_fitting_home"}),
        ("scarce-stock", 8, {"regional_cooperation": False}),
    ],
)
def test_undated_instances_get_the_plain_methods_plan(
    family_name: str, seed: int, policy_changes: dict
) -> None:
    generated = generate_family(family_name, 160, seed)
    undated = generated.model_copy(update={"policy": generated.policy.model_copy(update=policy_changes)})
    rows = greedy_rows(undated)
    assert rows == reference_plan(undated)
    assert_every_kind_of_placement(rows)


def test_a_referents_vacated_kamer_is_the_tightest_home_once_it_is_free() -> None:
    """The referent's kamer is free once the family's new home is (26 January): a kind of home the
    stock did not have when the first single was housed. The next single, arriving today, may wait
    three weeks for it, and takes it over the larger flat free a week later."""
    today = date(2026, 1, 5)
    homes = [
        dwelling("W-SMALL", "GM1", bedrooms=1, max_occupants=1, kind="room"),
        dwelling("W-NEW", "GM1", bedrooms=2, max_occupants=4, available_from=date(2026, 1, 26)),
        dwelling("W-KAMER", "GM1", bedrooms=1, max_occupants=1, kind="room"),
        dwelling("W-FLAT", "GM1", bedrooms=1, max_occupants=2, available_from=date(2026, 2, 2)),
    ]
    households = [
        household("H0", "GM1", arrival=today),
        household("H1", "GM1", arrival=today, current_dwelling="W-KAMER"),
        household("H2", "GM1", arrival=today),
    ]
    persons = [
        *family("H0", ("referent", 30, "f")),
        *family("H1", ("referent", 40, "m"), ("partner", 38, "f"), ("child", 6, "f")),
        *family("H2", ("referent", 25, "m")),
    ]
    s = scenario(
        [municipality("GM1")], homes, households, persons, planning_date=today, max_reception_wait_days=28
    )
    rows = greedy_rows(s)
    assert [(h, d) for h, d, _, _ in rows] == [("H0", "W-SMALL"), ("H1", "W-NEW"), ("H2", "W-KAMER")]
    assert rows == reference_plan(s)
