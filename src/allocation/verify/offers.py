"""What a household could be given: one home for all, or a split over two (casus 4), as v2 reads it.

Shared by the split and reason checks. The referent's own home is special: the family may join
there wherever it lies and without a rent check (Q5, v2), and either part of a split may live there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, islice
from typing import NamedTuple

from allocation.scenario import Dwelling, Household, Person
from allocation.verify.index import Need, PlanIndex, Stock, need_of
from allocation.verify.norms import misfits, needs_step_free


class SplitOffer(NamedTuple):
    """Two distinct homes: `main` for the referent's group, `second` for the adult children apart."""

    main: Dwelling
    second: Dwelling


def own_home(household: Household, ix: PlanIndex) -> Dwelling | None:
    """The referent's current dwelling, when the scenario knows it."""
    return ix.dwellings.get(household.current_dwelling or "")


def fits_own_home(group: list[Person], household: Household, ix: PlanIndex) -> bool:
    """The group fits the referent's own home; no rent check, there is no new allocation (Q5, v2)."""
    home = own_home(household, ix)
    if home is None:
        return False
    return not misfits(group, home, ix.policy, needs_step_free(group, household), rent_checked=False)


def splittable(household: Household, ix: PlanIndex) -> list[Person]:
    """Members who may live at the second address: 18+ (policy) with role child or sibling (casus 4)."""
    policy = ix.policy
    return [
        p
        for p in ix.members.get(household.id, [])
        if p.role != "referent" and p.role in policy.split_roles and p.age >= policy.split_min_age
    ]


def split_groups(household: Household, ix: PlanIndex) -> Iterator[tuple[list[Person], list[Person]]]:
    """Every (group with the referent, group apart) a split may form; minors stay with the referent."""
    members = ix.members.get(household.id, [])
    apart = splittable(household, ix)
    for size in range(1, len(apart) + 1):
        for second in combinations(apart, size):
            ids = {p.id for p in second}
            yield [p for p in members if p.id not in ids], list(second)


def whole_fit_in_reach(household: Household, ix: PlanIndex) -> Dwelling | None:
    """A dwelling the household may reach that fits it whole, occupied or not, pins aside (v1 split test)."""
    members = ix.members.get(household.id, [])
    if fits_own_home(members, household, ix):
        return own_home(household, ix)
    assert ix.stock is not None
    return ix.stock.first(ix.reach(household), members, needs_step_free(members, household))


def split_permitted(household: Household, ix: PlanIndex) -> bool:
    """The policy allows this household a split at all: `split_when` (v2 default: whenever the plan
    gives no single home; `no_fitting_home`: only when nothing reachable fits everyone)."""
    policy = ix.policy
    if not policy.split_allowed or not splittable(household, ix):
        return False
    return policy.split_when != "no_fitting_home" or whole_fit_in_reach(household, ix) is None


class SplitGroup(NamedTuple):
    """One way to split a household: the referent's group and the group apart, with their needs."""

    main: list[Person]
    main_need: Need
    second: list[Person]
    second_need: Need


@dataclass
class Shapes:
    """Each household's need whole and its allowed split groups, worked out once for every search."""

    ix: PlanIndex
    _whole: dict[str, Need] = field(default_factory=dict)
    _splits: dict[str, list[SplitGroup]] = field(default_factory=dict)

    def whole(self, household: Household) -> Need:
        """What the fit rules can tell apart in the whole household."""
        if household.id not in self._whole:
            members = self.ix.members.get(household.id, [])
            self._whole[household.id] = self._need(members, household)
        return self._whole[household.id]

    def splits(self, household: Household) -> list[SplitGroup]:
        """Every split the rules allow this household (casus 4), none when it may not split."""
        if household.id not in self._splits:
            self._splits[household.id] = (
                [
                    SplitGroup(main, self._need(main, household), second, self._need(second, household))
                    for main, second in split_groups(household, self.ix)
                ]
                if split_permitted(household, self.ix)
                else []
            )
        return self._splits[household.id]

    def _need(self, group: list[Person], household: Household) -> Need:
        """The need of one group of the household, its step-free need included."""
        return need_of(group, needs_step_free(group, household), self.ix.policy)


