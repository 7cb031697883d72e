"""Dated plans by default: a scenario with dates is planned with time, up to the horizon."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import allocation
from allocation.policy import Policy
from allocation.replan import Replanned
from allocation.rules.horizon import dated_policy
from allocation.scenario import Scenario
from builders import dwelling, family, household, municipality, scenario

TODAY = date(2026, 12, 1)
FORMAT_DOC = Path(__file__).parents[1] / "docs" / "FORMAT.md"


def planned(s: Scenario, **kwargs: object) -> Replanned:
    """Re-plan and assert the independent verifier accepts the plan, against the scenario as planned
    and against the scenario as given (as a user re-checks the files later)."""
    result = allocation.replan(s, today=TODAY, **kwargs)
    for checked in (result.scenario, s):
        violations = allocation.verify(checked, result.plan)
        assert violations == [], "\n".join(str(v) for v in violations)
    return result


def homes(result: Replanned) -> dict[str, str]:
    return {a.household: a.dwelling for a in result.plan.assignments}


def one_home_two_families(big_arrives_in_days: int) -> Scenario:
    """One home free now for five; a couple here since November, a family of five arriving later."""
    return scenario(
        [municipality("GM0001")],
        [dwelling("W1", "GM0001", bedrooms=3, max_occupants=5)],
        [
            household("HCOUPLE", "GM0001", arrival=TODAY - timedelta(days=20)),
            household("HFIVE", "GM0001", arrival=TODAY + timedelta(days=big_arrives_in_days)),
        ],
        [
            *family("HCOUPLE", ("referent", 30, "m"), ("partner", 29, "f")),
            *family(
                "HFIVE",
                ("referent", 40, "m"),
                ("partner", 38, "f"),
                ("child", 10, "m"),
                ("child", 8, "f"),
                ("child", 6, "m"),
            ),
        ],
    )


def test_a_home_free_now_is_not_given_to_a_family_expected_in_nine_months() -> None:
    s = scenario(
        [municipality("GM0001")],
        [dwelling("W1", "GM0001")],
        [household("HLATE", "GM0001", arrival=date(2027, 9, 1))],
        family("HLATE", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 4, "f")),
    )
    # Without the horizon (as in v2) the home would go to the family nine months ahead.
    assert {a.household for a in allocation.solve(s).assignments} == {"HLATE"}
    result = planned(s)
    assert result.plan.assignments == []
    (row,) = result.plan.unassigned
    assert (row.household, row.persons, row.reason_code) == ("HLATE", 3, "LATER")
    assert row.reason == "expected to arrive around 2027-09; planned nearer the time"
    assert result.later == ["HLATE"]
    summary = result.summary()
    assert summary["planning_date"] == "2026-12-01"
    assert (summary["households_later"], summary["households_unassigned"]) == (1, 1)
    dutch = allocation.replan(s, today=TODAY, lang="nl").plan.unassigned[0].reason
    assert dutch == "wordt rond september 2027 verwacht; wordt dichter bij die tijd ingepland"


def test_a_home_is_held_for_a_family_arriving_in_three_weeks_when_that_houses_more_persons() -> None:
    result = planned(one_home_two_families(big_arrives_in_days=21))
    assert homes(result) == {"HFIVE": "W1"}
    assert result.plan.assignments[0].score.vacancy_days == 21
    assert {u.household: u.reason_code for u in result.plan.unassigned} == {"HCOUPLE": "DWELLINGS_TAKEN"}


def test_a_home_is_held_at_most_four_weeks_by_default() -> None:
    result = planned(one_home_two_families(big_arrives_in_days=42))
    assert result.scenario.policy.max_vacancy_days == 28
    assert homes(result) == {"HCOUPLE": "W1"}
    assert {u.household: u.reason_code for u in result.plan.unassigned} == {"HFIVE": "NOT_IN_TIME"}


def test_a_home_free_since_march_is_free_now_and_may_be_held_from_today() -> None:
    """Days a home stood empty before the planning date are past: the limit counts from today."""
    s = one_home_two_families(big_arrives_in_days=21)
    since_march = [d.model_copy(update={"available_from": date(2026, 3, 2)}) for d in s.dwellings]
    result = planned(s.model_copy(update={"dwellings": since_march}))
    assert homes(result) == {"HFIVE": "W1"}
    assert result.plan.assignments[0].score.vacancy_days == 21
    reasons = {u.household: u.reason_code for u in result.plan.unassigned}
    assert reasons == {"HCOUPLE": "DWELLINGS_TAKEN"}

    couple_only = s.model_copy(
        update={
            "dwellings": since_march,
            "households": [h for h in s.households if h.id == "HCOUPLE"],
            "persons": [p for p in s.persons if p.household == "HCOUPLE"],
        }
    )
    result = planned(couple_only)  # here since November: the home free since March is for them now
    assert homes(result) == {"HCOUPLE": "W1"}
    assert result.plan.assignments[0].score.vacancy_days == 0


def test_the_policy_can_hold_a_home_longer_and_set_the_planning_date() -> None:
    s = one_home_two_families(big_arrives_in_days=42)
    policy = Policy(max_vacancy_days=60, planning_date=TODAY - timedelta(days=1))
    result = planned(s.model_copy(update={"policy": policy}))
    assert homes(result) == {"HFIVE": "W1"}
    assert result.planning_date == TODAY - timedelta(days=1)


def test_a_home_free_beyond_the_horizon_is_left_for_a_later_plan() -> None:
    s = scenario(
        [municipality("GM0001")],
        [dwelling("W1", "GM0001", available_from=TODAY + timedelta(days=150))],
        [household("HNOW", "GM0001", arrival=TODAY - timedelta(days=3))],
        family("HNOW", ("referent", 35, "m"), ("partner", 33, "f")),
    )
    assert homes(planned(s)) == {}
    assert homes(planned(s, solver="greedy")) == {}
    assert homes(planned(s.model_copy(update={"policy": Policy(horizon_days=None)}))) == {"HNOW": "W1"}


def test_a_scenario_without_dates_is_planned_exactly_as_before() -> None:
    s = scenario(
        [municipality("GM0001", quota=4)],
        [dwelling("W1", "GM0001"), dwelling("W2", "GM0001", bedrooms=1, max_occupants=2)],
        [household("HA", "GM0001"), household("HB", "GM0001")],
        [
            *family("HA", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 4, "f")),
            *family("HB", ("referent", 25, "f"), ("child", 2, "m")),
        ],
    )
    result = planned(s)
    before = allocation.solve(s)
    assert result.plan.assignments == before.assignments
    assert result.planning_date is None and result.later == []
    assert result.scenario.policy == s.policy
    assert "planning_date" not in result.summary()


def test_dated_defaults_keep_what_the_policy_sets() -> None:
    assert Policy().horizon_days == 91 and Policy().max_vacancy_days is None
    assert dated_policy(Policy(), TODAY).max_vacancy_days == 28
    assert dated_policy(Policy(max_vacancy_days=10), TODAY).max_vacancy_days == 10
    assert dated_policy(Policy(planning_date=date(2026, 6, 1)), TODAY).planning_date == date(2026, 6, 1)
    for key in ("horizon_days", "plan_with_time", "max_vacancy_days"):
        assert Policy.model_fields[key].description
    text = FORMAT_DOC.read_text(encoding="utf-8")
    assert "horizon_days" in text and "LATER" in text and "changes.csv" in text


def late_and_now(tmp_path: Path) -> Path:
    """One home for two families: HNOW arrived in November, HLATE is expected in September 2027."""
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "municipalities.csv").write_text("code,name,region,quota,housed\nGM0001,Eemkerk,R,5,0\n")
    (folder / "dwellings.csv").write_text(
        "id,municipality,bedrooms,max_occupants,rent,accessible,kind,available_from\n"
        "W1,GM0001,2,4,,false,independent,\n"
    )
    (folder / "households.csv").write_text(
        "id,municipality,current_dwelling,arrival\nHLATE,GM0001,,2027-09-01\nHNOW,GM0001,,2026-11-20\n"
    )
    (folder / "persons.csv").write_text(
        "id,household,role,age,sex,arriving\n"
        "P1,HLATE,referent,35,m,false\nP2,HLATE,partner,33,f,true\n"
        "P3,HNOW,referent,30,f,false\nP4,HNOW,child,3,m,true\n"
    )
    (folder / "policy.toml").write_text('planning_date = "2026-12-01"\n')
    return folder


def solve_cli(folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`allocation solve` as a planner runs it."""
    return subprocess.run(
        [sys.executable, "-m", "allocation.cli", "solve", str(folder), "--out", str(out), "--quiet", *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def test_solve_writes_the_planning_date_and_the_later_count(tmp_path: Path) -> None:
    folder = late_and_now(tmp_path)
    out = tmp_path / "plan"
    done = solve_cli(folder, out)
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["planning_date"], summary["households_later"]) == ("2026-12-01", 1)
    assert summary["households_unassigned"] == 1
    assert "HLATE,2,LATER,expected to arrive around 2027-09" in (out / "unassigned.csv").read_text()
    assert "HNOW,W1," in (out / "assignments.csv").read_text()
    assert "1 household planned later" in done.stdout
    assert "; 0 households left out" in done.stdout  # the family planned later is not left out
    assert not (out / "changes.csv").exists()
    assert allocation.read_plan(out).assignments[0].household == "HNOW"
    assert allocation.verify(allocation.load_scenario(folder), allocation.read_plan(out)) == []


def test_planning_date_on_the_command_line_plans_another_week(tmp_path: Path) -> None:
    # On 2027-08-01 the family expected in September lies within the horizon: planned now, not LATER.
    folder = late_and_now(tmp_path)
    out = tmp_path / "plan"
    done = solve_cli(folder, out, "--planning-date", "2027-08-01")
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["planning_date"], summary["households_later"]) == ("2027-08-01", 0)
    assert "LATER" not in (out / "unassigned.csv").read_text()
    plan = allocation.read_plan(out)
    scenario = allocation.load_scenario(folder)
    dated = scenario.model_copy(
        update={"policy": scenario.policy.model_copy(update={"planning_date": date(2027, 8, 1)})}
    )
    assert allocation.verify(dated, plan) == []


