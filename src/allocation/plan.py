"""A solver-neutral plan: who lives where, who is left out and why, and the quota report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from allocation.policy import Policy

AssignmentKind = Literal["join", "move", "split"]
Status = Literal["optimal", "feasible", "infeasible", "unknown"]
Mark = Literal["planned", "announced", "moved_in"]
"""The planner's status of an assignment: planned may still change, announced (the family was told)
and moved_in (the family lives there) bind a re-plan."""
MARKS: tuple[Mark, ...] = ("planned", "announced", "moved_in")

REASON_NO_FITTING_DWELLING = "NO_FITTING_DWELLING"
REASON_DWELLINGS_TAKEN = "DWELLINGS_TAKEN"
REASON_LATER = "LATER"
"""Planning with time: the likely arrival lies beyond the planning horizon; planned nearer the time."""


class ScoreParts(BaseModel):
    """What one household's placement contributes to each objective term."""

    model_config = ConfigDict(extra="forbid")

    persons: int = 0
    quota_effect: int = 0
    away: bool = False
    split: bool = False
    unused_capacity: int = 0
    wait_days: int | None = None
    """Days from the family's likely arrival until the home is free (None: a date is unknown)."""
    vacancy_days: int | None = None
    """Days the home stands empty before the family arrives (None: a date is unknown)."""


class Assignment(BaseModel):
    """One household at one dwelling (a split household has two)."""

    model_config = ConfigDict(extra="forbid")

    household: str
    dwelling: str
    municipality: str
    kind: AssignmentKind
    persons: int = Field(ge=1)
    person_ids: list[str]
    score: ScoreParts | None = None


class Unassigned(BaseModel):
    """A household the plan leaves out, with a reason a planner understands."""

    model_config = ConfigDict(extra="forbid")

    household: str
    persons: int = Field(ge=0)
    reason_code: str
    reason: str


class QuotaLine(BaseModel):
    """Taakstelling progress of one municipality under the plan."""

    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    quota: int
    housed_before: int
    newly_counted: int
    shortfall: int
    counted_next_period: int = 0
    """Persons housed in a home free after quota_period_end: they count for the next period (Q10)."""


class SolveStats(BaseModel):
    """How the solve went: status, objective, bound, gap and time."""

    model_config = ConfigDict(extra="forbid")

    status: Status = "unknown"
    solver: str = ""
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    solve_seconds: float = 0.0
    """Wall seconds of the whole solve() call: aggregating, building, solving, explaining."""
    build_seconds: float = 0.0
    """Seconds building the component models, summed over the threads that build them."""
    read_seconds: float = 0.0
    """Wall seconds reading and validating the scenario (filled by the caller that read it)."""
    aggregate_seconds: float = 0.0
    """Wall seconds grouping households and dwellings into classes, types and components."""
    solve_phase_seconds: float = 0.0
    """Wall seconds of the components' phase: building, solving and disaggregating, in parallel."""
    solver_seconds: float = 0.0
    """Seconds inside the solver library itself, summed over the threads that call it."""
    disaggregate_seconds: float = 0.0
    """Seconds turning counts into named households and dwellings, summed over the threads."""
    explain_seconds: float = 0.0
    """Wall seconds for the scores, the quota report and the reasons of those left out."""
    verify_seconds: float = 0.0
    """Wall seconds of the independent verifier (filled by the caller that ran it)."""
    write_seconds: float = 0.0
    """Wall seconds writing the plan files before summary.json (write_plan(timed=True) reports it there)."""
    objective_terms: dict[str, float] = Field(default_factory=dict)
    message: str = ""


PHASE_FIELDS: dict[str, str] = {
    "read": "read_seconds",
    "aggregate": "aggregate_seconds",
    "build": "build_seconds",
    "solve": "solve_phase_seconds",
    "solver": "solver_seconds",
    "disaggregate": "disaggregate_seconds",
    "explain": "explain_seconds",
    "verify": "verify_seconds",
    "write": "write_seconds",
}
"""summary.json `phase_seconds` key -> the SolveStats field it reports."""


class Plan(BaseModel):
    """The result of a solve; `allocation.verify` checks it against the scenario."""

    model_config = ConfigDict(extra="forbid")

    assignments: list[Assignment] = Field(default_factory=list)
    unassigned: list[Unassigned] = Field(default_factory=list)
    quota: list[QuotaLine] = Field(default_factory=list)
    stats: SolveStats = Field(default_factory=SolveStats)
    policy: Policy | None = None
    """The rules the plan was made under when they differ from the scenario's own: a dated plan
    fills in the planning date and the vacancy limit (docs/FORMAT.md, planning with time)."""
    statuses: dict[str, Mark] = Field(default_factory=dict)
    """Households the planner marked announced or moved in (household -> mark; planned when not
    here): a re-plan keeps them in their homes and carries the marks on to its own plan."""

    def housed_households(self) -> list[str]:
        """Ids of housed households, in assignment order, each once."""
        return list(dict.fromkeys(a.household for a in self.assignments))

    def assignments_of(self, household_id: str) -> list[Assignment]:
        """The one or two assignments of a household (empty when unassigned)."""
        return [a for a in self.assignments if a.household == household_id]

    def assignments_by_household(self) -> dict[str, list[Assignment]]:
        """Household -> its one or two assignments, for walks over a whole plan (assignments_of scans)."""
        groups: dict[str, list[Assignment]] = {}
        for a in self.assignments:
            groups.setdefault(a.household, []).append(a)
        return groups

    def phase_seconds(self) -> dict[str, float]:
        """Where the time went: wall seconds per phase; build, solver and disaggregate thread-summed."""
        return {phase: round(getattr(self.stats, name), 3) for phase, name in PHASE_FIELDS.items()}

    def summary(self) -> dict:
        """The summary.json contents of docs/FORMAT.md (`allocation solve`)."""
        housed = self.housed_households()
        s = self.stats
        return {
            "status": s.status,
            "persons_housed": sum(a.persons for a in self.assignments),
            "households_housed": len(housed),
            "households_unassigned": len(self.unassigned),
            "splits": len({a.household for a in self.assignments if a.kind == "split"}),
            "objective": s.objective,
            "bound": s.bound,
            "gap": s.gap,
            "solve_seconds": round(s.solve_seconds, 3),
            "build_seconds": round(s.build_seconds, 3),
            "solver_seconds": round(s.solver_seconds, 3),
            "phase_seconds": self.phase_seconds(),
            "solver": s.solver,
            "objective_terms": s.objective_terms,
            "shortfall": sum(q.shortfall for q in self.quota),
            "message": s.message,
        } | ({"policy": self.policy.model_dump(mode="json")} if self.policy is not None else {})
