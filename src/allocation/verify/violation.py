"""What the verifier reports: one broken hard rule, for one household and/or dwelling."""

from __future__ import annotations

from dataclasses import dataclass

RULES: dict[str, str] = {
    "UNKNOWN_HOUSEHOLD": "a plan row names a household that is not in the scenario",
    "UNKNOWN_DWELLING": "an assignment names a dwelling that is not in the scenario",
    "MUNICIPALITY_MISMATCH": "an assignment's municipality is not its dwelling's municipality",
    "HOUSEHOLD_NOT_COVERED": "a household is neither housed nor listed as unassigned",
    "HOUSEHOLD_COVERED_TWICE": "a household is both housed and unassigned, or unassigned twice",
    "UNASSIGNED_WITHOUT_REASON": "an unassigned household has no reason code or reason",
    "ONE_DWELLING_PER_HOUSEHOLD": "a household has one dwelling, or two split rows (casus 4)",
    "PERSONS_MISMATCH": "the persons placed are not exactly the household's members, each once",
    "ONE_HOUSEHOLD_PER_DWELLING": "a dwelling is given to more than one household or group",
    "FIT_OCCUPANTS": "more persons than the dwelling's max_occupants",
    "FIT_BEDROOMS": "fewer bedrooms than the group needs under the bedroom norm",
    "FIT_ACCESSIBLE": "a group with a person who needs step-free, or the referent of a household "
    "that does, gets a dwelling with steps",
    "FIT_ROOM": "a room (kamerbewoning) is given to a group of more than one person",
    "FIT_RENT": "a new home's rent is above the limit for the group (by size; 498.20 for 18-20s)",
    "OUT_OF_REACH": "the dwelling is outside the municipalities the household may be housed in (Q6, Q7)",
    "JOIN_ELSEWHERE": "kind join at a dwelling that is not the household's current dwelling",
    "MOVE_INTO_CURRENT_DWELLING": "kind move into the referent's own current dwelling (that is a join)",
    "WONINGCHECK": "the referent's home fits the whole household, so the household joins there (Q5)",
    "DWELLING_OCCUPIED": "a dwelling still occupied by another household's referent is given away",
    "SPLIT_DISABLED": "a split household while the policy allows no splits",
    "SPLIT_NOT_NEEDED": "with split_when = no_fitting_home, a split household that a reachable "
    "dwelling fits whole (casus 4)",
    "SPLIT_MUNICIPALITIES": "the two addresses of a split household are in different municipalities",
    "SPLIT_MEMBER": "someone who may not live at the second address of a split household lives there",
    "PIN_DWELLING": "a housed household does not get its pinned dwelling",
    "PIN_MUNICIPALITY": "a housed household is housed outside its pinned municipality",
    "TIMING_WAIT": "a family waits in reception longer than the policy allows for its home",
    "TIMING_VACANCY": "a home stands empty longer than the policy allows before its family arrives",
    "REFUSED_HOUSED": "a household whose application was refused (afgewezen) is given a home",
    "REASON_UNTRUE": "an unassigned household's reason code is contradicted by the homes that fit it "
    "(whole or split) and by which of them the plan leaves free",
    "QUOTA_LINE": "the quota report lacks, repeats or invents a municipality, or misstates its quota",
    "QUOTA_HOUSED_BEFORE": "housed_before differs from the municipality's housed count",
    "QUOTA_NEWLY_COUNTED": "newly_counted differs from the persons the plan counts there (Q6, Q10)",
    "QUOTA_SHORTFALL": "shortfall is not max(0, quota - housed_before - newly_counted)",
    "QUOTA_NEXT_PERIOD": "counted_next_period differs from the persons housed in homes free after "
    "quota_period_end (Q10)",
}
"""Every rule code the verifier can report, with what it means; codes are stable for scripts."""


@dataclass(frozen=True)
class Violation:
    """One broken hard rule; `rule` is a stable code from RULES, `message` a planner's sentence."""

    rule: str
    household: str | None
    dwelling: str | None
    message: str

    def __str__(self) -> str:
        where = [f"household {self.household}"] if self.household else []
        where += [f"dwelling {self.dwelling}"] if self.dwelling else []
        return (
            f"{self.rule} ({', '.join(where)}): {self.message}" if where else f"{self.rule}: {self.message}"
        )
