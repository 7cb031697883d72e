"""verify(): a hand-made valid plan passes; each hand-made breach of one hard rule is caught by name.

The scenario is a small cooperation region: Aastad and Beedorp share region R1, Ceeveen has none.
Each test changes the valid plan in one place (the changed rows go last) and keeps the quota
report true to the changed plan, so exactly the broken rule is reported.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import random
import time
from datetime import date
from pathlib import Path

import pytest

import allocation
from allocation.plan import Assignment, Plan, QuotaLine, Unassigned
from allocation.scenario import Scenario
from allocation.verify import RULES, Violation, verify
from allocation.verify.index import PlanIndex
from allocation.verify.norms import misfits, needs_step_free
from allocation.verify.reasons import check_reasons
from builders import (
    CASUS4_NINE,
    assignment,
    dwelling,
    family,
    household,
    municipality,
    person,
    plan,
    quota_lines,
    scenario,
    unassigned,
)

NEWLY = {"GM0001": 14, "GM0002": 7, "GM0003": 4}
"""Persons the valid plan counts per municipality (H2's and H7's referents were counted before)."""


def region(*extra_dwellings, households=None, **policy) -> Scenario:
    """The test region; extra dwellings, replaced households or policy changes per test."""
    homes = [
        household("H1", "GM0001"),
        household("H2", "GM0001", current_dwelling="D2"),
        household("H3", "GM0002"),
        household("H4", "GM0003", amv_municipality="GM0002", needs_accessible=True),
        household("H5", "GM0001"),
        household("H6", "GM0003"),
        household("H7", "GM0003", current_dwelling="D8"),
        household("H8", "GM0003"),
        household("H9", "GM0002"),
    ]
    for h in households or []:
        homes = [h if old.id == h.id else old for old in homes]
    return scenario(
        [
            municipality("GM0001", "Aastad", region="R1", quota=18, housed=2),
            municipality("GM0002", "Beedorp", region="R1", quota=8),
            municipality("GM0003", "Ceeveen", quota=6, housed=1),
        ],
        [
            dwelling("D1", "GM0001", bedrooms=3, max_occupants=5, rent=750),
            dwelling("D2", "GM0001", bedrooms=1, max_occupants=2, rent=600),
            dwelling("D3", "GM0002", bedrooms=1, max_occupants=1, rent=400, kind="room"),
            dwelling("D4", "GM0002", bedrooms=3, max_occupants=5, accessible=True),
            dwelling("D5", "GM0001", bedrooms=5, max_occupants=7, rent=700),
            dwelling("D6", "GM0001", bedrooms=2, max_occupants=2, rent=490),
            dwelling("D7", "GM0003", bedrooms=3, max_occupants=5),
            dwelling("D8", "GM0003", bedrooms=1, max_occupants=2, rent=500),
            dwelling("S1", "GM0002", bedrooms=2, max_occupants=3),
            dwelling("S2", "GM0001", bedrooms=1, max_occupants=4),
            dwelling("S3", "GM0002", bedrooms=1, max_occupants=2, rent=740),
            dwelling("S4", "GM0003", bedrooms=3, max_occupants=5),
            dwelling("S5", "GM0002", bedrooms=1, max_occupants=2, kind="room"),
            dwelling("S6", "GM0002", bedrooms=1, max_occupants=2, rent=680),
            *extra_dwellings,
        ],
        homes,
        [
            *family("H1", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 8, "m"), ("child", 5, "f")),
            *family("H2", ("referent", 30, "m"), ("partner", 28, "f")),
            *family("H3", ("referent", 23, "f")),
            *family(
                "H4", ("referent", 16, "m"), ("parent", 45, "m"), ("parent", 42, "f"), ("sibling", 10, "f")
            ),
            *family("H5", *CASUS4_NINE),
            *family("H6", ("referent", 40, "m")),
            *family("H7", ("referent", 38, "m"), ("partner", 36, "f"), ("child", 12, "m"), ("child", 9, "f")),
            *family(
                "H8",
                ("referent", 50, "m"),
                ("partner", 48, "f"),
                ("child", 15, "m"),
                ("child", 13, "f"),
                ("child", 11, "m"),
                ("child", 9, "f"),
                ("child", 7, "m"),
                ("child", 4, "f"),
            ),
            *family("H9", ("referent", 24, "m"), ("partner", 22, "f")),
        ],
        **policy,
    )


H5_ADULT_CHILDREN = ["H5-3", "H5-4"]
H5_STAYING = ["H5-1", "H5-2", "H5-5", "H5-6", "H5-7", "H5-8", "H5-9"]


def valid_plan(s: Scenario) -> Plan:
    """Everyone housed who can be: H5 split as casus 4, H7 vacates D8 for H6, H8 fits nowhere."""
    return plan(
        [
            assignment(s, "H1", "D1"),
            assignment(s, "H2", "D2", "join"),
            assignment(s, "H3", "D3"),
            assignment(s, "H4", "D4"),
            assignment(s, "H5", "D5", "split", H5_STAYING),
            assignment(s, "H5", "D6", "split", H5_ADULT_CHILDREN),
            assignment(s, "H6", "D8"),
            assignment(s, "H7", "D7"),
            assignment(s, "H9", "S6"),
        ],
        [unassigned(s, "H8")],
        quota_lines(s, NEWLY),
    )


def changed(
    s: Scenario,
    household_id: str,
    *rows: Assignment,
    left_out: Unassigned | None = None,
    newly: dict[str, int] | None = None,
) -> Plan:
    """The valid plan with one household's rows replaced (appended last) and the quota made true."""
    base = valid_plan(s)
    kept = [a for a in base.assignments if a.household != household_id]
    out = [u for u in base.unassigned if u.household != household_id]
    return plan(kept + list(rows), out + ([left_out] if left_out else []), quota_lines(s, newly or NEWLY))


def found(violations: list[Violation]) -> list[tuple[str, str | None, str | None]]:
    """(rule, household, dwelling) of each violation, for exact comparison."""
    return [(v.rule, v.household, v.dwelling) for v in violations]


@pytest.fixture
def s() -> Scenario:
    return region()


# --- the valid plan ----------------------------------------------------------------------------


def test_valid_plan_has_no_violations(s):
    assert verify(s, valid_plan(s)) == []


def test_verify_is_exported_and_every_reported_rule_is_documented(s):
    assert allocation.verify is verify
    broken = plan([assignment(s, "H1", "D3", "join")])
    assert {v.rule for v in verify(s, broken)} <= set(RULES)


