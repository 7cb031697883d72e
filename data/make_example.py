"""Build the bundled example scenario (Twente) from documented facts and a fixed seed.

Run `python data/make_example.py` from the project root; it rewrites data/example/ and
data/example.xlsx with the same scenario. data/README.md explains every number used here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from random import Random

from allocation.forecast import add_months
from allocation.generate import households as compositions
from allocation.generate import stock
from allocation.io import write_scenario
from allocation.policy import Policy, Role
from allocation.rules.bedrooms import needed_bedrooms
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario, Sex

SEED = 2026
HERE = Path(__file__).resolve().parent

NATIONAL_POPULATION = 17_942_942
"""Population of the Netherlands on 1 January 2024 (CBS)."""
NATIONAL_HALF_YEAR_QUOTA = 18_000
"""National taakstelling for one half year, in persons (the order of the half-yearly figures of 2023-2025)."""

# code, name, region, population on 1 January 2024 (CBS, rounded to hundreds), share of quota housed
MUNICIPALITIES: tuple[tuple[str, str, str, int, float], ...] = (
    ("GM0141", "Almelo", "Twente", 74_400, 0.85),
    ("GM0147", "Borne", "Twente", 24_300, 1.05),
    ("GM1774", "Dinkelland", "Twente", 26_700, 0.30),
    ("GM0153", "Enschede", "Twente", 161_000, 0.45),
    ("GM0158", "Haaksbergen", "Twente", 24_600, 0.60),
    ("GM0163", "Hellendoorn", "Twente", 36_900, 0.95),
    ("GM0164", "Hengelo", "Twente", 82_200, 0.70),
    ("GM1735", "Hof van Twente", "Twente", 35_500, 0.20),
    ("GM0168", "Losser", "Twente", 22_900, 0.50),
    ("GM0173", "Oldenzaal", "Twente", 32_100, 1.10),
    ("GM1742", "Rijssen-Holten", "Twente", 38_900, 0.40),
    ("GM0183", "Tubbergen", "Twente", 21_700, 0.25),
    ("GM1700", "Twenterand", "Twente", 34_100, 0.55),
    ("GM0189", "Wierden", "Twente", 25_100, 0.80),
    ("GM1859", "Berkelland", "Achterhoek", 44_000, 0.60),
)
POPULATION = {code: pop for code, _, _, pop, _ in MUNICIPALITIES}

ORDINARY_HOUSEHOLDS = 78
"""Households drawn from the generator's compositions, after the twelve described by hand."""
FREE_DWELLINGS = 80
"""Dwellings drawn from the generator's stock mix, after the ones placed by hand."""
ORDINARY_COMPOSITIONS = {
    "partner": 0.20,
    "couple_children": 0.48,
    "single_parent": 0.10,
    "large_family": 0.08,
    "adult_children": 0.10,
    "relative": 0.04,
}
"""AMV families are all described by hand, so the drawn households leave them out."""
PERIOD_START = date(2026, 1, 1)
PLANNING_DATE = date(2026, 12, 1)
"""The weekly meeting the example shows (policy `planning_date`), fixed so every run plans the same:
46 families in reception, 12 expected within the 91-day horizon, the rest planned later (LATER)."""

Spec = tuple[Role, int, Sex]


def quota(population: int) -> int:
    """Taakstelling as the state sets it: national half-year figure in proportion to population."""
    return round(NATIONAL_HALF_YEAR_QUOTA * population / NATIONAL_POPULATION)


