"""Plan files: exactly the four contract files, read back losslessly, written without leftovers."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from allocation.errors import ScenarioError
from allocation.io import plan_to_tables, read_plan, write_plan, write_plan_xlsx
from allocation.plan import Assignment, Plan, QuotaLine, ScoreParts, SolveStats, Unassigned


def sample_plan(scored: bool = True) -> Plan:
    """A family joining its referent, a casus-4 split, a move, and two households left out."""
    score = (
        ScoreParts(persons=4, quota_effect=-3, away=True, split=False, unused_capacity=1) if scored else None
    )
    return Plan(
        assignments=[
            Assignment(
                household="H1",
                dwelling="W2",
                municipality="GM0344",
                kind="join",
                persons=3,
                person_ids=["P1", "P2", "P3"],
            ),
            Assignment(
                household="H9",
                dwelling="W4",
                municipality="GM0310",
                kind="split",
                persons=7,
                person_ids=["P20", "P21", "P22", "P23", "P24", "P25", "P26"],
            ),
            Assignment(
                household="H9",
                dwelling="W5",
                municipality="GM0310",
                kind="split",
                persons=2,
                person_ids=["P27", "P28"],
            ),
            Assignment(
                household="H3",
                dwelling="W1",
                municipality="GM0344",
                kind="move",
                persons=4,
                person_ids=["P6", "P7", "P8", "P9"],
                score=score,
            ),
        ],
        unassigned=[
            Unassigned(
                household="H4",
                persons=1,
                reason_code="NO_FITTING_DWELLING",
                reason="no dwelling in GM0153 fits 1 person with a step-free need",
            ),
            Unassigned(
                household="H7",
                persons=5,
                reason_code="DWELLINGS_TAKEN",
                reason="W3 fits, but the plan gives it to H2, which houses more persons",
            ),
        ],
        quota=[
            QuotaLine(
                code="GM0344", name="Utrecht", quota=40, housed_before=5, newly_counted=6, shortfall=29
            ),
            QuotaLine(
                code="GM0310",
                name="De Bilt, Maartensdijk",
                quota=10,
                housed_before=2,
                newly_counted=9,
                shortfall=0,
            ),
        ],
        stats=SolveStats(
            status="optimal",
            solver="CP-SAT",
            objective=16.0,
            bound=16.0,
            gap=0.0,
            solve_seconds=0.4321,
            build_seconds=0.0123,
            objective_terms={"persons": 16.0, "shortfall": 29.0},
            message="all proven",
        ),
    )


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_writes_exactly_the_four_contract_files(tmp_path):
    out = tmp_path / "out"
    plan = sample_plan()
    write_plan(plan, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "assignments.csv",
        "manifest.json",
        "municipalities.csv",
        "summary.json",
        "unassigned.csv",
    ]
    assignments = read_rows(out / "assignments.csv")
    assert assignments[0][:6] == ["household", "dwelling", "municipality", "kind", "persons", "person_ids"]
    assert assignments[0][6:] == [
        "score_persons",
        "score_quota_effect",
        "score_away",
        "score_split",
        "score_unused_capacity",
        "score_wait_days",
        "score_vacancy_days",
    ]
    assert assignments[2][:6] == ["H9", "W4", "GM0310", "split", "7", "P20;P21;P22;P23;P24;P25;P26"]
    assert assignments[4] == [
        "H3",
        "W1",
        "GM0344",
        "move",
        "4",
        "P6;P7;P8;P9",
        "4",
        "-3",
        "true",
        "false",
        "1",
        "",
        "",
    ]
    assert read_rows(out / "unassigned.csv")[0] == ["household", "persons", "reason_code", "reason"]
    assert read_rows(out / "municipalities.csv")[:3] == [
        ["code", "name", "quota", "housed_before", "newly_counted", "shortfall", "counted_next_period"],
        ["GM0344", "Utrecht", "40", "5", "6", "29", "0"],
        ["GM0310", "De Bilt, Maartensdijk", "10", "2", "9", "0", "0"],
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary == plan.summary()
    assert summary["persons_housed"] == 16
    assert summary["splits"] == 1


def test_unscored_plan_has_only_the_contract_columns(tmp_path):
    write_plan(sample_plan(scored=False), tmp_path)
    assert read_rows(tmp_path / "assignments.csv")[0] == [
        "household",
        "dwelling",
        "municipality",
        "kind",
        "persons",
        "person_ids",
    ]


@pytest.mark.parametrize("scored", [True, False])
def test_read_plan_gives_back_the_same_plan(tmp_path, scored):
    plan = sample_plan(scored)
    write_plan(plan, tmp_path)
    back = read_plan(tmp_path)
    assert back.assignments == plan.assignments
    assert back.unassigned == plan.unassigned
    assert back.quota == plan.quota
    assert back.summary() == plan.summary()


def test_rewriting_replaces_files_and_leaves_no_temp_files(tmp_path):
    write_plan(sample_plan(), tmp_path)
    smaller = Plan(assignments=sample_plan().assignments[:1])
    write_plan(smaller, tmp_path)
    assert len(read_rows(tmp_path / "assignments.csv")) == 2
    assert read_rows(tmp_path / "unassigned.csv") == [["household", "persons", "reason_code", "reason"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "assignments.csv",
        "manifest.json",
        "municipalities.csv",
        "summary.json",
        "unassigned.csv",
    ]


def test_plan_tables_and_workbook(tmp_path):
    tables = plan_to_tables(sample_plan())
    assert set(tables) == {"assignments", "unassigned", "municipalities", "summary"}
    assert tables["assignments"]["person_ids"].tolist()[0] == "P1;P2;P3"
    assert tables["unassigned"]["reason_code"].tolist() == ["NO_FITTING_DWELLING", "DWELLINGS_TAKEN"]
    path = tmp_path / "plan.xlsx"
    write_plan_xlsx(sample_plan(), path)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["assignments", "unassigned", "municipalities", "summary"]
    rows = list(book["assignments"].iter_rows(values_only=True))
    assert rows[1][:6] == ("H1", "W2", "GM0344", "join", 3, "P1;P2;P3")
    summary = dict(list(book["summary"].iter_rows(values_only=True))[1:])
    assert summary["status"] == "optimal"
    assert summary["households_housed"] == 3
    book.close()


def test_reading_a_folder_without_a_plan_is_a_clear_problem(tmp_path):
    with pytest.raises(ScenarioError) as err:
        read_plan(tmp_path)
    assert [str(p) for p in err.value.problems] == [
        "assignments.csv:0: -: file is missing from the plan folder"
    ]


def test_the_same_plan_written_twice_gives_the_same_bytes_unless_the_write_is_timed(tmp_path):
    plan = sample_plan()
    write_plan(plan, tmp_path / "a")
    write_plan(plan, tmp_path / "b")
    for name in ("assignments.csv", "unassigned.csv", "municipalities.csv", "summary.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    write_plan(plan, tmp_path / "timed", timed=True)
    summary = json.loads((tmp_path / "timed" / "summary.json").read_text(encoding="utf-8"))
    assert summary["phase_seconds"]["write"] > 0, "the seconds the files before summary.json took"
    assert plan.stats.write_seconds == 0, "the caller's plan is left as it was"