def test_a_planning_date_that_is_no_date_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    done = solve_cli(late_and_now(tmp_path), out, "--planning-date", "2026-13-01")
    assert done.returncode == 2
    expected = "argument --planning-date: '2026-13-01' is not a date; use YYYY-MM-DD, e.g. 2026-03-01"
    assert expected in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_a_refused_familys_referent_keeps_the_home_and_nobody_else_gets_it() -> None:
    s = scenario(
        [municipality("GM0001")],
        [dwelling("WREF", "GM0001")],
        [
            household("HREF", "GM0001", current_dwelling="WREF", tvs_step="afgewezen", step_date=TODAY),
            household("HNOW", "GM0001", arrival=TODAY),
        ],
        [
            *family("HREF", ("referent", 35, "m"), *[("child", 3 + i) for i in range(5)]),
            *family("HNOW", ("referent", 30, "f"), ("child", 2, "m")),
        ],
    )
    result = planned(s)
    assert homes(result) == {}
    assert {u.household: u.reason_code for u in result.plan.unassigned}["HREF"] == "APPLICATION_REFUSED"


def test_a_referents_home_stays_out_of_the_plan_while_the_family_is_planned_later() -> None:
    s = scenario(
        [municipality("GM0001")],
        [dwelling("WKAMER", "GM0001", kind="room", bedrooms=1, max_occupants=2), dwelling("W2", "GM0001")],
        [
            household("HLATE", "GM0001", current_dwelling="WKAMER", arrival=date(2027, 9, 1)),
            household("HNOW", "GM0001", arrival=TODAY),
        ],
        [
            *family("HLATE", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 4, "f")),
            *family("HNOW", ("referent", 30, "f"), ("child", 2, "m")),
        ],
    )
    result = planned(s)
    assert homes(result) == {"HNOW": "W2"}
    assert result.later == ["HLATE"]
    assert "WKAMER" not in {d.id for d in result.scenario.dwellings}


