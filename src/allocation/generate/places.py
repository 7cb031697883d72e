"""Synthetic municipalities: heavy-tailed populations, cooperation regions, taakstelling by population.

Populations are log-normal with median 28,000 and log-sd 0.95, clipped to 1,000-950,000: a few
large cities and many small towns, like the 342 Dutch municipalities (median about 28,000, largest
about 930,000). Each region gets one of the largest municipalities as its centre city; the rest are
dealt out at random, so regions hold about the same number of municipalities.
"""

from __future__ import annotations

from math import log
from random import Random

POPULATION_MEDIAN = 28_000
POPULATION_LOG_SD = 0.95
POPULATION_RANGE = (1_000, 950_000)

_STEMS = (
    "Aal",
    "Bak",
    "Bre",
    "Dor",
    "Eem",
    "Ede",
    "Gra",
    "Hal",
    "Hoog",
    "Kat",
    "Lan",
    "Lis",
    "Mid",
    "Noord",
    "Oost",
    "Ren",
    "Sted",
    "Ter",
    "Vel",
    "Wes",
    "Zuid",
    "Bro",
    "Ooster",
    "Wester",
    "Nij",
    "Mol",
    "Heer",
    "Zand",
    "Ween",
    "Rijn",
)
_ENDINGS = (
    "dam",
    "dijk",
    "veen",
    "horst",
    "loo",
    "wijk",
    "broek",
    "zand",
    "hoven",
    "kerk",
    "holt",
    "mond",
    "beek",
    "burg",
    "rade",
    "lo",
    "meer",
    "hout",
    "sum",
    "wolde",
)


def municipality_codes(count: int) -> list[str]:
    """GM0001, GM0002, ...: CBS-style codes, wider only beyond 9,999."""
    width = max(4, len(str(count)))
    return [f"GM{i:0{width}d}" for i in range(1, count + 1)]


def municipality_names(rng: Random, count: int) -> list[str]:
    """Distinct Dutch-sounding invented names (no real municipality is meant)."""
    names = [stem + ending for stem in _STEMS for ending in _ENDINGS]
    rng.shuffle(names)
    if count <= len(names):
        return names[:count]
    extra = count - len(names)
    return names + [f"{names[i % len(names)]} {i // len(names) + 2}" for i in range(extra)]


def populations(rng: Random, count: int) -> list[int]:
    """Heavy-tailed municipal populations (log-normal, clipped)."""
    low, high = POPULATION_RANGE
    mu = log(POPULATION_MEDIAN)
    return [max(low, min(high, round(rng.lognormvariate(mu, POPULATION_LOG_SD)))) for _ in range(count)]


def region_names(count: int) -> list[str]:
    """Regio 01, Regio 02, ...."""
    width = max(2, len(str(count)))
    return [f"Regio {i:0{width}d}" for i in range(1, count + 1)]


def assign_regions(
    rng: Random, pops: list[int], regions: int, unaffiliated_share: float = 0.0
) -> list[str | None]:
    """Region per municipality: the largest towns are the centres, the rest dealt out evenly at random."""
    count = len(pops)
    if regions <= 0 or count == 0:
        return [None] * count
    names = region_names(regions)
    by_size = sorted(range(count), key=lambda i: (-pops[i], i))
    result: list[str | None] = [None] * count
    for r, i in enumerate(by_size[:regions]):
        result[i] = names[r]
    rest = by_size[regions:]
    rng.shuffle(rest)
    loose = round(unaffiliated_share * len(rest))
    for k, i in enumerate(rest[loose:]):
        result[i] = names[k % regions]
    return result


def quotas(
    rng: Random,
    pops: list[int],
    open_persons: float,
    housed_range: tuple[float, float],
) -> tuple[list[int], list[int]]:
    """Taakstelling per municipality in proportion to population, and persons already housed.

    Each municipality has housed a uniform fraction of its quota drawn from `housed_range`
    (above 1: already past its quota). The national total is scaled so the quota still open,
    summed over municipalities, is about `open_persons`.
    """
    total = sum(pops) or 1
    weights = [p / total for p in pops]
    fractions = [rng.uniform(*housed_range) for _ in pops]
    open_share = sum(w * max(0.0, 1.0 - f) for w, f in zip(weights, fractions, strict=True))
    scale = open_persons / open_share if open_share > 0 else open_persons
    quota = [round(scale * w) for w in weights]
    housed = [round(q * f) for q, f in zip(quota, fractions, strict=True)]
    return quota, housed
