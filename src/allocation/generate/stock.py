"""Synthetic dwelling stock: rooms, small flats, family homes and a few very large homes.

| type   | default share | bedrooms               | max occupants        | rent (euros/month)          |
|--------|---------------|------------------------|----------------------|-----------------------------|
| room   | 0.15          | 1 (kind `room`)        | 1                    | 300-550                     |
| flat   | 0.35          | 1 (40 %) or 2 (60 %)   | 2, or 3-4 with 2 bed | 75 % <= small limit         |
| family | 0.44          | 3 (50 %), 4 (35 %), 5  | 2 x bedrooms - 0..1  | 45 % <= small, 38 % <= large|
| large  | 0.06          | 6                      | 8-10                 | 40 % <= small, 40 % <= large|

Rents outside the low band fall between the two 2026 aftoppingsgrenzen (713.02 and 764.14) or
above the large limit (up to 950), so rent decides fit for some groups. About 10 % of flats and
family homes and 4 % of rooms are step-free; 40 % of dwellings come free at a date in the period.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from allocation.policy import Policy

STOCK_MIX: dict[str, float] = {"room": 0.15, "flat": 0.35, "family": 0.44, "large": 0.06}
"""Default share of each dwelling type; `stock_mix` overrides it."""

_RENT_BANDS = {  # (share at most the small limit, share at most the large limit)
    "flat": (0.75, 0.95),
    "family": (0.45, 0.83),
    "large": (0.40, 0.80),
}
_ACCESSIBLE = {"room": 0.04, "flat": 0.10, "family": 0.10, "large": 0.08}


def draw_type(rng: Random, mix: dict[str, float]) -> str:
    """A dwelling type drawn by its share in the mix."""
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def draw_rent(rng: Random, kind: str, policy: Policy) -> float:
    """Monthly rent banded around the two rent limits."""
    if kind == "room":
        return round(rng.uniform(300.0, 550.0), 2)
    small, large = sorted((policy.rent_limit_small, policy.rent_limit_large))
    low_share, mid_share = _RENT_BANDS[kind]
    u = rng.random()
    floor = 480.0 if kind == "flat" else 560.0
    if u < low_share:
        return round(rng.uniform(floor, small), 2)
    if u < mid_share:
        return round(rng.uniform(small + 0.01, large), 2)
    return round(rng.uniform(large + 0.01, 950.0), 2)


def draw_dwelling(rng: Random, kind: str, policy: Policy, period_start: date) -> dict:
    """Field values of one dwelling of this type (id and municipality are added by the caller)."""
    if kind == "room":
        bedrooms, occupants = 1, 1
    elif kind == "flat":
        bedrooms = 1 if rng.random() < 0.4 else 2
        occupants = 2 if bedrooms == 1 else rng.randint(3, 4)
    elif kind == "family":
        bedrooms = rng.choices((3, 4, 5), weights=(50, 35, 15))[0]
        occupants = 2 * bedrooms - rng.randint(0, 1)
    else:
        bedrooms, occupants = 6, rng.randint(8, 10)
    available = None
    if rng.random() < 0.4:
        available = period_start + timedelta(days=rng.randrange(182))
    return {
        "bedrooms": bedrooms,
        "max_occupants": occupants,
        "rent": draw_rent(rng, kind, policy),
        "accessible": rng.random() < _ACCESSIBLE[kind],
        "kind": "room" if kind == "room" else "independent",
        "available_from": available,
    }


def home_for(
    rng: Random, persons: int, bedrooms_needed: int, accessible: bool, policy: Policy, fits: bool
) -> dict:
    """Field values of a referent's current home: fitting the whole household, or one size too small."""
    if fits:
        bedrooms = max(1, bedrooms_needed)
        limit = policy.rent_limit(persons)
        return {
            "bedrooms": bedrooms,
            "max_occupants": max(persons, 2 * bedrooms - 1),
            "rent": round(rng.uniform(min(520.0, limit - 1), limit), 2),
            "accessible": accessible,
            "kind": "independent",
            "available_from": None,
        }
    bedrooms = max(1, bedrooms_needed - rng.randint(1, 2))
    return {
        "bedrooms": bedrooms,
        "max_occupants": max(1, min(persons - 1, 2 * bedrooms)),
        "rent": round(rng.uniform(450.0, policy.rent_limit_small), 2),
        "accessible": False,
        "kind": "independent",
        "available_from": None,
    }


def room_for(rng: Random) -> dict:
    """Field values of a room (kamerbewoning) a referent lives in now: never fits a family."""
    return {
        "bedrooms": 1,
        "max_occupants": 1,
        "rent": round(rng.uniform(300.0, 550.0), 2),
        "accessible": False,
        "kind": "room",
        "available_from": None,
    }