def test_violation_reads_as_a_sentence():
    v = Violation("FIT_ROOM", "H9", "S5", "S5 is a room (kamerbewoning) and houses one person, not 2")
    assert (
        str(v)
        == "FIT_ROOM (household H9, dwelling S5): S5 is a room (kamerbewoning) and houses one person, not 2"
    )
    assert str(Violation("QUOTA_LINE", None, None, "no line for GM0003")) == "QUOTA_LINE: no line for GM0003"


def verify_imports() -> set[str]:
    """Every module the verify package imports, from its source (ast), relative imports resolved."""
    package = Path(importlib.import_module("allocation.verify").__file__).parent
    imported = set()
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom):
                imported.add("allocation.verify" if node.level else node.module)
                if node.level and node.module:
                    imported.add(f"allocation.verify.{node.module}")
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    return imported


def test_verifier_shares_no_code_with_rules_model_or_forecast():
    imported = verify_imports()
    forbidden = ("allocation.rules", "allocation.model", "allocation.forecast")
    assert [m for m in imported if m == "allocation" or m.startswith(forbidden)] == []
    # allocation.cores only runs the checks on two cores; it knows no rule.
    allowed = (
        "allocation.plan",
        "allocation.policy",
        "allocation.scenario",
        "allocation.verify",
        "allocation.cores",
    )
    assert {m for m in imported if m.startswith("allocation")} <= {
        m for m in imported if m.startswith(allowed)
    }
    assert "allocation.verify.index" in imported  # the walk saw the package's own imports


def test_a_plan_full_of_nonsense_is_reported_not_raised(s):
    nonsense = plan(
        [
            Assignment(
                household="H1", dwelling="D1", municipality="GM9", kind="split", persons=9, person_ids=["?"]
            ),
            Assignment(
                household="H1", dwelling="X", municipality="GM9", kind="join", persons=1, person_ids=["H5-1"]
            ),
            Assignment(
                household="H1", dwelling="D1", municipality="GM0001", kind="move", persons=1, person_ids=[]
            ),
        ],
        [Unassigned(household="H1", persons=0, reason_code="", reason="")],
    )
    rules = {v.rule for v in verify(s, nonsense)}
    assert {"UNKNOWN_DWELLING", "MUNICIPALITY_MISMATCH", "HOUSEHOLD_NOT_COVERED", "PERSONS_MISMATCH"} <= rules
    assert {"ONE_DWELLING_PER_HOUSEHOLD", "ONE_HOUSEHOLD_PER_DWELLING", "QUOTA_LINE"} <= rules


# --- references ---------------------------------------------------------------------------------


def test_unknown_household_in_an_assignment(s):
    stranger = Assignment(
        household="H99", dwelling="S1", municipality="GM0002", kind="move", persons=1, person_ids=["P"]
    )
    broken = changed(s, "H99", stranger)
    assert found(verify(s, broken)) == [("UNKNOWN_HOUSEHOLD", "H99", "S1")]


def test_unknown_household_in_unassigned(s):
    broken = changed(s, "H99", left_out=Unassigned(household="H99", persons=1, reason_code="X", reason="x"))
    assert found(verify(s, broken)) == [("UNKNOWN_HOUSEHOLD", "H99", None)]


def test_unknown_dwelling(s):
    row = assignment(s, "H3", "D3").model_copy(update={"dwelling": "D99"})
    assert found(verify(s, changed(s, "H3", row))) == [("UNKNOWN_DWELLING", "H3", "D99")]


def test_municipality_must_be_the_dwellings(s):
    row = assignment(s, "H3", "D3").model_copy(update={"municipality": "GM0001"})
    violations = verify(s, changed(s, "H3", row))
    assert found(violations) == [("MUNICIPALITY_MISMATCH", "H3", "D3")]
    assert "D3 in GM0001, but it lies in GM0002" in violations[0].message


# --- coverage -----------------------------------------------------------------------------------


def test_household_neither_housed_nor_unassigned(s):
    base = valid_plan(s)
    broken = base.model_copy(update={"unassigned": []})
    assert found(verify(s, broken)) == [("HOUSEHOLD_NOT_COVERED", "H8", None)]


def test_household_housed_and_unassigned(s):
    base = valid_plan(s)
    broken = base.model_copy(
        update={"unassigned": [*base.unassigned, unassigned(s, "H1", "DWELLINGS_TAKEN")]}
    )
    assert found(verify(s, broken)) == [("HOUSEHOLD_COVERED_TWICE", "H1", None)]


def test_household_unassigned_twice(s):
    base = valid_plan(s)
    broken = base.model_copy(update={"unassigned": [*base.unassigned, unassigned(s, "H8")]})
    assert found(verify(s, broken)) == [("HOUSEHOLD_COVERED_TWICE", "H8", None)]


@pytest.mark.parametrize(("code", "reason"), [("", "nothing fits"), ("NO_FITTING_DWELLING", " ")])
def test_unassigned_needs_code_and_reason(s, code, reason):
    left_out = Unassigned(household="H8", persons=8, reason_code=code, reason=reason)
    assert found(verify(s, changed(s, "H8", left_out=left_out))) == [
        ("UNASSIGNED_WITHOUT_REASON", "H8", None)
    ]


# --- one dwelling per household -----------------------------------------------------------------


def test_three_addresses_are_never_allowed(s):
    broken = changed(
        s,
        "H5",
        assignment(s, "H5", "D5", "split", H5_STAYING),
        assignment(s, "H5", "D6", "split", ["H5-3"]),
        assignment(s, "H5", "S2", "split", ["H5-4"]),
    )
    violations = verify(s, broken)
    assert found(violations) == [("ONE_DWELLING_PER_HOUSEHOLD", "H5", None)]
    assert "3 addresses" in violations[0].message


def test_two_rows_must_both_be_split(s):
    broken = changed(
        s,
        "H1",
        assignment(s, "H1", "D1", "move", ["H1-1", "H1-2", "H1-3"]),
        assignment(s, "H1", "S2", "move", ["H1-4"]),
    )
    assert found(verify(s, broken)) == [("ONE_DWELLING_PER_HOUSEHOLD", "H1", None)]


def test_a_single_row_is_not_a_split(s):
    broken = changed(s, "H3", assignment(s, "H3", "D3", "split"))
    assert found(verify(s, broken)) == [("ONE_DWELLING_PER_HOUSEHOLD", "H3", None)]


# --- persons ------------------------------------------------------------------------------------