class _Builder:
    """Collects rows with running ids (H001, D001, P0001) in file order."""

    def __init__(self) -> None:
        self.dwellings: list[Dwelling] = []
        self.households: list[Household] = []
        self.persons: list[Person] = []

    def dwelling(self, municipality: str, bedrooms: int, occupants: int, rent: float, **extra: object) -> str:
        dwelling_id = f"D{len(self.dwellings) + 1:03d}"
        self.dwellings.append(
            Dwelling(
                id=dwelling_id,
                municipality=municipality,
                bedrooms=bedrooms,
                max_occupants=occupants,
                rent=rent,
                **extra,  # type: ignore[arg-type]
            )
        )
        return dwelling_id

    def household(self, municipality: str, arrival: date, members: list[Spec], **extra: object) -> str:
        household_id = f"H{len(self.households) + 1:03d}"
        self.households.append(
            Household(id=household_id, municipality=municipality, arrival=arrival, **extra)  # type: ignore[arg-type]
        )
        for role, age, sex in members:
            self.persons.append(
                Person(
                    id=f"P{len(self.persons) + 1:04d}",
                    household=household_id,
                    role=role,
                    age=age,
                    sex=sex,
                    arriving=role != "referent",
                )
            )
        return household_id


def _described_households(b: _Builder) -> None:
    """The twelve households data/README.md describes one by one (H001-H012)."""
    # H001 casus 4: nine persons, two adult children; needs 7 bedrooms, no home in Twente has them.
    b.household(
        "GM0153",
        date(2026, 3, 2),
        [
            ("referent", 47, "m"),
            ("partner", 44, "f"),
            ("child", 21, "m"),
            ("child", 19, "f"),
            ("child", 16, "m"),
            ("child", 14, "f"),
            ("child", 10, "m"),
            ("child", 7, "f"),
            ("child", 3, "m"),
        ],
    )
    # H002 AMV boy living in Hengelo, linked to Almelo: parents and three siblings join him (Q7).
    b.household(
        "GM0141",
        date(2026, 2, 16),
        [
            ("referent", 16, "m"),
            ("parent", 45, "m"),
            ("parent", 41, "f"),
            ("sibling", 12, "f"),
            ("sibling", 9, "m"),
            ("sibling", 6, "f"),
        ],
        amv_municipality="GM0164",
    )
    # H003 AMV girl in Enschede: her mother and two siblings.
    b.household(
        "GM0153",
        date(2026, 5, 11),
        [("referent", 15, "f"), ("parent", 38, "f"), ("sibling", 11, "f"), ("sibling", 8, "m")],
        amv_municipality="GM0153",
    )
    # H004 AMV boy linked to Tubbergen who lives in Borne: his father and a brother.
    b.household(
        "GM0183",
        date(2026, 9, 7),
        [("referent", 17, "m"), ("parent", 49, "m"), ("sibling", 13, "m")],
        amv_municipality="GM0147",
    )
    # H005 woningcheck join: the referent's three-bedroom home in Hengelo fits his wife and two children.
    home = b.dwelling("GM0164", 3, 5, 742.50)
    b.household(
        "GM0164",
        date(2026, 1, 19),
        [("referent", 36, "m"), ("partner", 33, "f"), ("child", 9, "f"), ("child", 5, "m")],
        current_dwelling=home,
    )
    # H006 woningcheck join: a two-bedroom flat in Oldenzaal fits a partner and a toddler.
    home = b.dwelling("GM0173", 2, 3, 689.10)
    b.household(
        "GM0173",
        date(2026, 4, 6),
        [("referent", 29, "m"), ("partner", 27, "f"), ("child", 2, "f")],
        current_dwelling=home,
    )
    # H007 the Q6 father: housed in a room in Almelo (counted there), wife and three children arrive.
    home = b.dwelling("GM0141", 1, 1, 415.00, kind="room")
    b.household(
        "GM0141",
        date(2026, 2, 2),
        [
            ("referent", 39, "m"),
            ("partner", 35, "f"),
            ("child", 13, "m"),
            ("child", 10, "f"),
            ("child", 6, "m"),
        ],
        current_dwelling=home,
    )
    # H008 in a room in Rijssen-Holten; his wife joins him, the room takes one person only.
    home = b.dwelling("GM1742", 1, 1, 385.75, kind="room")
    b.household(
        "GM1742", date(2026, 6, 22), [("referent", 26, "m"), ("partner", 24, "f")], current_dwelling=home
    )
    # H009 in a one-bedroom flat in Losser that is too small for the five arriving with him.
    home = b.dwelling("GM0168", 1, 2, 598.40)
    b.household(
        "GM0168",
        date(2026, 3, 30),
        [
            ("referent", 41, "m"),
            ("partner", 38, "f"),
            ("child", 15, "f"),
            ("child", 12, "m"),
            ("child", 8, "f"),
            ("child", 4, "m"),
        ],
        current_dwelling=home,
    )
    # H010 needs a step-free home: a grandmother in a wheelchair joins the family (role other).
    b.household(
        "GM0153",
        date(2026, 4, 20),
        [("referent", 37, "m"), ("partner", 34, "f"), ("other", 71, "f"), ("child", 7, "m")],
        needs_accessible=True,
    )
    # H011 linked to Berkelland, outside Twente: it may not use Twente's homes (no cross-region help).
    b.household(
        "GM1859",
        date(2026, 5, 25),
        [
            ("referent", 40, "m"),
            ("partner", 37, "f"),
            ("child", 17, "m"),
            ("child", 15, "f"),
            ("child", 12, "f"),
            ("child", 9, "m"),
        ],
    )
    # H012 a family of ten in Haaksbergen; Berkelland's six-bedroom home is next door but in another region.
    b.household(
        "GM0158",
        date(2026, 7, 13),
        [
            ("referent", 45, "m"),
            ("partner", 42, "f"),
            ("child", 20, "m"),
            ("child", 17, "m"),
            ("child", 15, "m"),
            ("child", 13, "f"),
            ("child", 11, "f"),
            ("child", 8, "m"),
            ("child", 5, "f"),
            ("child", 1, "m"),
        ],
    )


