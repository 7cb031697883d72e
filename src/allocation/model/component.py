"""The model of one component as built: its program, what each column means, its objective terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from allocation.model.aggregate import Component, Profile
from allocation.model.program import Expr, Program


class PlaceKey(NamedTuple):
    """A placement column: members of a class housed in a municipality in one of its options."""

    class_id: int
    municipality: str
    option: int


class TakeKey(NamedTuple):
    """A dwelling column: groups of a profile in dwellings of one type of a municipality."""

    municipality: str
    profile: Profile
    type_id: int


@dataclass
class ComponentModel:
    """A built component: its program, what each column means, and the objective terms."""

    component: Component
    program: Program = field(default_factory=Program)
    place: dict[PlaceKey, int] = field(default_factory=dict)
    """Placement key -> column: how many class members are housed that way."""
    take: dict[TakeKey, int] = field(default_factory=dict)
    """Dwelling key -> column: how many such groups live in such dwellings."""
    terms: dict[str, Expr] = field(default_factory=dict)
    term_bounds: dict[str, float] = field(default_factory=dict)
    """An upper bound on each term's value, to separate weights exactly."""