def test_persons_count_must_match_the_listed_ids(s):
    row = assignment(s, "H1", "D1").model_copy(update={"persons": 5})
    assert found(verify(s, changed(s, "H1", row))) == [("PERSONS_MISMATCH", "H1", "D1")]


def test_a_housed_household_moves_whole(s):
    row = assignment(s, "H1", "D1", person_ids=["H1-1", "H1-2", "H1-3"])
    violations = verify(s, changed(s, "H1", row, newly={**NEWLY, "GM0001": 13}))
    assert found(violations) == [("PERSONS_MISMATCH", "H1", None)]
    assert "H1-4 of H1 is not placed" in violations[0].message


def test_a_person_of_another_household_is_not_placed_with_this_one(s):
    row = assignment(s, "H1", "D1", person_ids=["H1-1", "H1-2", "H1-3", "H1-4", "H6-1"])
    violations = verify(s, changed(s, "H1", row))
    assert found(violations) == [("PERSONS_MISMATCH", "H1", "D1")]
    assert "H6-1 is not of H1" in violations[0].message


def test_a_person_is_placed_once(s):
    row = assignment(s, "H1", "D1", person_ids=["H1-1", "H1-2", "H1-3", "H1-4", "H1-4"])
    violations = verify(s, changed(s, "H1", row))
    assert found(violations) == [("PERSONS_MISMATCH", "H1", None)]
    assert "H1-4 placed more than once" in violations[0].message


def test_unassigned_persons_must_be_the_household_size(s):
    left_out = Unassigned(household="H8", persons=7, reason_code="NO_FITTING_DWELLING", reason="nothing fits")
    assert found(verify(s, changed(s, "H8", left_out=left_out))) == [("PERSONS_MISMATCH", "H8", None)]


# --- one household per dwelling -----------------------------------------------------------------


def test_a_dwelling_houses_one_household(s):
    violations = verify(s, changed(s, "H3", assignment(s, "H3", "D4")))
    assert found(violations) == [("ONE_HOUSEHOLD_PER_DWELLING", "H3", "D4")]
    assert "already given to H4" in violations[0].message


# --- fit ----------------------------------------------------------------------------------------


def test_more_persons_than_max_occupants(s):
    broken = changed(s, "H1", assignment(s, "H1", "S1"), newly={**NEWLY, "GM0001": 10, "GM0002": 11})
    assert found(verify(s, broken)) == [("FIT_OCCUPANTS", "H1", "S1")]


def test_too_few_bedrooms(s):
    violations = verify(s, changed(s, "H1", assignment(s, "H1", "S2")))
    assert found(violations) == [("FIT_BEDROOMS", "H1", "S2")]
    assert violations[0].message == "the group needs 2 bedrooms, S2 has 1"


def test_step_free_needed(s):
    broken = changed(s, "H4", assignment(s, "H4", "S4"), newly={**NEWLY, "GM0002": 3, "GM0003": 8})
    assert found(verify(s, broken)) == [("FIT_ACCESSIBLE", "H4", "S4")]


def test_a_room_houses_one_person_only(s):
    assert verify(s, valid_plan(s)) == []  # H3 alone in room D3
    assert found(verify(s, changed(s, "H9", assignment(s, "H9", "S5")))) == [("FIT_ROOM", "H9", "S5")]


@pytest.mark.parametrize(("rent_limit_small", "expected"), [(713.02, [("FIT_RENT", "H9", "S3")]), (740, [])])
def test_rent_above_the_limit_for_the_group_size(rent_limit_small, expected):
    s = region(rent_limit_small=rent_limit_small)
    assert found(verify(s, changed(s, "H9", assignment(s, "H9", "S3")))) == expected


# --- reach --------------------------------------------------------------------------------------


def test_outside_own_municipality_and_region(s):
    broken = changed(s, "H3", assignment(s, "H3", "S4"), newly={**NEWLY, "GM0002": 6, "GM0003": 5})
    violations = verify(s, broken)
    assert found(violations) == [("OUT_OF_REACH", "H3", "S4")]
    assert "GM0001, GM0002" in violations[0].message


@pytest.mark.parametrize(("cooperation", "expected"), [(True, []), (False, [("OUT_OF_REACH", "H9", "S2")])])
def test_region_partner_only_under_cooperation(cooperation, expected):
    s = region(regional_cooperation=cooperation)
    broken = changed(s, "H9", assignment(s, "H9", "S2"), newly={**NEWLY, "GM0001": 16, "GM0002": 5})
    assert found(verify(s, broken)) == expected


@pytest.mark.parametrize(("amv_allowed", "expected"), [(True, []), (False, [("OUT_OF_REACH", "H4", "D4")])])
def test_amv_family_where_the_minor_lives(amv_allowed, expected):
    s = region(amv_municipality_allowed=amv_allowed)
    assert found(verify(s, valid_plan(s))) == expected


# --- join and woningcheck -----------------------------------------------------------------------


def test_join_only_at_the_referents_home(s):
    violations = verify(s, changed(s, "H1", assignment(s, "H1", "D1", "join")))
    assert found(violations) == [("JOIN_ELSEWHERE", "H1", "D1")]
    assert "no dwelling yet" in violations[0].message


def test_staying_home_is_a_join_not_a_move(s):
    assert found(verify(s, changed(s, "H2", assignment(s, "H2", "D2", "move")))) == [
        ("MOVE_INTO_CURRENT_DWELLING", "H2", "D2")
    ]


@pytest.mark.parametrize(("woningcheck", "expected"), [(True, [("WONINGCHECK", "H2", "D2")]), (False, [])])
def test_woningcheck_keeps_a_fitting_home(woningcheck, expected):
    s = region(woningcheck=woningcheck)
    broken = changed(s, "H2", assignment(s, "H2", "S1"), newly={**NEWLY, "GM0001": 13, "GM0002": 8})
    assert found(verify(s, broken)) == expected


def test_woningcheck_household_is_not_left_out(s):
    broken = changed(s, "H2", left_out=unassigned(s, "H2", "NOT_PLACED"), newly={**NEWLY, "GM0001": 13})
    violations = verify(s, broken)
    assert found(violations) == [("WONINGCHECK", "H2", "D2")]
    assert "left unassigned" in violations[0].message


# --- occupied dwellings -------------------------------------------------------------------------


def test_an_occupied_home_goes_to_another_only_when_vacated(s):
    assert verify(s, valid_plan(s)) == []  # H7 moves to D7, so H6 may have D8
    broken = changed(s, "H7", left_out=unassigned(s, "H7", "NOT_PLACED"), newly={**NEWLY, "GM0003": 1})
    violations = verify(s, broken)
    assert found(violations) == [("DWELLING_OCCUPIED", "H6", "D8")]
    assert "home of H7's referent" in violations[0].message


