"""Re-plans (Q5): what the previous week's plan binds, so a re-plan moves no family needlessly.

A planner marks each assignment of the previous plan: `planned` (the default) may still change,
`announced` (the family was told) is kept as a pin, `moved_in` (the family lives there) is housed
there for good: the home leaves the stock and the referent's former home (a kamer, say) is free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from allocation.scenario import Dwelling, Household, Scenario

Status = Literal["planned", "announced", "moved_in"]
STATUSES: tuple[Status, ...] = ("planned", "announced", "moved_in")
KEPT: frozenset[str] = frozenset({"announced", "moved_in"})
"""Statuses a re-plan never changes."""


class PreviousHome(NamedTuple):
    """A household's (main) home in the previous plan and what the planner marked it."""

    household: str
    dwelling: str
    kind: str
    status: Status = "planned"


@dataclass(frozen=True)
class PreviousPlan:
    """The previous plan's homes, one per household (the main home of a split)."""

    homes: dict[str, PreviousHome] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[PreviousHome]) -> PreviousPlan:
        """One home per household: its first row (a split's main home comes first)."""
        homes: dict[str, PreviousHome] = {}
        for row in rows:
            homes.setdefault(row.household, row)
        return cls(homes)

    @classmethod
    def from_plan(cls, plan: object, status: Mapping[str, Status] | None = None) -> PreviousPlan:
        """From a Plan (the app's current plan); `status` marks households announced or moved in."""
        marks = status or {}
        return cls.of(
            PreviousHome(a.household, a.dwelling, a.kind, marks.get(a.household, "planned"))
            for a in plan.assignments  # type: ignore[attr-defined]
        )


class PreviousNote(NamedTuple):
    """Something of the previous plan that no longer holds; `code` picks the sentence."""

    code: Literal["household_gone", "dwelling_gone", "pin_differs"]
    household: str
    dwelling: str


@dataclass
class Applied:
    """The scenario with kept homes pinned and moved-in families housed, and the homes to keep."""

    scenario: Scenario
    planned: dict[str, str]
    """Household -> previous home, for the `changes` term (status planned)."""
    kept: dict[str, PreviousHome]
    """Households announced or moved in, held at their previous home."""
    notes: list[PreviousNote]


def apply_previous(scenario: Scenario, previous: PreviousPlan) -> Applied:
    """Pin announced and moved-in households to their home; a moved-in family's referent no longer
    lives in the old home, so it is free now, and the family is taken to be here now."""
    households = {h.id: h for h in scenario.households}
    dwellings = {d.id: d for d in scenario.dwellings}
    planned: dict[str, str] = {}
    kept: dict[str, PreviousHome] = {}
    notes: list[PreviousNote] = []
    for hid, home in previous.homes.items():
        household = households.get(hid)
        if household is None:
            notes.append(PreviousNote("household_gone", hid, home.dwelling))
            continue
        if home.dwelling not in dwellings:
            notes.append(PreviousNote("dwelling_gone", hid, home.dwelling))
            continue
        if home.kind == "join":
            continue  # the woningcheck keeps the family with its referent anyway
        if home.status not in KEPT:
            if not household.pinned_dwelling:
                planned[hid] = home.dwelling
            continue
        if household.pinned_dwelling and household.pinned_dwelling != home.dwelling:
            notes.append(PreviousNote("pin_differs", hid, home.dwelling))
            continue
        households[hid] = _kept_household(household, dwellings[home.dwelling], home.status)
        if home.status == "moved_in":
            dwellings[home.dwelling] = dwellings[home.dwelling].model_copy(update={"available_from": None})
        kept[hid] = home
    update = {
        "households": [households[h.id] for h in scenario.households],
        "dwellings": [dwellings[d.id] for d in scenario.dwellings],
    }
    return Applied(scenario.model_copy(update=update), planned, kept, notes)


def _kept_household(household: Household, home: Dwelling, status: Status) -> Household:
    """The household pinned to its home; moved in: here now and no longer in the old home."""
    update: dict[str, object] = {"pinned_dwelling": home.id}
    if household.pinned_municipality not in (None, home.municipality):
        update["pinned_municipality"] = None
    if status == "moved_in":
        update |= {"current_dwelling": None, "arrival": None, "tvs_step": None, "step_date": None}
    return household.model_copy(update=update)