def test_a_home_kept_by_the_referent_of_a_family_planned_later_is_no_home_for_another() -> None:
    """The only home for three is where HLATE's referent lives (too small for his own family of four);
    he stays until his family comes, so HNOW fits no home now, and the verifier, given the whole
    scenario, agrees."""
    s = scenario(
        [municipality("GM0001")],
        [
            dwelling("WREF", "GM0001", bedrooms=2, max_occupants=3),
            dwelling("WSMALL", "GM0001", kind="room", bedrooms=1, max_occupants=1),
        ],
        [
            household("HLATE", "GM0001", current_dwelling="WREF", arrival=date(2027, 9, 1)),
            household("HNOW", "GM0001", arrival=TODAY),
        ],
        [
            *family(
                "HLATE", ("referent", 35, "m"), ("partner", 33, "f"), ("child", 5, "f"), ("child", 3, "m")
            ),
            *family("HNOW", ("referent", 30, "f"), ("child", 9, "m"), ("child", 7, "f")),
        ],
    )
    result = planned(s)
    assert homes(result) == {}
    codes = {u.household: u.reason_code for u in result.plan.unassigned}
    assert codes == {"HLATE": "LATER", "HNOW": "NO_FITTING_DWELLING"}


@pytest.mark.parametrize("solver", ["highs", "greedy"])
def test_a_dated_split_may_leave_the_adult_child_in_the_referents_own_home(solver: str) -> None:
    s = scenario(
        [municipality("GM0001")],
        [
            dwelling("WOWN", "GM0001", kind="room", bedrooms=1, max_occupants=1, rent=600.0),
            dwelling("W2", "GM0001", bedrooms=2, max_occupants=4),
        ],
        [household("HSPLIT", "GM0001", current_dwelling="WOWN", arrival=TODAY + timedelta(days=10))],
        family(
            "HSPLIT",
            ("referent", 45, "m"),
            ("partner", 43, "f"),
            ("child", 19, "m"),
            ("child", 9, "f"),
            ("child", 7, "m"),
        ),
    )
    result = planned(s, solver=solver)
    groups = {a.dwelling: sorted(a.person_ids) for a in result.plan.assignments}
    assert groups == {"W2": ["HSPLIT-1", "HSPLIT-2", "HSPLIT-4", "HSPLIT-5"], "WOWN": ["HSPLIT-3"]}
