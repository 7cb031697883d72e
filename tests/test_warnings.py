"""Warnings (v2): doubts about entitlement (Q2), procedure (Q1/Q3) and unusable homes, never blocking."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import allocation
from allocation.cli import main
from allocation.io import load_scenario, read_plan, write_scenario
from allocation.policy import Policy
from allocation.rules.doubts import scenario_doubts
from allocation.scenario import Scenario
from allocation.verify import verify
from allocation.warning_texts import doubt_text, scenario_warnings
from builders import CASUS4_NINE, dwelling, family, household, municipality, person

PLANNING = date(2026, 6, 1)
YOUNG_PARTNER = (
    "persons.csv:2: age: warning: partner H1-2 of household H1 is 16, under 18; check the entitlement (Q2)"
)


def scenario(households, persons, dwellings=None, **policy) -> Scenario:
    """One municipality with a roomy home for whoever is given, planned on PLANNING."""
    return Scenario(
        municipalities=[municipality("GM0153", "Enschede", quota=10)],
        dwellings=dwellings
        if dwellings is not None
        else [dwelling("D1", "GM0153", bedrooms=5, max_occupants=9)],
        households=households,
        persons=persons,
        policy=Policy(planning_date=PLANNING, **policy),
    )


def codes(s: Scenario) -> list[tuple[str, int, str, str]]:
    return [(d.table, d.row, d.column, d.code) for d in scenario_doubts(s)]


def couple(partner_age: int) -> Scenario:
    return scenario(
        [household("H1", "GM0153")], family("H1", ("referent", 30, "m"), ("partner", partner_age, "f"))
    )


def test_cli_validate_warns_about_a_16_year_old_partner_and_exits_0(tmp_path, capsys):
    folder = tmp_path / "scenario"
    write_scenario(couple(16), folder)
    assert main(["validate", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("valid: 1 municipalities, 1 dwellings, 1 households, 2 persons\n")
    assert err.splitlines() == [YOUNG_PARTNER]


def test_an_adult_partner_is_no_doubt():
    assert codes(couple(18)) == []


def test_a_second_partner_is_flagged_on_its_own_row():
    members = family(
        "H1", ("referent", 40, "m"), ("partner", 35, "f"), ("child", 5, "m"), ("partner", 30, "f")
    )
    s = scenario([household("H1", "GM0153")], members)
    assert codes(s) == [("persons", 4, "role", "more_partners")]
    assert "more than one partner (2)" in doubt_text(scenario_doubts(s)[0])


def test_a_parent_joining_an_adult_referent_is_a_doubt_but_not_for_an_amv():
    adult = scenario([household("H1", "GM0153")], family("H1", ("referent", 25, "m"), ("parent", 50, "f")))
    assert codes(adult) == [("persons", 2, "role", "parent_of_adult")]
    minor = scenario(
        [household("H1", "GM0153")],
        family("H1", ("referent", 15, "m"), ("parent", 50, "f"), ("sibling", 9, "f")),
    )
    assert codes(minor) == []


def test_rows_count_in_file_order_across_households():
    persons = [
        *family("H1", ("referent", 30, "m"), ("partner", 28, "f")),
        *family("H2", ("referent", 30, "m"), ("partner", 17, "f")),
    ]
    s = scenario([household("H1", "GM0153"), household("H2", "GM0153")], persons)
    assert codes(s) == [("persons", 4, "age", "young_partner")]


@pytest.mark.parametrize(
    ("step", "step_date", "warned"),
    [
        ("toegekend", date(2025, 1, 10), True),  # latest 2025-07-10: six months overdue
        ("toegekend", date(2026, 3, 1), False),  # latest 2026-09-01: still open
        ("mvv_afgegeven", date(2026, 2, 28), True),  # travel term ended 2026-05-28
        ("in_opvang", date(2025, 1, 10), False),  # arrived: the step date is no window to end
    ],
)
def test_an_arrival_window_that_ended_before_the_planning_date(step, step_date, warned):
    s = scenario(
        [household("H1", "GM0153", tvs_step=step, step_date=step_date)],
        family("H1", ("referent", 30, "m"), ("child", 4, "f")),
    )
    assert codes(s) == ([("households", 1, "tvs_step", "window_past")] if warned else [])


def test_window_message_names_the_dates_and_says_check_tvs_in_both_languages():
    s = scenario(
        [household("H1", "GM0153", tvs_step="toegekend", step_date=date(2025, 1, 10))],
        family("H1", ("referent", 30, "m"), ("child", 4, "f")),
    )
    (en,) = scenario_warnings(s)
    assert str(en) == (
        "households.csv:1: tvs_step: warning: the arrival window from TVS step toegekend on 2025-01-10 "
        "ended on 2025-07-10, before the planning date 2026-06-01; check TVS (Q1, Q3)"
    )
    (nl,) = scenario_warnings(s, "nl", source="xlsx")
    assert str(nl).startswith("households:1: tvs_step: warning: het aankomstvenster vanaf TVS-stap toegekend")
    assert "controleer TVS" in str(nl)


def test_without_a_planning_date_today_decides():
    s = scenario(
        [household("H1", "GM0153", tvs_step="mvv_afgegeven", step_date=date(2026, 1, 5))],
        family("H1", ("referent", 30, "m"), ("child", 4, "f")),
    ).model_copy(update={"policy": Policy()})
    assert [d.code for d in scenario_doubts(s, today=date(2026, 4, 1))] == []
    assert [d.code for d in scenario_doubts(s, today=date(2026, 4, 6))] == ["window_past"]


def test_a_given_arrival_in_the_past_is_no_doubt():
    s = scenario(
        [
            household(
                "H1", "GM0153", arrival=date(2025, 1, 1), tvs_step="toegekend", step_date=date(2024, 1, 1)
            )
        ],
        family("H1", ("referent", 30, "m"), ("child", 4, "f")),
    )
    assert codes(s) == []


def test_bij_referent_without_a_current_dwelling():
    members = family("H1", ("referent", 30, "m"), ("child", 4, "f"))
    alone = scenario(
        [household("H1", "GM0153", tvs_step="bij_referent", step_date=date(2026, 5, 1))], members
    )
    assert codes(alone) == [("households", 1, "current_dwelling", "with_referent_no_home")]
    at_home = scenario(
        [
            household(
                "H1", "GM0153", tvs_step="bij_referent", step_date=date(2026, 5, 1), current_dwelling="D1"
            )
        ],
        members,
    )
    assert codes(at_home) == []


def test_a_home_too_small_for_everyone_and_one_nobody_may_reach():
    s = Scenario(
        municipalities=[
            municipality("GM0153", "Enschede", region="Twente"),
            municipality("GM0164", "Hengelo", region="Twente"),
            municipality("GM0344", "Utrecht", region="U16"),
        ],
        dwellings=[
            dwelling("BIG", "GM0164", bedrooms=3, max_occupants=5),
            dwelling("TINY", "GM0153", bedrooms=1, max_occupants=1, kind="room"),
            dwelling("FAR", "GM0344", bedrooms=3, max_occupants=5),
        ],
        households=[household("H1", "GM0153")],
        persons=family("H1", ("referent", 30, "m"), ("partner", 28, "f"), ("child", 3, "m")),
        policy=Policy(planning_date=PLANNING),
    )
    assert codes(s) == [
        ("dwellings", 2, "id", "fits_nobody"),
        ("dwellings", 3, "municipality", "reached_by_nobody"),
    ]
    assert "no household may be housed in GM0344" in doubt_text(scenario_doubts(s)[1])


def test_a_home_only_the_second_address_of_a_split_can_use_is_usable():
    """Casus 4: a small home for the two adult children of the family of nine is no doubt."""
    nine = [person(f"H1-{i}", "H1", *m) for i, m in enumerate(CASUS4_NINE, start=1)]
    second = dwelling("PAIR", "GM0153", bedrooms=2, max_occupants=2)
    s = scenario(
        [household("H1", "GM0153")],
        nine,
        dwellings=[dwelling("MAIN", "GM0153", bedrooms=4, max_occupants=7), second],
    )
    assert codes(s) == []
    assert codes(s.model_copy(update={"policy": Policy(planning_date=PLANNING, split_allowed=False)})) == [
        ("dwellings", 1, "id", "fits_nobody"),
        ("dwellings", 2, "id", "fits_nobody"),
    ]


def test_a_referents_current_home_is_never_flagged():
    s = scenario(
        [household("H1", "GM0153", current_dwelling="OWN")],
        family("H1", ("referent", 30, "m"), ("partner", 28, "f"), ("child", 3, "m"), ("child", 1, "f")),
        dwellings=[
            dwelling("OWN", "GM0153", bedrooms=1, max_occupants=1, kind="room"),
            dwelling("D1", "GM0153"),
        ],
    )
    assert codes(s) == []


def test_solve_prints_the_warnings_and_still_writes_a_verified_plan(tmp_path, capsys):
    s = couple(16)
    folder, out = tmp_path / "scenario", tmp_path / "plan"
    write_scenario(s, folder)
    assert main(["solve", str(folder), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [YOUNG_PARTNER]
    plan = read_plan(out)
    assert [(a.household, a.dwelling) for a in plan.assignments] == [("H1", "D1")]
    assert verify(load_scenario(folder), plan) == []


def test_the_command_prints_the_warnings_before_its_progress_and_summary(tmp_path):
    """As a user runs it (its own process, which leaves without tearing Python down): the warnings
    come first, once, as `validate` prints them, and the summary still reaches a pipe."""
    folder = tmp_path / "scenario"
    write_scenario(couple(16), folder)
    command = [sys.executable, "-m", "allocation.cli"]
    env = {**os.environ, "PYTHONPATH": str(Path(allocation.__file__).parents[1])}
    validated = subprocess.run([*command, "validate", str(folder)], capture_output=True, text=True, env=env)
    assert validated.returncode == 0 and validated.stderr.splitlines() == [YOUNG_PARTNER]
    for quiet in ([], ["--quiet"]):
        out = tmp_path / f"plan{len(quiet)}"
        solve = [*command, "solve", str(folder), "--out", str(out), *quiet]
        run = subprocess.run(solve, capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        err = run.stderr.splitlines()
        assert err[0] == YOUNG_PARTNER and err.count(YOUNG_PARTNER) == 1
        progress = [line.split("] ")[1] for line in err[1:]]
        assert progress == ([] if quiet else ["region 1/1: 2 persons housed"])
        assert run.stdout.startswith("status optimal")
        plan = read_plan(out)
        assert [(a.household, a.dwelling) for a in plan.assignments] == [("H1", "D1")]
        assert verify(load_scenario(folder), plan) == []


def test_a_workbook_names_the_sheet(tmp_path, capsys):
    path = tmp_path / "scenario.xlsx"
    write_scenario(couple(16), path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err.startswith("persons:2: age: warning: partner H1-2")


def test_counted_before_that_is_not_a_boolean_is_an_error_with_row_and_column(tmp_path: Path, capsys):
    folder = tmp_path / "scenario"
    write_scenario(couple(30), folder)
    persons = folder / "persons.csv"
    lines = persons.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("counted_before")
    cells = lines[2].split(",")
    cells[column] = "twice"
    lines[2] = ",".join(cells)
    persons.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "persons.csv:2: counted_before: 'twice' is not yes or no; use true/false, yes/no, ja/nee or 1/0"
    ]


@pytest.mark.parametrize("rents", [(700.0, 800.0), (800.0, 700.0)])
def test_a_rent_above_every_limit_is_flagged_whatever_the_order(rents):
    homes = [dwelling(f"D{i}", "GM0153", bedrooms=2, max_occupants=4, rent=r) for i, r in enumerate(rents, 1)]
    s = scenario(
        [household("H1", "GM0153")],
        family("H1", ("referent", 30, "m"), ("partner", 28, "f"), ("child", 3, "m")),
        dwellings=[*homes, dwelling("D3", "GM0153", bedrooms=2, max_occupants=4, rent=810.0)],
    )
    flagged = [d.params["dwelling"] for d in scenario_doubts(s)]
    assert flagged == sorted([f"D{rents.index(800.0) + 1}", "D3"])