# --- split (casus 4) ----------------------------------------------------------------------------


def test_no_split_when_the_policy_forbids_it():
    s = region(split_allowed=False)
    assert found(verify(s, valid_plan(s))) == [("SPLIT_DISABLED", "H5", None)]


@pytest.mark.parametrize(
    ("split_when", "expected"),
    [("no_fitting_home", [("SPLIT_NOT_NEEDED", "H5", "BIG")]), ("no_home_in_plan", [])],
)
def test_split_beside_an_empty_home_for_all_only_under_v2(split_when, expected):
    # BIG stays empty: a plan that splits H5 anyway is valid under v2 (the persons order ranks it
    # worse, the verifier does not), not under the v1 rule.
    s = region(dwelling("BIG", "GM0002", bedrooms=6, max_occupants=9), split_when=split_when)
    assert found(verify(s, valid_plan(s))) == expected


@pytest.mark.parametrize(
    ("split_when", "expected"),
    [("no_fitting_home", [("SPLIT_NOT_NEEDED", "H5", "BIG")]), ("no_home_in_plan", [])],
)
def test_casus4_split_when_the_home_for_all_goes_to_another_family(split_when, expected):
    # H3 (in reception) gets BIG, the one home for nine: v2 lets H5 split (noodgedwongen), v1 not.
    big = dwelling("BIG", "GM0002", bedrooms=6, max_occupants=9)
    s = region(big, split_when=split_when)
    taken = changed(s, "H3", assignment(s, "H3", "BIG"))
    assert found(verify(s, taken)) == expected


def test_no_split_under_v1_when_even_an_occupied_reachable_dwelling_fits_the_family():
    big = dwelling("BIG", "GM0002", bedrooms=6, max_occupants=9)
    s = region(
        big, households=[household("H3", "GM0002", current_dwelling="BIG")], split_when="no_fitting_home"
    )
    broken = changed(s, "H3", assignment(s, "H3", "BIG", "join"), newly={**NEWLY, "GM0002": 6})
    assert found(verify(s, broken)) == [("SPLIT_NOT_NEEDED", "H5", "BIG")]


def test_a_home_beyond_its_reach_does_not_make_a_split_needless():
    s = region(dwelling("BIG", "GM0003", bedrooms=6, max_occupants=9), split_when="no_fitting_home")
    assert "SPLIT_NOT_NEEDED" not in {v.rule for v in verify(s, valid_plan(s))}


def test_split_addresses_in_one_municipality(s):
    broken = changed(
        s,
        "H5",
        assignment(s, "H5", "D5", "split", H5_STAYING),
        assignment(s, "H5", "S1", "split", H5_ADULT_CHILDREN),
        newly={**NEWLY, "GM0001": 12, "GM0002": 9},
    )
    assert found(verify(s, broken)) == [("SPLIT_MUNICIPALITIES", "H5", "S1")]


@pytest.mark.parametrize(
    ("second", "offender", "text"),
    [
        (["H5-3", "H5-5"], "H5-5", "H5-5 (child, 16)"),  # a minor never lives apart
        (["H5-2", "H5-3"], "H5-2", "H5-2 (partner, 43)"),  # only children or siblings
    ],
)
def test_only_adult_children_or_siblings_at_the_second_address(s, second, offender, text):
    first = [p.id for p in s.members("H5") if p.id not in second]
    broken = changed(
        s,
        "H5",
        assignment(s, "H5", "D5", "split", first),
        assignment(s, "H5", "D6", "split", second),
    )
    violations = verify(s, broken)
    assert found(violations) == [("SPLIT_MEMBER", "H5", "D6")]
    assert violations[0].message.startswith(text)


# --- pins ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pin", "expected"), [("D1", []), ("S2", [("PIN_DWELLING", "H1", "S2")])])
def test_pinned_dwelling(pin, expected):
    s = region(households=[household("H1", "GM0001", pinned_dwelling=pin)])
    assert found(verify(s, valid_plan(s))) == expected


def test_pinned_dwelling_holds_the_referent_not_the_split_off_group():
    s = region(households=[household("H5", "GM0001", pinned_dwelling="D6")])
    assert found(verify(s, valid_plan(s))) == [("PIN_DWELLING", "H5", "D6")]


@pytest.mark.parametrize(
    ("pin", "expected"), [("GM0001", []), ("GM0002", [("PIN_MUNICIPALITY", "H1", "D1")])]
)
def test_pinned_municipality(pin, expected):
    s = region(households=[household("H1", "GM0001", pinned_municipality=pin)])
    assert found(verify(s, valid_plan(s))) == expected


# --- reasons of unassigned households -----------------------------------------------------------


def test_no_fitting_dwelling_must_be_true():
    s = region(dwelling("BIG", "GM0003", bedrooms=6, max_occupants=9))  # fits H8, a family of eight
    violations = verify(s, valid_plan(s))
    assert found(violations) == [("REASON_UNTRUE", "H8", "BIG")]
    assert violations[0].message == "H8 is said to fit no dwelling, but BIG fits the whole household"


def test_dwellings_taken_must_leave_no_fitting_dwelling_free(s):
    broken = changed(s, "H6", left_out=unassigned(s, "H6", "DWELLINGS_TAKEN"), newly={**NEWLY, "GM0003": 3})
    assert found(verify(s, broken)) == [("REASON_UNTRUE", "H6", "D8")]


def test_dwellings_taken_is_true_when_the_pinned_dwelling_went_to_another():
    s = region(households=[household("H6", "GM0003", pinned_dwelling="D7")])
    plan_ = changed(s, "H6", left_out=unassigned(s, "H6", "DWELLINGS_TAKEN"), newly={**NEWLY, "GM0003": 3})
    assert verify(s, plan_) == []


# --- quota report (Q6, Q10) ---------------------------------------------------------------------


def _with_line(p: Plan, code: str, **changes) -> Plan:
    return p.model_copy(
        update={"quota": [q.model_copy(update=changes) if q.code == code else q for q in p.quota]}
    )


def test_quota_report_has_a_line_per_municipality(s):
    base = valid_plan(s)
    broken = base.model_copy(update={"quota": base.quota[:2]})
    violations = verify(s, broken)
    assert found(violations) == [("QUOTA_LINE", None, None)]
    assert "no line for GM0003 (Ceeveen)" in violations[0].message


