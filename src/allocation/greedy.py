"""The baseline to beat: first come, first served, own municipality first, as planners do by hand."""

from __future__ import annotations

from allocation import rules
from allocation.model.aggregate import housing_order
from allocation.plan import Assignment
from allocation.scenario import Dwelling, Household, Person, Scenario

Placement = list[tuple[Dwelling, list[Person], str]]


class FreeStock:
    """Free dwellings per municipality, grouped by what the fit rules tell apart, smallest first."""

    def __init__(self, scenario: Scenario, dwellings: list[Dwelling]):
        self.scenario = scenario
        self.cache = rules.fit_cache(scenario)
        self.timed = rules.timing_active(scenario.policy)
        self.by_muni: dict[str, dict[tuple, list[Dwelling]]] = {}
        for d in sorted(dwellings, key=lambda d: d.id):
            self.add(d)

    def key(self, d: Dwelling) -> tuple:
        """What the fit rules tell apart, and the availability bucket when planning with time."""
        policy = self.scenario.policy
        return (
            rules.dwelling_key(d, policy),
            rules.bucket(rules.available_date(d, policy), policy) if self.timed else None,
        )

    def in_time(self, h: Household, d: Dwelling) -> bool:
        """The wait and vacancy limits allow this household in this dwelling."""
        return rules.in_time(h, d, self.scenario.policy)

    def add(self, d: Dwelling) -> None:
        """A dwelling becomes free (at start, or vacated by a referent who moved)."""
        groups = self.by_muni.setdefault(d.municipality, {})
        key = self.key(d)
        groups.setdefault(key, []).append(d)
        groups[key].sort(key=lambda x: x.id)

    def remove(self, d: Dwelling) -> None:
        """A dwelling is given out; empty groups are dropped so scans stay short."""
        groups = self.by_muni[d.municipality]
        key = self.key(d)
        groups[key].remove(d)
        if not groups[key]:
            del groups[key]

    def tightest(
        self, group: list[Person], h: Household, municipality: str, skip: str = ""
    ) -> Dwelling | None:
        """The free home in this municipality with the fewest places that fits the group."""
        acc, policy = h.needs_accessible, self.scenario.policy
        gkey = rules.group_key(group, policy, needs_accessible=acc)
        arrival = rules.bucket(rules.likely_arrival(h, policy), policy) if self.timed else None
        best: Dwelling | None = None
        for (dkey, available), free in self.by_muni.get(municipality, {}).items():
            d = next((x for x in free[:2] if x.id != skip), None)
            if d is None or not self.cache.fits_key(
                group, gkey, d, needs_accessible=acc, dwelling_group=dkey
            ):
                continue
            if not rules.timing_allowed(rules.bucket_gap_days(arrival, available, policy), policy):
                continue
            if best is None or (d.max_occupants, d.bedrooms, d.id) < (
                best.max_occupants,
                best.bedrooms,
                best.id,
            ):
                best = d
        return best


def greedy_assignments(scenario: Scenario, only: set[str] | None = None) -> list[Assignment]:
    """Pinned and longest-waiting households first; each takes the tightest fitting free home.

    `only` limits the pass to some households (a component whose optimisation ran out of time).
    """
    assignments: list[Assignment] = []
    households = [
        h for h in scenario.households if (only is None or h.id in only) and not rules.is_refused(h)
    ]
    joined = [h for h in households if rules.joins_referent(h, scenario)]
    for h in joined:
        home = scenario.dwelling(h.current_dwelling or "")
        assignments.append(_assignment(h, home, scenario.members(h.id), "join"))
    taken = {
        h.current_dwelling
        for h in scenario.households
        if rules.joins_referent(h, scenario) and not rules.is_refused(h)
    }
    occupied = {h.current_dwelling for h in scenario.households if h.current_dwelling} - taken
    stock = FreeStock(scenario, [d for d in scenario.dwellings if d.id not in taken | occupied])
    joined_ids = {h.id for h in joined}
    queue = sorted(
        (h for h in households if h.id not in joined_ids),
        key=lambda h: (not (h.pinned_dwelling or h.pinned_municipality), housing_order(h)),
    )
    for h in queue:
        placed = _place(h, scenario, stock)
        if not placed:
            continue
        for dwelling, group, kind in placed:
            stock.remove(dwelling)
            assignments.append(_assignment(h, dwelling, group, kind))
        if h.current_dwelling in occupied:
            occupied.discard(h.current_dwelling)
            stock.add(scenario.dwelling(h.current_dwelling))
    return assignments


def _place(h: Household, scenario: Scenario, stock: FreeStock) -> Placement | None:
    """Whole family in the first municipality with a fitting home, else a casus 4 split there."""
    members = scenario.members(h.id)
    allowed = rules.allowed_municipalities(h, scenario)
    if h.pinned_dwelling:
        pin = scenario.dwelling(h.pinned_dwelling)
        free = stock.by_muni.get(pin.municipality, {}).get(stock.key(pin), [])
        if pin not in free or not stock.in_time(h, pin):
            return None
        if rules.group_fits(members, pin, scenario.policy, needs_accessible=h.needs_accessible):
            return [(pin, members, "move")]
        for main, second in rules.split_groups(h, scenario):
            if rules.group_fits(main, pin, scenario.policy, needs_accessible=h.needs_accessible):
                other = stock.tightest(second, h, pin.municipality, skip=pin.id)
                if other is not None:
                    return [(pin, main, "split"), (other, second, "split")]
        return None
    for m in allowed:
        home = stock.tightest(members, h, m)
        if home is not None:
            return [(home, members, "move")]
    for main, second in rules.split_groups(h, scenario):
        for m in allowed:
            first = stock.tightest(main, h, m)
            if first is None:
                continue
            other = stock.tightest(second, h, m, skip=first.id)
            if other is not None:
                return [(first, main, "split"), (other, second, "split")]
    return None


def _assignment(h: Household, d: Dwelling, group: list[Person], kind: str) -> Assignment:
    return Assignment(
        household=h.id,
        dwelling=d.id,
        municipality=d.municipality,
        kind=kind,
        persons=len(group),
        person_ids=[p.id for p in group],
    )
