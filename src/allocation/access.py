"""Who may see which municipalities' scenarios: a coordinator everything, a planner only their own scope.

A scenario's scope is the set of its municipalities with their regions; a planner of a region may
work on every municipality in it, a planner of municipalities only on those (AVG: least access).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from allocation.scenario import Scenario

Role = Literal["coordinator", "planner"]
ROLES: tuple[str, ...] = ("coordinator", "planner")


class Place(NamedTuple):
    """One municipality of a scenario with the region it belongs to."""

    code: str
    region: str


@dataclass(frozen=True)
class Access:
    """A signed-in user (or the single local user) and what they may see."""

    user: str
    role: Role
    regions: frozenset[str] = field(default_factory=frozenset)
    municipalities: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_coordinator(self) -> bool:
        """Coordinators see every scenario and the audit log."""
        return self.role == "coordinator"

    def allows_place(self, place: Place) -> bool:
        """Whether this user may see data of one municipality."""
        return self.is_coordinator or place.code in self.municipalities or place.region in self.regions

    def allows(self, places: Iterable[Place] | None) -> bool:
        """Whether this user may see a scenario of these places (None: scope unknown, coordinators only)."""
        if places is None:
            return self.is_coordinator
        return all(self.allows_place(p) for p in places)

    def outside(self, scenario: Scenario) -> list[str]:
        """Names of the scenario's municipalities this user may not see (empty when all are allowed)."""
        return [m.name for m in scenario.municipalities if not self.allows_place(Place(m.code, m.region))]


LOCAL_USER = Access(user="local", role="coordinator")
"""The one user of an app without sign-in (reachable only from this computer)."""


def scope_of(scenario: Scenario) -> list[Place]:
    """The municipalities of a scenario with their regions, sorted."""
    return sorted({Place(m.code, m.region) for m in scenario.municipalities})


def _names(value: object) -> frozenset[str]:
    """A claim or column that lists names: a list, or one comma-separated string."""
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        return frozenset()
    return frozenset(str(item).strip() for item in items if str(item).strip())


ROLE_CLAIM = "allocation_role"
REGIONS_CLAIM = "allocation_regions"
MUNICIPALITIES_CLAIM = "allocation_municipalities"


def access_from_claims(user: str, claims: Mapping[str, object]) -> Access | None:
    """The role an identity provider gives in its token (None when the token carries no role)."""
    role = str(claims.get(ROLE_CLAIM) or "").strip().lower()
    if role not in ROLES:
        return None
    return make_access(user, role, claims.get(REGIONS_CLAIM), claims.get(MUNICIPALITIES_CLAIM))


def make_access(user: str, role: str, regions: object = None, municipalities: object = None) -> Access | None:
    """An Access from stored or claimed values; None for an unknown role or a planner of nothing."""
    role = role.strip().lower()
    if role not in ROLES:
        return None
    access = Access(user=user, role=role, regions=_names(regions), municipalities=_names(municipalities))  # type: ignore[arg-type]
    if role == "planner" and not (access.regions or access.municipalities):
        return None
    return access