def test_quota_housed_before_is_the_municipalitys(s):
    broken = _with_line(valid_plan(s), "GM0001", housed_before=0, shortfall=4)
    assert found(verify(s, broken)) == [("QUOTA_HOUSED_BEFORE", None, None)]


def test_quota_q6_referent_housed_before_is_not_counted_again(s):
    # H2's referent already lived in D2 (Aastad): counted then; only his partner counts now.
    broken = _with_line(valid_plan(s), "GM0001", newly_counted=15, shortfall=1)
    violations = verify(s, broken)
    assert found(violations) == [("QUOTA_NEWLY_COUNTED", None, None)]
    assert "GM0001: newly_counted is 15, the plan houses 14" in violations[0].message


def test_quota_q6_family_counts_where_housed_referent_where_first_housed(s):
    # H7's referent leaves D8 in Ceeveen for D7 in Ceeveen; his arriving family (3) counts there.
    assert valid_plan(s).quota[2].newly_counted == 4  # H6 (1) + H7's partner and children (3)
    assert verify(s, valid_plan(s)) == []


def test_quota_shortfall_arithmetic(s):
    broken = _with_line(valid_plan(s), "GM0003", shortfall=0)
    violations = verify(s, broken)
    assert found(violations) == [("QUOTA_SHORTFALL", None, None)]
    assert "max(0, 6 - 1 - 4) = 1" in violations[0].message


def test_the_verifiers_dwelling_search_equals_a_plain_scan():
    """The reason check searches grouped, cached stock; it must find what a scan of every dwelling finds."""
    rng = random.Random(11)
    codes = ["GM1", "GM2", "GM3"]
    homes = [
        dwelling(
            f"D{i}",
            rng.choice(codes),
            bedrooms=rng.randint(0, 4),
            max_occupants=rng.randint(1, 6),
            rent=rng.choice([None, 498.2, 498.21, 600.0, 713.02, 740.0, 764.14, 780.0]),
            accessible=rng.random() < 0.3,
            kind=rng.choice(["independent", "independent", "room"]),
        )
        for i in range(60)
    ]
    roles = ["partner", "child", "child", "parent", "sibling", "other"]
    young = [(rng.choice(["child", "sibling"]), rng.randint(18, 21)) for _ in range(3)]
    households, persons = [], []
    for i in range(80):
        hid = f"H{i}"
        h = household(hid, rng.choice(codes), needs_accessible=rng.random() < 0.2)
        households.append(h)
        extra = [
            (rng.choice(roles), rng.randint(0, 60), rng.choice(["m", "f", None]))
            for _ in range(rng.randint(0, 5))
        ]
        if rng.random() < 0.2:  # split-off young adults alone: the youth rent limit
            extra = rng.sample(young, rng.randint(1, 2))
        persons += family(hid, ("referent", rng.randint(18, 60)), *extra)
    persons = [p.model_copy(update={"needs_accessible": rng.random() < 0.1}) for p in persons]
    s = scenario([municipality(c) for c in codes], homes, households, persons)
    index = PlanIndex.build(s, plan([]))
    for h in households:
        group = s.members(h.id)
        step_free = needs_step_free(group, h)
        for reachable in (["GM1"], ["GM2", "GM3"], codes):
            plain = next(
                (
                    d
                    for d in homes
                    if d.municipality in reachable and not misfits(group, d, s.policy, step_free)
                ),
                None,
            )
            assert index.stock.first(reachable, group, step_free) == plain


# --- v2 rules: one plan that breaks each, one that keeps it -----------------------------------


def _people(s: Scenario, **changes: dict) -> Scenario:
    """The scenario with some persons changed, by id: {"H1-2": {"needs_accessible": True}}."""
    persons = [p.model_copy(update=changes.get(p.id.replace("-", "_"), {})) for p in s.persons]
    return s.model_copy(update={"persons": persons})


def casus1(**policy) -> Scenario:
    """Casus 1: mother (referent) and daughter live in A1, too small for three; the husband arrives."""
    return scenario(
        [municipality("GM0001", "Aastad", quota=5)],
        [
            dwelling("A1", "GM0001", bedrooms=1, max_occupants=2, rent=600),
            dwelling("A2", "GM0001", bedrooms=2, max_occupants=4, rent=700),
        ],
        [household("C", "GM0001", current_dwelling="A1")],
        [
            person("C-1", "C", "referent", 38, "f"),
            person("C-2", "C", "child", 10, "f", arriving=False),
            person("C-3", "C", "partner", 40, "m"),
        ],
        **policy,
    )


@pytest.mark.parametrize(("newly", "expected"), [(1, []), (2, [("QUOTA_NEWLY_COUNTED", None, None)])])
def test_casus1_the_daughter_living_with_her_mother_is_not_counted_again(newly, expected):
    s = casus1()
    p = plan([assignment(s, "C", "A2")], [], quota_lines(s, {"GM0001": newly}))
    assert found(verify(s, p)) == expected


@pytest.mark.parametrize(
    ("counted", "newly"),
    [({"C_2": {"counted_before": False}}, 2), ({"C_3": {"counted_before": True}}, 0)],
)
def test_counted_before_overrides_the_default(counted, newly):
    s = _people(casus1(), **counted)
    p = plan([assignment(s, "C", "A2")], [], quota_lines(s, {"GM0001": newly}))
    assert verify(s, p) == []
    wrong = plan([assignment(s, "C", "A2")], [], quota_lines(s, {"GM0001": 1}))
    assert found(verify(s, wrong)) == [("QUOTA_NEWLY_COUNTED", None, None)]


def _with_next_period(lines: list, counts: dict[str, int]) -> list:
    """Quota lines carrying counted_next_period (the field, or a line type that has it)."""
    if "counted_next_period" in QuotaLine.model_fields:
        return [q.model_copy(update={"counted_next_period": counts.get(q.code, 0)}) for q in lines]
    return [LineWithNextPeriod(**q.model_dump(), counted_next_period=counts.get(q.code, 0)) for q in lines]


class LineWithNextPeriod(QuotaLine):
    """A quota line with the v2 column, for a plan type that does not carry it yet."""

    counted_next_period: int = 0


