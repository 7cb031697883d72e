"""Benchmark instance families: named recipes that scale municipalities and regions with size.

Municipalities for h households: regional 10 + 2.5 log2(h/100) (10-20, one region); province and
the families built on it h/10 (12-40, four regions); national h/4 (40-342, one region per 13.7
municipalities, 3-25). The full table, with what each family stresses, is in data/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import log2

from allocation.generate.households import COMPOSITIONS
from allocation.generate.synthetic import generate
from allocation.scenario import Scenario


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _regional_municipalities(h: int) -> int:
    return _clamp(10 + 2.5 * log2(max(h, 1) / 100), 10, 20)


def _province_municipalities(h: int) -> int:
    return _clamp(h / 10, 12, 40)


def _national_municipalities(h: int) -> int:
    return _clamp(h / 4, 40, 342)


def _large_family_shares() -> dict[str, float]:
    shares = dict(COMPOSITIONS)
    shares["large_family"] = 0.40
    shares["couple_children"] = 0.26
    shares["partner"] = 0.10
    return shares


@dataclass(frozen=True)
class InstanceFamily:
    """How one benchmark family picks sizes and distribution parameters for a household count."""

    description: str
    municipalities: Callable[[int], int]
    regions: Callable[[int], int]
    dwelling_ratio: float = 1.0
    params: dict[str, object] = field(default_factory=dict)

    def sizes(self, households: int) -> dict[str, int]:
        """Dwellings, municipalities and regions for this many households."""
        municipalities = self.municipalities(households)
        return {
            "dwellings": max(1, round(self.dwelling_ratio * households)),
            "municipalities": municipalities,
            "regions": min(municipalities, self.regions(municipalities)),
        }


FAMILIES: dict[str, InstanceFamily] = {
    "regional": InstanceFamily(
        "one cooperation region of 10-20 municipalities",
        _regional_municipalities,
        lambda m: 1,
        dwelling_ratio=1.1,
    ),
    "province": InstanceFamily(
        "a province: up to 40 municipalities in 4 regions", _province_municipalities, lambda m: 4
    ),
    "national": InstanceFamily(
        "the Netherlands: up to 342 municipalities in 25 regions",
        _national_municipalities,
        lambda m: _clamp(m / 13.7, 3, 25),
    ),
    "large-families": InstanceFamily(
        "40 % of households are families of 7-12, so many need two addresses",
        _province_municipalities,
        lambda m: 4,
        params={
            "compositions": _large_family_shares(),
            "stock_mix": {"room": 0.10, "flat": 0.30, "family": 0.52, "large": 0.08},
        },
    ),
    "tight-quota": InstanceFamily(
        "open quota about three quarters of the persons, most towns near their quota",
        _province_municipalities,
        lambda m: 4,
        params={"quota_factor": 0.75, "housed_range": (0.5, 1.05)},
    ),
    "scarce-stock": InstanceFamily(
        "half as many dwellings as households",
        _province_municipalities,
        lambda m: 4,
        dwelling_ratio=0.5,
    ),
    "pinned": InstanceFamily(
        "half the households pinned to a fitting reachable dwelling or municipality",
        _province_municipalities,
        lambda m: 4,
        dwelling_ratio=1.1,
        params={"pinned_share": 0.5},
    ),
    "regional-dated": InstanceFamily(
        "regional, dated: homes free over 26 weeks, families at TVS steps (replay with simulate)",
        _regional_municipalities,
        lambda m: 1,
        dwelling_ratio=0.9,
        params={"dated": True, "weeks": 26},
    ),
    "national-dated": InstanceFamily(
        "national, dated: homes free over 26 weeks, families at TVS steps",
        _national_municipalities,
        lambda m: _clamp(m / 13.7, 3, 25),
        dwelling_ratio=0.9,
        params={"dated": True, "weeks": 26},
    ),
}
"""Benchmark instance families by name."""


def generate_family(name: str, households: int, seed: int, **overrides: object) -> Scenario:
    """A scenario of the named family; `overrides` replace the family's sizes or parameters."""
    if name not in FAMILIES:
        raise ValueError(f"unknown instance family {name!r}; known: {', '.join(FAMILIES)}")
    family = FAMILIES[name]
    sizes: dict[str, object] = dict(family.sizes(households))
    params: dict[str, object] = dict(family.params)
    for key, value in overrides.items():
        (sizes if key in sizes else params)[key] = value
    if "municipalities" in overrides and "regions" not in overrides:
        municipalities = int(sizes["municipalities"])  # type: ignore[call-overload]
        sizes["regions"] = min(municipalities, family.regions(municipalities))
    return generate(households=households, seed=seed, **sizes, **params)  # type: ignore[arg-type]
