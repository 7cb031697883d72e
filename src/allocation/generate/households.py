"""Family compositions typical of nareis: who joins the referent, with ages and sexes.

Shares and size tables (documented in data/README.md, "Synthetic scenarios"):

| composition       | share | members                                                        |
|-------------------|-------|----------------------------------------------------------------|
| partner           | 0.16  | referent joined by a partner (2 persons)                       |
| couple_children   | 0.46  | referent, partner, 1-5 minor children (3-7 persons)            |
| single_parent     | 0.09  | referent with 1-4 children (2-5 persons)                       |
| large_family      | 0.10  | referent, partner, 5-10 children of whom 1-3 adults (7-12)     |
| amv               | 0.08  | minor referent (14-17, AMV), one or two parents, 0-5 siblings  |
| adult_children    | 0.08  | referent, partner, 1-2 dependent adult children, 0-2 minors    |
| relative          | 0.03  | referent, partner, a dependent relative (role other), 0-2 kids |

Referents are mostly men (about three in four), as in nareis practice; a partner has the
other sex; children's sexes are even. Children are at least 18 years younger than their
mother or father in the household. Adult children are young adults (18-20, the ages the youth
rent limit covers) in 60 % of the cases, else 21-26; in 12 % of the couple and single-parent
families whose parent is old enough the eldest child is a young adult too (a split candidate).
"""

from __future__ import annotations

from random import Random

from allocation.policy import Role
from allocation.scenario import Sex

Member = tuple[Role, int, Sex]
"""One household member before ids are given: role, age, sex."""

COMPOSITIONS: dict[str, float] = {
    "partner": 0.16,
    "couple_children": 0.46,
    "single_parent": 0.09,
    "large_family": 0.10,
    "amv": 0.08,
    "adult_children": 0.08,
    "relative": 0.03,
}
"""Share of each composition among generated households (sums to 1)."""

MINOR_CHILDREN = (1, 2, 3, 4, 5)
MINOR_CHILDREN_WEIGHTS = (30, 30, 22, 12, 6)
LARGE_SIZES = (7, 8, 9, 10, 11, 12)
LARGE_SIZE_WEIGHTS = (32, 24, 18, 12, 8, 6)
AMV_SIBLINGS = (0, 1, 2, 3, 4, 5)
AMV_SIBLING_WEIGHTS = (15, 25, 25, 18, 10, 7)
YOUNG_ADULT_SHARE = 0.6
"""Adult children aged 18-20 (young adults, rent_limit_young) rather than 21-26."""
ELDEST_YOUNG_ADULT_SHARE = 0.12
"""Couple and single-parent families whose eldest child is 18-20 (when a parent is old enough)."""


def draw_composition(rng: Random, shares: dict[str, float] | None = None) -> str:
    """A composition name drawn by its share."""
    table = shares or COMPOSITIONS
    return rng.choices(list(table), weights=list(table.values()))[0]


def draw_members(rng: Random, composition: str) -> list[Member]:
    """Members of one household of this composition; the referent comes first."""
    return _BUILDERS[composition](rng)


def _sex(rng: Random) -> Sex:
    return "m" if rng.random() < 0.5 else "f"


def _adult_age(rng: Random, low: int, high: int, mean: float, sd: float = 7.0) -> int:
    return max(low, min(high, round(rng.gauss(mean, sd))))


def _couple(rng: Random, low: int = 20, high: int = 55, mean: float = 33.0) -> list[Member]:
    """A referent (mostly male) and a partner of the other sex and similar age."""
    ref_sex: Sex = "m" if rng.random() < 0.75 else "f"
    ref_age = _adult_age(rng, low, high, mean)
    partner_age = max(18, min(70, ref_age + rng.randint(-6, 3)))
    partner_sex: Sex = "f" if ref_sex == "m" else "m"
    return [("referent", ref_age, ref_sex), ("partner", partner_age, partner_sex)]


