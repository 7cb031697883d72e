"""The columns of docs/FORMAT.md as data, so readers, writers and validation agree on them."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Literal

from allocation.policy import Role
from allocation.scenario import TvsStep

CellKind = Literal["id", "text", "ref", "int", "number", "bool", "date", "enum"]

ROLES: tuple[Role, ...] = ("referent", "partner", "child", "parent", "sibling", "other")
SEXES: tuple[str, ...] = ("m", "f", "x")
DWELLING_KINDS: tuple[str, ...] = ("independent", "room")
TVS_STEPS: tuple[str, ...] = typing.get_args(TvsStep)
"""Process steps of the Taakstellingsvolgsysteem, in procedure order (Q1)."""


@dataclass(frozen=True)
class Column:
    """One column of an input table: its type, whether it is required and its plausible range."""

    name: str
    kind: CellKind
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    """Values above this cannot be right (a typo); the message asks the planner to check."""
    choices: tuple[str, ...] = ()
    what: str = ""
    """Planner word for an enum value in messages, e.g. 'role'."""
    refers_to: str | None = None
    """Table whose ids this column names (references are checked after all rows are read)."""


@dataclass(frozen=True)
class Table:
    """One input table: its name (the CSV file stem or sheet name) and its columns in order."""

    name: str
    entity: str
    """Planner word for one row, e.g. 'dwelling'."""
    columns: tuple[Column, ...]
    rows_required: bool = False
    """A header-only file is an error (a scenario without municipalities or dwellings plans nothing)."""
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        """Canonical column order, as written by the writers."""
        return [c.name for c in self.columns]

    @property
    def required_names(self) -> list[str]:
        """Columns that must be present in the header."""
        return [c.name for c in self.columns if c.required]


MUNICIPALITIES = Table(
    "municipalities",
    "municipality",
    (
        Column("code", "id", required=True),
        Column("name", "text", required=True),
        Column("region", "text"),
        Column("quota", "int", required=True, minimum=0, maximum=1_000_000),
        Column("housed", "int", minimum=0, maximum=1_000_000),
    ),
    rows_required=True,
)

DWELLINGS = Table(
    "dwellings",
    "dwelling",
    (
        Column("id", "id", required=True),
        Column("municipality", "ref", required=True, refers_to="municipalities"),
        Column("bedrooms", "int", required=True, minimum=0, maximum=20),
        Column("max_occupants", "int", required=True, minimum=1, maximum=30),
        Column("rent", "number", minimum=0, maximum=10_000),
        Column("accessible", "bool"),
        Column("kind", "enum", choices=DWELLING_KINDS, what="dwelling kind"),
        Column("available_from", "date"),
    ),
    rows_required=True,
)

HOUSEHOLDS = Table(
    "households",
    "household",
    (
        Column("id", "id", required=True),
        Column("municipality", "ref", required=True, refers_to="municipalities"),
        Column("current_dwelling", "ref", refers_to="dwellings"),
        Column("arrival", "date"),
        Column("needs_accessible", "bool"),
        Column("amv_municipality", "ref", refers_to="municipalities"),
        Column("pinned_dwelling", "ref", refers_to="dwellings"),
        Column("pinned_municipality", "ref", refers_to="municipalities"),
        Column("tvs_step", "enum", choices=TVS_STEPS, what="TVS step"),
        Column("step_date", "date"),
    ),
)

PERSONS = Table(
    "persons",
    "person",
    (
        Column("id", "id", required=True),
        Column("household", "ref", required=True, refers_to="households"),
        Column("role", "enum", required=True, choices=ROLES, what="role"),
        Column("age", "int", required=True, minimum=0, maximum=120),
        Column("sex", "enum", choices=SEXES, what="sex"),
        Column("arriving", "bool"),
        Column("counted_before", "bool"),
        Column("needs_accessible", "bool"),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (MUNICIPALITIES, DWELLINGS, HOUSEHOLDS, PERSONS)}
"""The four input tables in canonical order (referenced tables first)."""

POLICY_FILE = "policy.toml"
POLICY_SHEET = "policy"