@pytest.mark.parametrize(("free_from", "now", "later"), [(date(2026, 9, 1), 0, 1), (date(2026, 6, 1), 1, 0)])
def test_persons_in_a_home_free_after_the_period_count_for_the_next(free_from, now, later):
    s = casus1(quota_period_end=date(2026, 6, 30))
    homes = [d.model_copy(update={"available_from": free_from}) if d.id == "A2" else d for d in s.dwellings]
    s = s.model_copy(update={"dwellings": homes})
    rows = [assignment(s, "C", "A2")]
    good = plan(rows, [], _with_next_period(quota_lines(s, {"GM0001": now}), {"GM0001": later}))
    assert verify(s, good) == []
    counted_now = plan(rows, [], _with_next_period(quota_lines(s, {"GM0001": 1}), {"GM0001": 0}))
    both = [("QUOTA_NEWLY_COUNTED", None, None), ("QUOTA_NEXT_PERIOD", None, None)]
    assert found(verify(s, counted_now)) == ([] if now else both)
    moved = plan(rows, [], _with_next_period(quota_lines(s, {"GM0001": now}), {"GM0001": 1 - later}))
    assert found(verify(s, moved)) == [("QUOTA_NEXT_PERIOD", None, None)]


def q5(rent: float) -> Scenario:
    """Q5: the referent's own home fits the family of three; its rent may be above the limit."""
    return scenario(
        [municipality("GM0001")],
        [
            dwelling("OWN", "GM0001", bedrooms=2, max_occupants=4, rent=rent),
            dwelling("NEW", "GM0001", bedrooms=2, max_occupants=4, rent=rent),
        ],
        [household("J", "GM0001", current_dwelling="OWN"), household("K", "GM0001")],
        [
            *family("J", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 4, "m")),
            *family("K", ("referent", 30)),
        ],
    )


def test_q5_no_rent_check_on_a_join_but_on_a_new_home():
    s = q5(rent=800)
    joined = plan([assignment(s, "J", "OWN", "join")], [unassigned(s, "K")], quota_lines(s, {"GM0001": 2}))
    assert verify(s, joined) == []
    moved = plan([assignment(s, "J", "NEW")], [unassigned(s, "K")], quota_lines(s, {"GM0001": 2}))
    assert found(verify(s, moved)) == [("FIT_RENT", "J", "NEW"), ("WONINGCHECK", "J", "OWN")]


def test_q5_an_expensive_own_home_that_fits_is_where_the_family_joins():
    s = q5(rent=800)
    left_out = plan([], [unassigned(s, "J"), unassigned(s, "K")], quota_lines(s, {}))
    assert ("WONINGCHECK", "J", "OWN") in found(verify(s, left_out))


def casus4(**policy) -> Scenario:
    """Casus 4: the family of nine in Aastad; the adult children (20, 19) may live apart."""
    return scenario(
        [municipality("GM0001", "Aastad", quota=20)],
        [
            dwelling("BIG", "GM0001", bedrooms=5, max_occupants=9, rent=760, accessible=True),
            dwelling("MAIN", "GM0001", bedrooms=4, max_occupants=7, rent=760, accessible=True),
            dwelling("YOUNG", "GM0001", bedrooms=2, max_occupants=2, rent=650),
            dwelling("CHEAP", "GM0001", bedrooms=2, max_occupants=2, rent=480),
        ],
        [household("N", "GM0001")],
        family("N", *CASUS4_NINE),
        **policy,
    )


ADULT_CHILDREN = ["N-3", "N-4"]
STAYING = ["N-1", "N-2", "N-5", "N-6", "N-7", "N-8", "N-9"]


@pytest.mark.parametrize(
    ("home", "policy", "expected"),
    [
        ("YOUNG", {}, [("FIT_RENT", "N", "YOUNG")]),  # 650 > 498.20, the 18-20 huurtoeslag limit
        ("CHEAP", {}, []),
        ("YOUNG", {"rent_limit_young_applies": False}, []),  # 650 <= 713.02 for two
    ],
)
def test_split_off_young_adults_get_a_rent_they_can_pay(home, policy, expected):
    s = casus4(**policy)
    rows = [assignment(s, "N", "MAIN", "split", STAYING), assignment(s, "N", home, "split", ADULT_CHILDREN)]
    assert found(verify(s, plan(rows, [], quota_lines(s, {"GM0001": 9})))) == expected


def test_the_youth_limit_is_only_for_a_group_all_aged_18_to_20():
    s = _people(casus4(), N_3={"age": 21})
    rows = [
        assignment(s, "N", "MAIN", "split", STAYING),
        assignment(s, "N", "YOUNG", "split", ADULT_CHILDREN),
    ]
    assert verify(s, plan(rows, [], quota_lines(s, {"GM0001": 9}))) == []


@pytest.mark.parametrize(
    ("norm", "expected"), [("eurostat", [("FIT_BEDROOMS", "N", "BIG")]), ("two_per_room", [])]
)
def test_a_five_bedroom_home_for_nine_under_two_per_room(norm, expected):
    s = casus4(bedroom_norm=norm)
    assert found(verify(s, plan([assignment(s, "N", "BIG")], [], quota_lines(s, {"GM0001": 9})))) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # the household's flag is about the referent's group only
        ({"N_4": {"needs_accessible": True}}, [("FIT_ACCESSIBLE", "N", "CHEAP")]),  # a person's own need
    ],
)
def test_step_free_follows_the_group_that_needs_it(changes, expected):
    s = casus4()
    s = _people(
        s.model_copy(update={"households": [household("N", "GM0001", needs_accessible=True)]}), **changes
    )
    rows = [
        assignment(s, "N", "MAIN", "split", STAYING),
        assignment(s, "N", "CHEAP", "split", ADULT_CHILDREN),
    ]
    assert found(verify(s, plan(rows, [], quota_lines(s, {"GM0001": 9})))) == expected


def test_the_referents_group_needs_step_free_when_the_household_does():
    s = casus4()
    s = s.model_copy(update={"households": [household("N", "GM0001", needs_accessible=True)]})
    homes = [d.model_copy(update={"accessible": False}) if d.id == "MAIN" else d for d in s.dwellings]
    s = s.model_copy(update={"dwellings": homes})
    rows = [
        assignment(s, "N", "MAIN", "split", STAYING),
        assignment(s, "N", "CHEAP", "split", ADULT_CHILDREN),
    ]
    assert found(verify(s, plan(rows, [], quota_lines(s, {"GM0001": 9})))) == [
        ("FIT_ACCESSIBLE", "N", "MAIN")
    ]