@dataclass
class Search:
    """Looks for an offer within a stock; `accept` filters new homes, `own_usable` the own home.

    `accept` gives a household's filter once per search, so what it needs of the household (its
    arrival) is read once, not once per home it looks at.
    """

    ix: PlanIndex
    stock: Stock
    shapes: Shapes
    """What the search needs to know of each household; the searches of one check share it."""
    accept: Callable[[Household], Callable[[Dwelling], bool]] | None = None
    own_usable: Callable[[Household], bool] | None = None
    accept_key: Callable[[Household], Hashable] | None = None
    """What `accept` reads of a household (its arrival week): households that agree on it, on their
    reach and on what they need of a home, and that have no home of their own, find the same first
    new home."""
    _filters: dict[str, Callable[[Dwelling], bool]] = field(default_factory=dict, repr=False)
    """Each household's filter for new homes, made once per search."""
    _first_new: dict[tuple, Dwelling | None] = field(default_factory=dict, repr=False)
    """The first new home per (reach, need, accept_key), for households without a home of their own."""

    def codes(self, household: Household) -> frozenset[str]:
        """Municipalities the household may get a new home in: its reach, narrowed by a pin."""
        ix = self.ix
        codes = ix.reach(household)
        pin = household.pinned_municipality
        if household.pinned_dwelling:
            pinned = ix.dwellings.get(household.pinned_dwelling)
            pin = pinned.municipality if pinned else None
            if pin is None:
                return frozenset()
        return codes & {pin} if pin else codes

    def _own(self, household: Household) -> Dwelling | None:
        """The referent's own home when this search may use it (a join or a split part there)."""
        home = own_home(household, self.ix)
        if home is None or (self.own_usable is not None and not self.own_usable(household)):
            return None
        return home

    def _new_ok(self, household: Household) -> Callable[[Dwelling], bool]:
        """Filter for new homes: not the own home (searched apart, without a rent check), accepted."""
        if household.id not in self._filters:
            self._filters[household.id] = self._new_filter(household)
        return self._filters[household.id]

    def _new_filter(self, household: Household) -> Callable[[Dwelling], bool]:
        """The household's filter for new homes, made from its own home and `accept`."""
        own = household.current_dwelling
        if self.accept is None:
            return lambda d: d.id != own
        accept = self.accept(household)
        return lambda d: d.id != own and accept(d)

    def candidates(
        self,
        household: Household,
        group: list[Person],
        code: str,
        *,
        with_referent: bool,
        limit: int,
        need: Need | None = None,
    ) -> list[Dwelling]:
        """Up to `limit` homes in one municipality that fit this group of the household, in file order."""
        ix = self.ix
        found: list[Dwelling] = []
        home = self._own(household)
        if home is not None and home.municipality == code and fits_own_home(group, household, ix):
            found.append(home)
        pinned = household.pinned_dwelling
        if with_referent and pinned:
            return [d for d in found if d.id == pinned] or self._pinned(household, group, code)
        need = need or self.stock.need(group, needs_step_free(group, household))
        new = self.stock.accepted(code, group, need.step_free, self._new_ok(household), need)
        if not found:  # the new homes come in file order already
            return list(islice(new, limit))
        found += islice(new, limit)
        return sorted(found, key=lambda d: ix.order[d.id])[:limit]

    def _pinned(self, household: Household, group: list[Person], code: str) -> list[Dwelling]:
        """The pinned dwelling, when it is a new home in this municipality that fits and is accepted."""
        pin = self.ix.dwellings.get(household.pinned_dwelling or "")
        if pin is None or pin.municipality != code or pin.id == household.current_dwelling:
            return []
        if pin.id not in self.stock.ids:
            return []
        if misfits(group, pin, self.ix.policy, needs_step_free(group, household)):
            return []
        return [pin] if self.accept is None or self.accept(household)(pin) else []

    def whole(self, household: Household) -> Dwelling | None:
        """First home that fits the whole household: its own (a join, Q5), its pin, else its reach."""
        ix = self.ix
        members = ix.members.get(household.id, [])
        home = self._own(household)
        pin = household.pinned_dwelling
        if home is not None and (not pin or pin == home.id) and fits_own_home(members, household, ix):
            pinned_code = household.pinned_municipality
            if not pinned_code or pinned_code == home.municipality:
                return home
        need = self.shapes.whole(household)
        if not pin:  # the first fitting new home of the whole reach, in file order
            codes = self.codes(household)
            key = None
            if household.current_dwelling is None and (self.accept is None or self.accept_key is not None):
                key = (codes, need, self.accept_key(household) if self.accept_key else None)
                if key in self._first_new:
                    return self._first_new[key]
            reach = self.stock.fitting_in(codes, members, need.step_free, need)
            found = next(filter(self._new_ok(household), reach), None)
            if key is not None:
                self._first_new[key] = found
            return found
        picks = [
            c[0]
            for code in self.codes(household)
            if (c := self.candidates(household, members, code, with_referent=True, limit=1, need=need))
        ]
        return min(picks, key=lambda d: ix.order[d.id], default=None)

    def split(self, household: Household) -> SplitOffer | None:
        """Two distinct homes in one municipality for a split the rules allow (casus 4), or None."""
        groups = self.shapes.splits(household)
        if not groups:
            return None
        for code in sorted(self.codes(household)):
            for main, main_need, second, second_need in groups:
                mains = self.candidates(household, main, code, with_referent=True, limit=2, need=main_need)
                if not mains:
                    continue
                seconds = self.candidates(
                    household, second, code, with_referent=False, limit=2, need=second_need
                )
                pair = next((SplitOffer(a, b) for a in mains for b in seconds if a.id != b.id), None)
                if pair is not None:
                    return pair
        return None