def _placed_dwellings(b: _Builder) -> None:
    """Homes placed by hand so the described situations have their counterpart in the stock."""
    b.dwelling("GM0153", 5, 7, 749.00)  # the casus 4 family's main home once the adult children split off
    b.dwelling("GM0153", 2, 3, 655.20)  # the adult children's flat (two bedrooms, within the small limit)
    b.dwelling("GM0153", 3, 5, 731.60, accessible=True)  # step-free family home for H010
    b.dwelling("GM0164", 4, 7, 758.90, accessible=True)
    b.dwelling("GM1859", 6, 10, 762.00)  # Berkelland: a six-bedroom home only Berkelland may use
    b.dwelling("GM1859", 2, 4, 640.00)
    b.dwelling("GM1859", 1, 2, 602.30)
    b.dwelling("GM0163", 6, 9, 758.00)
    b.dwelling("GM0153", 6, 8, 735.00, available_from=date(2026, 4, 1))
    b.dwelling("GM0141", 6, 9, 771.40)  # above the 3+ limit: rent rules it out
    b.dwelling("GM1700", 1, 1, 455.00, kind="room", available_from=date(2026, 3, 1))


def _drawn_households(b: _Builder, rng: Random) -> None:
    """Ordinary households from the generator's compositions, linked in proportion to population."""
    codes = [code for code, *_ in MUNICIPALITIES if code != "GM1859"]
    weights = [POPULATION[c] for c in codes]
    policy = Policy()
    for _ in range(ORDINARY_HOUSEHOLDS):
        members = compositions.draw_members(rng, compositions.draw_composition(rng, ORDINARY_COMPOSITIONS))
        while len(members) > 10:
            members = compositions.draw_members(rng, "large_family")
        municipality = rng.choices(codes, weights=weights)[0]
        arrival = PERIOD_START + timedelta(days=rng.randrange(730))
        accessible = rng.random() < 0.05
        current = None
        roll = rng.random()
        if roll < 0.10:
            fits = roll < 0.05
            needed = _bedrooms_needed(members, policy)
            spec = stock.home_for(rng, len(members), needed, accessible, policy, fits)
            current = b.dwelling(municipality, **_renamed(spec))
        elif roll < 0.14:
            current = b.dwelling(municipality, **_renamed(stock.room_for(rng)))
        b.household(municipality, arrival, members, needs_accessible=accessible, current_dwelling=current)