def test_either_part_of_a_split_may_live_in_the_referents_home():
    # The adult children stay in the referent's small home (rent above every limit, no new
    # allocation), the referent moves with the others; and the other way round.
    s = casus4()
    homes = [d.model_copy(update={"rent": 900.0}) if d.id == "YOUNG" else d for d in s.dwellings]
    s = s.model_copy(
        update={"dwellings": homes, "households": [household("N", "GM0001", current_dwelling="YOUNG")]}
    )
    counted = quota_lines(s, {"GM0001": 8})  # the referent was counted when housed in YOUNG
    children_stay = [
        assignment(s, "N", "MAIN", "split", STAYING),
        assignment(s, "N", "YOUNG", "split", ADULT_CHILDREN),
    ]
    assert verify(s, plan(children_stay, [], counted)) == []
    abroad = s.model_copy(update={"households": [household("N", "GM0002", current_dwelling="YOUNG")]})
    abroad = abroad.model_copy(update={"municipalities": [*s.municipalities, municipality("GM0002")]})
    assert found(verify(abroad, plan(children_stay, [], quota_lines(abroad, {"GM0001": 8})))) == [
        ("OUT_OF_REACH", "N", "MAIN")
    ]


def test_no_fitting_dwelling_is_untrue_when_a_split_would_house_the_family():
    s = casus4()
    homes = [d for d in s.dwellings if d.id != "BIG"]
    s = s.model_copy(update={"dwellings": homes})
    left_out = plan([], [unassigned(s, "N", "NO_FITTING_DWELLING")], quota_lines(s, {}))
    violations = verify(s, left_out)
    assert found(violations) == [("REASON_UNTRUE", "N", "MAIN")]
    assert "MAIN and CHEAP hold it split" in violations[0].message
    no_young_home = s.model_copy(update={"dwellings": [d for d in homes if d.id not in ("CHEAP", "YOUNG")]})
    left_out = plan([], [unassigned(s, "N", "NO_FITTING_DWELLING")], quota_lines(s, {}))
    assert verify(no_young_home, left_out) == []


def test_dwellings_taken_is_untrue_when_nothing_fits_at_all():
    s = casus4()
    tiny = s.model_copy(update={"dwellings": [d for d in s.dwellings if d.id in ("YOUNG", "CHEAP")]})
    violations = verify(tiny, plan([], [unassigned(tiny, "N", "DWELLINGS_TAKEN")], quota_lines(tiny, {})))
    assert found(violations) == [("REASON_UNTRUE", "N", None)]
    assert "no dwelling it may be offered fits it" in violations[0].message
    assert verify(tiny, plan([], [unassigned(tiny, "N", "NO_FITTING_DWELLING")], quota_lines(tiny, {}))) == []


def casus4_taken(**policy) -> Scenario:
    """Casus 4 with a family of eight (E) that fits only BIG, the one home for nine, beside N."""
    s = casus4(**policy)
    homes = [d.model_copy(update={"bedrooms": 6}) if d.id == "BIG" else d for d in s.dwellings]
    s = s.model_copy(update={"dwellings": homes})
    eight = family(
        "E",
        ("referent", 50, "m"),
        ("partner", 48, "f"),
        ("child", 15, "m"),
        ("child", 13, "f"),
        ("child", 11, "m"),
        ("child", 9, "f"),
        ("child", 7, "m"),
        ("child", 4, "f"),
    )
    return s.model_copy(
        update={"households": [*s.households, household("E", "GM0001")], "persons": [*s.persons, *eight]}
    )


def test_casus4_dwellings_taken_is_untrue_while_two_free_homes_hold_the_split():
    # v2: BIG goes to the eight; MAIN and CHEAP stay free and would hold the nine split 7 + 2.
    s = casus4_taken()
    p = plan(
        [assignment(s, "E", "BIG")], [unassigned(s, "N", "DWELLINGS_TAKEN")], quota_lines(s, {"GM0001": 8})
    )
    violations = verify(s, p)
    assert found(violations) == [("REASON_UNTRUE", "N", "MAIN")]
    assert "MAIN and CHEAP hold it split" in violations[0].message
    housed = plan(
        [
            assignment(s, "E", "BIG"),
            assignment(s, "N", "MAIN", "split", STAYING),
            assignment(s, "N", "CHEAP", "split", ADULT_CHILDREN),
        ],
        [],
        quota_lines(s, {"GM0001": 17}),
    )
    assert verify(s, housed) == []


def test_casus4_under_v1_the_split_is_not_allowed_so_dwellings_taken_is_true():
    s = casus4_taken(split_when="no_fitting_home")
    p = plan(
        [assignment(s, "E", "BIG")], [unassigned(s, "N", "DWELLINGS_TAKEN")], quota_lines(s, {"GM0001": 8})
    )
    assert verify(s, p) == []


def test_reasons_check_is_near_linear_in_the_plan():
    """Many unassigned households against many taken homes: the reason check reads plan-wide sets."""
    rng = random.Random(3)
    codes = [f"GM{i:02d}" for i in range(40)]
    towns = [municipality(c, region=f"R{i // 4}") for i, c in enumerate(codes)]
    homes = [
        dwelling(f"D{i}", rng.choice(codes), bedrooms=rng.randint(1, 4), max_occupants=rng.randint(2, 7))
        for i in range(3000)
    ]
    households, persons = [], []
    for i in range(6000):
        households.append(household(f"H{i}", rng.choice(codes)))
        persons += family(f"H{i}", ("referent", 30), *[("child", rng.randint(0, 25))] * rng.randint(0, 5))
    s = scenario(towns, homes, households, persons)
    takers = {}
    for h, d in zip(households, homes, strict=False):
        takers[d.id] = h.id
    rows = [
        Assignment(
            household="Z",
            dwelling=d.id,
            municipality=d.municipality,
            kind="move",
            persons=1,
            person_ids=["Z"],
        )
        for d in homes
    ]
    p = plan(rows, [unassigned(s, h.id, "DWELLINGS_TAKEN") for h in households], quota_lines(s, {}))
    ix = PlanIndex.build(s, p)
    started = time.perf_counter()
    violations = list(check_reasons(s, p, ix))
    assert time.perf_counter() - started < 20  # generous: about a second on one core
    assert violations == [v for v in violations if v.rule == "REASON_UNTRUE" and v.dwelling is None]


# --- timing: the verifier's own arrival dates, homes vacated in time ----------------------------


