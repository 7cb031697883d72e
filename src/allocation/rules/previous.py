"""Re-plans (Q5): what the previous week's plan binds, so a re-plan moves no family needlessly.

A planner marks each assignment of the previous plan: `planned` (the default) may still change,
`announced` (the family was told) is kept as a pin, `moved_in` (the family lives there) is housed
there for good: the home leaves the stock and the referent's former home (a kamer, say) is free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from allocation.plan import Mark, Plan
from allocation.scenario import Dwelling, Household, Scenario

KEPT: frozenset[str] = frozenset({"announced", "moved_in"})
"""Statuses a re-plan never changes."""


class PreviousHome(NamedTuple):
    """One row of the previous plan: a household (or a split's group) at a home, and its status."""

    household: str
    dwelling: str
    kind: str
    status: Mark = "planned"
    person_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreviousPlan:
    """The previous plan's rows per household (two for a split)."""

    rows: dict[str, tuple[PreviousHome, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[PreviousHome]) -> PreviousPlan:
        """The rows grouped by household, in plan order."""
        grouped: dict[str, list[PreviousHome]] = {}
        for row in rows:
            grouped.setdefault(row.household, []).append(row)
        return cls({h: tuple(r) for h, r in grouped.items()})

    @classmethod
    def from_plan(cls, plan: Plan, status: Mapping[str, Mark] | None = None) -> PreviousPlan:
        """From a Plan (the app's current plan): households marked announced or moved in by `status`,
        else by the plan's own marks."""
        marks = plan.statuses if status is None else status
        return cls.of(
            PreviousHome(
                a.household, a.dwelling, a.kind, marks.get(a.household, "planned"), tuple(a.person_ids)
            )
            for a in plan.assignments
        )

    @property
    def homes(self) -> dict[str, PreviousHome]:
        """Each household's first row; `mains` knows a split's main home."""
        return {h: rows[0] for h, rows in self.rows.items()}

    def mains(self, scenario: Scenario) -> dict[str, PreviousHome]:
        """Each household's main home: the row with its referent (casus 4: the referent stays with
        the minors), else its first row; the status of any row marks the household."""
        out: dict[str, PreviousHome] = {}
        for hid, rows in self.rows.items():
            referent = main_person(scenario, hid)
            row = next((r for r in rows if referent in r.person_ids), rows[0])
            status = next((r.status for r in rows if r.status != "planned"), row.status)
            out[hid] = row._replace(status=status)
        return out

    def seconds(self, mains: Mapping[str, str]) -> dict[str, str]:
        """A split's second home in the previous plan, for households whose main home is given."""
        out: dict[str, str] = {}
        for hid, home in mains.items():
            rows = self.rows.get(hid, ())
            if len(rows) == 2:
                out[hid] = next(r.dwelling for r in rows if r.dwelling != home)
        return out


def main_person(scenario: Scenario, household_id: str) -> str | None:
    """The referent's id, when the household is in the scenario."""
    return next((p.id for p in scenario.members(household_id) if p.role == "referent"), None)


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
    for hid, home in previous.mains(scenario).items():
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


def _kept_household(household: Household, home: Dwelling, status: Mark) -> Household:
    """The household pinned to its home; moved in: here now and no longer in the old home."""
    update: dict[str, object] = {"pinned_dwelling": home.id}
    if household.pinned_municipality not in (None, home.municipality):
        update["pinned_municipality"] = None
    if status == "moved_in":
        update |= {"current_dwelling": None, "arrival": None, "tvs_step": None, "step_date": None}
    return household.model_copy(update=update)
