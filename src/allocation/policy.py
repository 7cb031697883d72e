"""Rule settings as data, so a changed national policy is a config edit, not a code change."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["referent", "partner", "child", "parent", "sibling", "other"]

OBJECTIVE_TERMS: tuple[str, ...] = (
    "persons",
    "shortfall",
    "away",
    "splits",
    "unused",
    "wait",
    "vacancy",
    "changes",
)
"""Objective terms; docs/FORMAT.md fixes the order of the first five (most important first).
`wait` (days families wait in reception) and `vacancy` (days homes stand empty) plan with time;
`changes` (households whose home differs from the previous plan) keeps a re-plan stable."""

DEFAULT_ORDER: tuple[str, ...] = ("persons", "splits", "away", "shortfall", "unused")
"""The v2 default order (docs/FORMAT.md): a split only when forced (casus 4), the own municipality
before a neighbour's quota (Q6, Q7); add `wait`/`vacancy` to plan with arrival dates."""

V1_ORDER: tuple[str, ...] = ("persons", "shortfall", "away", "splits", "unused")
"""The v1 default order, still selectable with `objective_order`."""

OBJECTIVE_SENSE: dict[str, Literal["max", "min"]] = {
    "persons": "max",
    "shortfall": "min",
    "away": "min",
    "splits": "min",
    "unused": "min",
    "wait": "min",
    "vacancy": "min",
    "changes": "min",
}

DATED_MAX_VACANCY_DAYS = 28
"""max_vacancy_days when planning with time and the policy sets none: a home is held at most four
weeks for an arriving family."""


class Policy(BaseModel):
    """Every rule default of docs/FORMAT.md (Policy keys); a policy.toml or policy sheet overrides keys."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    rent_limit_small: float = Field(713.02, ge=0, description="2026 aftoppingsgrens, 1-2 persons")
    rent_limit_large: float = Field(764.14, ge=0, description="2026 aftoppingsgrens, 3+ persons")
    rent_large_from_persons: int = Field(3, ge=1, description="group size where the large limit starts")
    rent_limit_young: float = Field(
        498.20, ge=0, description="2026 huurtoeslag limit when every person of the group is 18-20"
    )
    rent_limit_young_applies: bool = Field(
        True, description="apply rent_limit_young to groups of young adults only (split-off children)"
    )
    young_max_age: int = Field(20, ge=0, le=120, description="oldest age the youth rent limit covers")
    bedroom_norm: Literal["eurostat", "one_per_person", "two_per_room"] = Field(
        "eurostat", description="needed-bedroom norm (Eurostat, as cited by the minister in 2024)"
    )
    adult_age: int = Field(18, ge=1, le=120, description="age from which a person is an adult")
    child_shared_room_age: int = Field(
        12, ge=0, le=18, description="children under this age share a room two to one"
    )
    woningcheck: bool = Field(True, description="Q5: family joins the referent when the home fits")
    regional_cooperation: bool = Field(True, description="Q6: same-region municipalities house")
    amv_municipality_allowed: bool = Field(True, description="Q7: house AMV families where the minor lives")
    split_allowed: bool = Field(True, description="casus 4: two addresses when no home fits all")
    split_roles: list[Role] = Field(
        default_factory=lambda: ["child", "sibling"],
        description="roles that may live at the second address (casus 4)",
    )
    split_min_age: int = Field(18, ge=0, le=120, description="minimum age at the second address")
    split_when: Literal["no_home_in_plan", "no_fitting_home"] = Field(
        "no_home_in_plan",
        description="casus 4: split when the plan gives no single home (v2) or only when none fits (v1)",
    )
    objective_order: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ORDER), description="objective terms, most important first"
    )
    objective_mode: Literal["lexicographic", "weighted"] = Field(
        "lexicographic", description="solve stage by stage, or one solve with separated weights"
    )
    time_limit: float = Field(60.0, gt=0, le=86_400, description="seconds for the whole solve")
    ind_decision_months: int = Field(6, ge=0, le=60, description="Q3: IND decides within six months")
    mvv_collect_months: int = Field(
        3, ge=0, le=60, description="Q3: mvv collected within 3 months of the decision"
    )
    travel_months: int = Field(3, ge=0, le=60, description="Q3: family travels within 3 months of the mvv")
    max_vacancy_days: int | None = Field(
        None,
        ge=0,
        le=3_650,
        description="Q3: days a home may stand empty waiting for its family "
        f"(none: no limit; {DATED_MAX_VACANCY_DAYS} when planning with time and not set)",
    )
    max_reception_wait_days: int | None = Field(
        None,
        ge=0,
        le=3_650,
        description="Q5: days a family may wait in reception for its home (none: no limit)",
    )
    quota_period_end: date | None = Field(
        None,
        description="Q10: last day of the taakstelling period; homes free later count for the next",
    )
    planning_date: date | None = Field(
        None,
        description="day the plan is made: homes without a date are free then, families without one "
        "here (none: today, when planning with time)",
    )
    plan_with_time: bool | None = Field(
        None,
        description="plan with arrival and availability dates (none: when the scenario has any date)",
    )
    horizon_days: int | None = Field(
        91,
        ge=0,
        le=3_650,
        description="when planning with time, families arriving and homes free later than this many "
        "days after the planning date are planned later (LATER); 91: the COA's ten weeks to house "
        "plus two to move (none: no horizon)",
    )
    time_bucket_days: int = Field(
        7, ge=1, le=365, description="Q3: dates compared in buckets of this many days"
    )
    likely_term_share: float = Field(
        0.5, ge=0, le=1, description="Q3: likely arrival lies this share of the way from earliest to latest"
    )

    @field_validator("objective_order")
    @classmethod
    def _known_terms(cls, order: list[str]) -> list[str]:
        unknown = [t for t in order if t not in OBJECTIVE_TERMS]
        if unknown:
            raise ValueError(f"unknown objective term(s) {unknown}; known: {list(OBJECTIVE_TERMS)}")
        if len(set(order)) != len(order):
            raise ValueError("objective terms must not repeat")
        return order

    def rent_limit(self, persons: int) -> float:
        """Rent ceiling for a group of this size (passend toewijzen)."""
        return self.rent_limit_large if persons >= self.rent_large_from_persons else self.rent_limit_small