def _bedrooms_needed(members: list[Spec], policy: Policy) -> int:
    """Needed bedrooms of members not yet given ids (the rule reads only role, age and sex)."""
    group = [Person(id="-", household="-", role=role, age=age, sex=sex) for role, age, sex in members]
    return needed_bedrooms(group, policy)


def _renamed(spec: dict) -> dict:
    """Stock field values in the builder's argument names."""
    spec = dict(spec)
    spec["occupants"] = spec.pop("max_occupants")
    return spec


def _drawn_dwellings(b: _Builder, rng: Random) -> None:
    """Free dwellings from the generator's stock mix, spread over Twente by population."""
    codes = [code for code, *_ in MUNICIPALITIES if code != "GM1859"]
    weights = [POPULATION[c] for c in codes]
    mix = {"room": 0.14, "flat": 0.38, "family": 0.48}  # the six-bedroom homes are placed by hand
    policy = Policy()
    for _ in range(FREE_DWELLINGS):
        spec = stock.draw_dwelling(rng, stock.draw_type(rng, mix), policy, PERIOD_START)
        b.dwelling(rng.choices(codes, weights=weights)[0], **_renamed(spec))


def _tvs_steps(households: list[Household]) -> list[Household]:
    """The TVS step each household shows on PERIOD_START, consistent with its arrival and the Q3 terms.

    Arriving within three months: mvv issued; within six: application granted; within a year:
    application submitted; later: no application yet. The step day is drawn between the earliest
    day the terms allow and PERIOD_START, from its own seed so the other draws stay as they were.
    """
    rng = Random(SEED + 1)
    policy = Policy()
    stages = (
        ("mvv_afgegeven", policy.travel_months),
        ("toegekend", policy.mvv_collect_months + policy.travel_months),
        ("aanvraag_ingediend", policy.ind_decision_months + policy.mvv_collect_months + policy.travel_months),
    )
    out = []
    for h in households:
        assert h.arrival is not None
        for step, months in stages:
            first = add_months(h.arrival, -months)
            if h.arrival <= add_months(PERIOD_START, months):
                span = max((PERIOD_START - first).days, 0)
                day = min(first + timedelta(days=rng.randint(0, span)), PERIOD_START)
                h = h.model_copy(update={"tvs_step": step, "step_date": day})
                break
        out.append(h)
    return out


def build_example() -> Scenario:
    """The Twente example scenario; the same every run."""
    rng = Random(SEED)
    municipalities = [
        Municipality(code=code, name=name, region=region, quota=quota(pop), housed=round(quota(pop) * share))
        for code, name, region, pop, share in MUNICIPALITIES
    ]
    b = _Builder()
    _described_households(b)
    _placed_dwellings(b)
    _drawn_households(b, rng)
    _drawn_dwellings(b, rng)
    return Scenario(
        municipalities=municipalities,
        dwellings=b.dwellings,
        households=_tvs_steps(b.households),
        persons=b.persons,
        policy=Policy(planning_date=PLANNING_DATE),
    )


def main() -> None:
    """Write data/example/ and data/example.xlsx."""
    scenario = build_example()
    write_scenario(scenario, HERE / "example")
    write_scenario(scenario, HERE / "example.xlsx")
    print(
        f"wrote {HERE / 'example'} and {HERE / 'example.xlsx'}: {len(scenario.households)} households "
        f"({len(scenario.persons)} persons), {len(scenario.dwellings)} dwellings, "
        f"{len(scenario.municipalities)} municipalities"
    )


if __name__ == "__main__":
    main()
