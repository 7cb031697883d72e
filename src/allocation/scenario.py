"""The planner's input as typed data: municipalities, dwellings, households, persons, policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from allocation.policy import Policy, Role

Sex = Literal["m", "f", "x"]
DwellingKind = Literal["independent", "room"]
TvsStep = Literal[
    "aanvraag_ingediend", "toegekend", "afgewezen", "mvv_afgegeven", "bij_referent", "in_opvang"
]
"""Process steps of a family reunification as the TVS (Taakstellingsvolgsysteem) shows them (Q1)."""
T = TypeVar("T")
TableName = Literal["municipalities", "dwellings", "households", "persons"]
SourceRows = dict[str, dict[str, int]]
"""Table -> id -> the 1-based data row it was read from (as validation numbers rows); a table left
out had no blank rows, so its rows are the positions."""


class Municipality(BaseModel):
    """A gemeente with its taakstelling for the period."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    region: str | None = None
    quota: int = Field(ge=0)
    housed: int = Field(0, ge=0)


class Dwelling(BaseModel):
    """A home (or a room, kamerbewoning) offered for the period."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    municipality: str
    bedrooms: int = Field(ge=0)
    max_occupants: int = Field(ge=1)
    rent: float | None = Field(None, ge=0)
    accessible: bool = False
    kind: DwellingKind = "independent"
    available_from: date | None = None


class Household(BaseModel):
    """A referent and the family members reuniting with them (nareizigers)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    municipality: str
    current_dwelling: str | None = None
    arrival: date | None = None
    needs_accessible: bool = False
    amv_municipality: str | None = None
    pinned_dwelling: str | None = None
    pinned_municipality: str | None = None
    tvs_step: TvsStep | None = None
    step_date: date | None = None
    """Day the household reached tvs_step; with it the arrival window is forecast (Q3)."""


class Person(BaseModel):
    """A household member, by pseudonymous id only."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    household: str
    role: Role
    age: int = Field(ge=0, le=120)
    sex: Sex | None = None
    arriving: bool | None = None
    counted_before: bool | None = None
    """Housed and counted for a taakstelling before (Q6, Q10, casus 5); None: derived (quota rule)."""
    needs_accessible: bool = False
    """This person needs a step-free home, so the group they live in must get one."""

    @property
    def is_arriving(self) -> bool:
        """Nareiziger unless said otherwise; the referent is already here by default."""
        return self.arriving if self.arriving is not None else self.role != "referent"


class Scenario(BaseModel):
    """One planning period's complete input; rows keep their file order."""

    model_config = ConfigDict(extra="forbid")

    municipalities: list[Municipality] = Field(default_factory=list)
    dwellings: list[Dwelling] = Field(default_factory=list)
    households: list[Household] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    policy: Policy = Field(default_factory=Policy)

    _index: dict | None = PrivateAttr(default=None)
    _memo: dict = PrivateAttr(default_factory=dict)
    _source_rows: SourceRows | None = PrivateAttr(default=None)

    def _idx(self) -> dict:
        """Lookups built once; a Scenario is treated as immutable after construction.

        The accessors below read the built index directly and call this only the first time: they
        are asked millions of times on a national scenario.
        """
        private = self.__pydantic_private__
        index = private["_index"]
        if index is None:
            members: dict[str, list[Person]] = defaultdict(list)
            for p in self.persons:
                members[p.household].append(p)
            occupant = {h.current_dwelling: h.id for h in self.households if h.current_dwelling}
            index = private["_index"] = {
                "municipality": {m.code: m for m in self.municipalities},
                "dwelling": {d.id: d for d in self.dwellings},
                "household": {h.id: h for h in self.households},
                "person": {p.id: p for p in self.persons},
                "members": dict(members),
                "occupant": occupant,
            }
        return index

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Scenario:
        """A copy with its own lookups and caches, so a changed policy or table is never served stale."""
        copy = super().model_copy(update=update, deep=deep)
        same_rows = not set(update or ()) & {"municipalities", "dwellings", "households", "persons"}
        rows = self.__pydantic_private__["_source_rows"] if same_rows else None
        copy.__pydantic_private__ = {"_index": None, "_memo": {}, "_source_rows": rows}
        return copy

    def set_source_rows(self, rows: SourceRows) -> None:
        """Record where each id was read (a file's blank lines count as rows), for located warnings."""
        self.__pydantic_private__["_source_rows"] = rows

    def source_row(self, table: TableName, ident: str, position: int) -> int:
        """The data row validation names for this id; its 1-based position when not read from a file."""
        rows = self.__pydantic_private__["_source_rows"]
        found = rows.get(table, {}).get(ident) if rows is not None else None
        return position if found is None else found

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """A derived value computed once per scenario (fit caches, stock by municipality)."""
        memo = self.__pydantic_private__["_memo"]
        if name not in memo:
            memo[name] = compute()
        return memo[name]

    def __eq__(self, other: object) -> bool:
        """Equal data, whatever lookups either side has built."""
        if not isinstance(other, Scenario):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]

    def municipality(self, code: str) -> Municipality:
        """The municipality with this CBS code."""
        return (self.__pydantic_private__["_index"] or self._idx())["municipality"][code]

    def dwelling(self, dwelling_id: str) -> Dwelling:
        """The dwelling with this id."""
        return (self.__pydantic_private__["_index"] or self._idx())["dwelling"][dwelling_id]

    def household(self, household_id: str) -> Household:
        """The household with this id."""
        return (self.__pydantic_private__["_index"] or self._idx())["household"][household_id]

    def person(self, person_id: str) -> Person:
        """The person with this id."""
        return (self.__pydantic_private__["_index"] or self._idx())["person"][person_id]

    def members(self, household_id: str) -> list[Person]:
        """All persons of a household, referent included, in file order."""
        return (self.__pydantic_private__["_index"] or self._idx())["members"].get(household_id, [])

    def referent(self, household_id: str) -> Person:
        """The household's referent (validation guarantees exactly one)."""
        return next(p for p in self.members(household_id) if p.role == "referent")

    def occupant_of(self, dwelling_id: str) -> str | None:
        """Household whose referent lives in this dwelling now, if any."""
        return (self.__pydantic_private__["_index"] or self._idx())["occupant"].get(dwelling_id)