def _children(rng: Random, count: int, youngest_parent: int, adults: int = 0) -> list[Member]:
    """`count` children, the first `adults` of them aged 18+; all born after the parent turned 18."""
    oldest = max(0, youngest_parent - 18)
    kids: list[Member] = []
    for i in range(count):
        if i < adults and oldest >= 18:
            young = rng.random() < YOUNG_ADULT_SHARE or oldest < 21
            age = rng.randint(18, min(oldest, 20)) if young else rng.randint(21, min(oldest, 26))
        else:
            age = rng.randint(0, min(17, oldest))
        kids.append(("child", age, _sex(rng)))
    return sorted(kids, key=lambda m: -m[1])


def _partner(rng: Random) -> list[Member]:
    return _couple(rng, mean=29.0)


def _couple_children(rng: Random) -> list[Member]:
    couple = _couple(rng, low=21, mean=34.0)
    count = rng.choices(MINOR_CHILDREN, weights=MINOR_CHILDREN_WEIGHTS)[0]
    youngest = min(a for _, a, _ in couple)
    return couple + _children(rng, count, youngest, adults=_eldest_young_adult(rng, youngest))


def _eldest_young_adult(rng: Random, youngest_parent: int) -> int:
    """1 when the eldest child is drawn as a young adult (18-20), else 0."""
    return int(youngest_parent >= 36 and rng.random() < ELDEST_YOUNG_ADULT_SHARE)


def _single_parent(rng: Random) -> list[Member]:
    ref_age = _adult_age(rng, 22, 55, 36.0)
    referent: Member = ("referent", ref_age, "m" if rng.random() < 0.6 else "f")
    count = rng.randint(1, 4)
    return [referent, *_children(rng, count, ref_age, adults=_eldest_young_adult(rng, ref_age))]


def _large_family(rng: Random) -> list[Member]:
    """Casus 4 type: a couple with many children, the eldest one to three of them adults."""
    couple = _couple(rng, low=38, high=60, mean=45.0)
    size = rng.choices(LARGE_SIZES, weights=LARGE_SIZE_WEIGHTS)[0]
    adults = rng.choices((1, 2, 3), weights=(40, 40, 20))[0]
    return couple + _children(rng, size - 2, min(a for _, a, _ in couple), adults=adults)


def _amv(rng: Random) -> list[Member]:
    """An unaccompanied minor (AMV) as referent, joined by parents and siblings (Q7)."""
    minor: Member = ("referent", rng.randint(14, 17), "m" if rng.random() < 0.8 else "f")
    father_age = _adult_age(rng, 36, 65, 44.0)
    parents: list[Member] = [
        ("parent", father_age, "m"),
        ("parent", max(35, father_age - rng.randint(0, 6)), "f"),
    ]
    if rng.random() < 0.3:
        parents = [parents[rng.randint(0, 1)]]
    count = rng.choices(AMV_SIBLINGS, weights=AMV_SIBLING_WEIGHTS)[0]
    siblings = [("sibling", age, sex) for _, age, sex in _children(rng, count, min(a for _, a, _ in parents))]
    return [minor, *parents, *siblings]


def _adult_children(rng: Random) -> list[Member]:
    couple = _couple(rng, low=38, high=62, mean=47.0)
    youngest = min(a for _, a, _ in couple)
    adults = rng.randint(1, 2)
    return couple + _children(rng, adults + rng.randint(0, 2), youngest, adults=adults)


def _relative(rng: Random) -> list[Member]:
    couple = _couple(rng, low=25, high=50, mean=36.0)
    other: Member = ("other", rng.randint(55, 78), _sex(rng))
    return [*couple, other, *_children(rng, rng.randint(0, 2), min(a for _, a, _ in couple))]


_BUILDERS = {
    "partner": _partner,
    "couple_children": _couple_children,
    "single_parent": _single_parent,
    "large_family": _large_family,
    "amv": _amv,
    "adult_children": _adult_children,
    "relative": _relative,
}
