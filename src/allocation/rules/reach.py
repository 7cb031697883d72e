"""Municipalities that may house a household: its own, its region's (Q6), the AMV's (Q7)."""

from __future__ import annotations

from allocation.scenario import Household, Scenario


def home_municipality(household: Household, scenario: Scenario) -> str:
    """Home for the 'away' objective: where the AMV lives when given (Q7), else the linked one."""
    if household.amv_municipality and scenario.policy.amv_municipality_allowed:
        return household.amv_municipality
    return household.municipality


def reachable_municipalities(household: Household, scenario: Scenario) -> tuple[str, ...]:
    """Codes the household may be housed in, home first, then the rest of the region by code.

    The reach follows from the home and the linked municipality alone, so it is worked out once
    per pair of them and scenario (every phase asks it of every household); callers share it.
    """
    home = home_municipality(household, scenario)
    known: dict[tuple[str, str], tuple[str, ...]] = scenario.cached("reach", dict)
    reach = known.get((home, household.municipality))
    if reach is None:
        reach = known[(home, household.municipality)] = _reach(home, household.municipality, scenario)
    return reach


def _reach(home: str, linked: str, scenario: Scenario) -> tuple[str, ...]:
    """The home, the linked municipality, then (Q6) the rest of the linked one's region by code."""
    reach = [home, linked]
    if scenario.policy.regional_cooperation:
        region = scenario.municipality(linked).region
        if region:
            reach += region_members(scenario).get(region, [])
    return tuple(dict.fromkeys(reach))


def region_members(scenario: Scenario) -> dict[str, list[str]]:
    """Codes of each cooperation region's municipalities, sorted."""

    def build() -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        for m in sorted(scenario.municipalities, key=lambda m: m.code):
            if m.region:
                members.setdefault(m.region, []).append(m.code)
        return members

    return scenario.cached("region_members", build)


def is_away(household: Household, municipality: str, scenario: Scenario) -> bool:
    """True when the household is housed outside its home municipality."""
    return municipality != home_municipality(household, scenario)


def allowed_municipalities(household: Household, scenario: Scenario) -> tuple[str, ...]:
    """Reachable municipalities narrowed by the planner's pin (pinned dwelling or municipality)."""
    reach = reachable_municipalities(household, scenario)
    pin = household.pinned_municipality
    if household.pinned_dwelling:
        pin = scenario.dwelling(household.pinned_dwelling).municipality
    if pin is None:
        return reach
    return (pin,) if pin in reach else ()