def moving_referent(new_home_free: date | None, **policy) -> Scenario:
    """O's referent leaves OLD for NEW as O's family arrives; family F, here already, takes OLD."""
    return scenario(
        [municipality("GM0001")],
        [
            dwelling("OLD", "GM0001", bedrooms=1, max_occupants=2),
            dwelling("NEW", "GM0001", bedrooms=2, max_occupants=4).model_copy(
                update={"available_from": new_home_free}
            ),
        ],
        [
            household("O", "GM0001", current_dwelling="OLD", arrival=new_home_free),
            household("F", "GM0001", arrival=date(2026, 1, 5)),
        ],
        [*family("O", ("referent", 40), ("partner", 38), ("child", 6)), *family("F", ("referent", 30))],
        planning_date=date(2026, 1, 5),
        **policy,
    )


@pytest.mark.parametrize(
    ("new_home_free", "expected"),
    [(date(2026, 5, 4), [("TIMING_WAIT", "F", "OLD")]), (date(2026, 1, 5), []), (None, [])],
)
def test_a_vacated_home_is_free_when_its_referents_new_home_is(new_home_free, expected):
    s = moving_referent(new_home_free, max_reception_wait_days=60)
    rows = [assignment(s, "O", "NEW"), assignment(s, "F", "OLD")]
    violations = verify(s, plan(rows, [], quota_lines(s, {"GM0001": 3})))
    assert found(violations) == expected
    assert all("119 days" in v.message for v in violations)


def test_a_vacated_home_has_no_date_to_wait_for_when_not_planning_with_time():
    s = moving_referent(date(2026, 5, 4))
    rows = [assignment(s, "O", "NEW"), assignment(s, "F", "OLD")]
    assert verify(s, plan(rows, [], quota_lines(s, {"GM0001": 3}))) == []


@pytest.mark.parametrize(
    ("step", "step_date", "likely"),
    [
        ("aanvraag_ingediend", date(2026, 8, 31), date(2027, 2, 28)),  # +6+3+3 months: 2027-08-28, halfway
        ("toegekend", date(2026, 1, 31), date(2026, 5, 1)),  # +3+3 months: 2026-07-31, 90 of 181 days
        ("mvv_afgegeven", date(2026, 3, 1), date(2026, 4, 16)),  # +3 months: 2026-06-01, 46 of 92 days
        ("in_opvang", date(2026, 2, 10), date(2026, 2, 10)),  # already here
    ],
)
def test_the_verifier_reads_the_arrival_window_itself(step, step_date, likely):
    from allocation.verify.timing import arrival_day

    h = household("W", "GM0001", tvs_step=step, step_date=step_date)
    assert arrival_day(h, region().policy) == likely
    assert arrival_day(h.model_copy(update={"arrival": date(2026, 1, 1)}), region().policy) == date(
        2026, 1, 1
    )


def _plain_offer(s: Scenario, h, usable) -> bool:
    """A home for all or a split for this household among `usable` homes, by scanning every one."""
    policy = s.policy
    members = s.members(h.id)
    own = h.current_dwelling

    def fits(group, d) -> bool:
        return not misfits(group, d, policy, needs_step_free(group, h), rent_checked=d.id != own)

    homes = [d for d in s.dwellings if usable(d)]
    codes = {h.municipality} | {
        m.code for m in s.municipalities if m.region and m.region == s.municipality(h.municipality).region
    }
    if any(fits(members, d) for d in homes if d.id == own or d.municipality in codes):
        return True
    apart = [p for p in members if p.role in ("child", "sibling") and p.age >= 18]
    for size in range(1, len(apart) + 1):
        for second in itertools.combinations(apart, size):
            main = [p for p in members if p not in second]
            for a in homes:
                for b in homes:
                    same = a.id != b.id and a.municipality == b.municipality and a.municipality in codes
                    if same and fits(main, a) and fits(list(second), b):
                        return True
    return False


@pytest.mark.parametrize("seed", range(6))
def test_the_reason_check_equals_a_plain_scan_of_every_home_and_split(seed):
    """The reason check's stocks and memo find exactly what scanning every home and pair finds."""
    rng = random.Random(seed)
    codes = ["GM1", "GM2", "GM3"]
    towns = [municipality("GM1", region="R"), municipality("GM2", region="R"), municipality("GM3")]
    homes = [
        dwelling(
            f"D{i}",
            rng.choice(codes),
            bedrooms=rng.randint(1, 4),
            max_occupants=rng.randint(1, 6),
            rent=rng.choice([None, 480.0, 498.21, 713.02, 740.0, 764.15]),
            accessible=rng.random() < 0.4,
        )
        for i in range(25)
    ]
    kinds = [
        (("referent", 40), ("partner", 38), ("child", 19), ("child", 8)),
        (("referent", 20), ("child", 18)),
        (("referent", 35),),
        (("referent", 45), ("partner", 44), ("child", 20), ("child", 19), ("child", 15), ("child", 5)),
    ]
    households, persons = [], []
    own_homes = rng.sample([d.id for d in homes], 6)
    for i in range(40):
        current = own_homes.pop() if own_homes and rng.random() < 0.3 else None
        households.append(
            household(
                f"H{i}", rng.choice(codes), current_dwelling=current, needs_accessible=rng.random() < 0.2
            )
        )
        persons += family(f"H{i}", *rng.choice(kinds))
    persons = [p.model_copy(update={"needs_accessible": rng.random() < 0.05}) for p in persons]
    s = scenario(towns, homes, households, persons)
    housed = rng.sample(households, 12)
    rows = [assignment(s, h.id, d.id) for h, d in zip(housed, rng.sample(homes, 12), strict=True)]
    left_out = [h for h in households if h not in housed]
    claims = {h.id: rng.choice(["NO_FITTING_DWELLING", "DWELLINGS_TAKEN"]) for h in left_out}
    p = plan(rows, [unassigned(s, h.id, claims[h.id]) for h in left_out], quota_lines(s, {}))
    given = {a.dwelling for a in rows}
    occupant = {h.current_dwelling: h for h in households if h.current_dwelling}
    housed_ids = {h.id for h in housed}

    def free_for(h):
        def usable(d):
            other = occupant.get(d.id)
            return d.id not in given and (other is None or other.id == h.id or other.id in housed_ids)

        return usable

    expected = set()
    for h in left_out:
        anywhere = _plain_offer(s, h, lambda d: True)
        if claims[h.id] == "NO_FITTING_DWELLING" and anywhere:
            expected.add(h.id)
        if claims[h.id] == "DWELLINGS_TAKEN" and (not anywhere or _plain_offer(s, h, free_for(h))):
            expected.add(h.id)
    ix = PlanIndex.build(s, p)
    assert {v.household for v in check_reasons(s, p, ix)} == expected
    assert len(expected) >= 3
