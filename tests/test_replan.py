"""Stable re-plans: last week's plan binds announced and moved-in families and keeps the others."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import allocation
from allocation.errors import ScenarioError
from allocation.io.previous_io import read_previous
from allocation.model.aggregate import aggregate
from allocation.replan import Replanned
from allocation.rules.previous import PreviousHome, PreviousPlan
from allocation.scenario import Scenario
from builders import dwelling, family, household, municipality, scenario

TODAY = date(2026, 12, 1)
EXAMPLE = Path(__file__).parents[1] / "data" / "example"


def planned(s: Scenario, previous: PreviousPlan | allocation.Plan | None = None, **kw: object) -> Replanned:
    """Re-plan and assert the independent verifier accepts the plan against the scenario as planned."""
    result = allocation.replan(s, previous, today=TODAY, **kw)
    violations = allocation.verify(result.scenario, result.plan)
    assert violations == [], "\n".join(str(v) for v in violations)
    return result


def homes(result: Replanned) -> dict[str, str]:
    return {a.household: a.dwelling for a in result.plan.assignments}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "allocation.cli", *args], capture_output=True, text=True, check=False
    )


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def set_column(path: Path, key: str, value: str, column: str, new: str) -> None:
    """Set `column` to `new` in the row whose first column is `value` (adding the column if needed)."""
    table = rows(path)
    header = list(table[0]) + ([column] if column not in table[0] else [])
    for row in table:
        row.setdefault(column, "")
        if row[key] == value:
            row[column] = new
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(table)


def moving_couple_scenario() -> Scenario:
    """A big home and a small one; a couple and a family of five that arrived since the last plan."""
    return scenario(
        [municipality("GM0001")],
        [
            dwelling("WBIG", "GM0001", bedrooms=3, max_occupants=5),
            dwelling("WSMALL", "GM0001", bedrooms=1, max_occupants=2),
        ],
        [household("HCOUPLE", "GM0001"), household("HFIVE", "GM0001")],
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


LAST_WEEK = PreviousPlan.of([PreviousHome("HCOUPLE", "WBIG", "move")])


def all_homes(plan_dir: Path) -> dict[str, list[str]]:
    """Each household's homes in a written plan (a split's two), sorted."""
    out: dict[str, list[str]] = {}
    for r in rows(plan_dir / "assignments.csv"):
        out.setdefault(r["household"], []).append(r["dwelling"])
    return {h: sorted(d) for h, d in out.items()}


def test_pinning_a_household_to_its_home_and_re_solving_changes_no_other_household(tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(EXAMPLE, example)
    (example / "policy.toml").write_text('planning_date = "2026-12-01"\n')
    first, second = tmp_path / "week1", tmp_path / "week2"
    assert cli("solve", str(example), "--out", str(first), "--quiet").returncode == 0
    before = all_homes(first)
    moved = next(r for r in rows(first / "assignments.csv") if r["kind"] == "move")
    set_column(example / "households.csv", "id", moved["household"], "pinned_dwelling", moved["dwelling"])

    done = cli("solve", str(example), "--out", str(second), "--quiet", "--previous", str(first))
    assert done.returncode == 0, done.stderr
    after = all_homes(second)
    assert after == before
    assert any(len(homes) == 2 for homes in before.values())  # a split family keeps both addresses
    assert rows(second / "changes.csv") == []
    assert (second / "changes.csv").read_text().startswith("household,before,after,why")


def test_a_planned_family_moves_when_that_houses_more_persons_and_changes_say_why() -> None:
    result = planned(moving_couple_scenario(), LAST_WEEK)
    assert homes(result) == {"HCOUPLE": "WSMALL", "HFIVE": "WBIG"}
    why = {c.household: (c.before, c.after, c.why) for c in result.changes or []}
    assert why == {
        "HCOUPLE": (
            "WBIG",
            "WSMALL",
            "WBIG now houses HFIVE (5 persons); this move houses more persons in total",
        ),
        "HFIVE": (None, "WBIG", "housed now; the previous plan left this household out"),
    }
    assert result.plan.stats.objective_terms["changes"] == 1
    assert result.scenario.policy.objective_order[:3] == ["persons", "splits", "changes"]


def test_an_announced_assignment_survives_a_re_plan_that_would_move_it() -> None:
    announced = PreviousPlan.of([PreviousHome("HCOUPLE", "WBIG", "move", "announced")])
    result = planned(moving_couple_scenario(), announced)
    assert homes(result) == {"HCOUPLE": "WBIG"}
    assert [c.household for c in result.changes or []] == []
    assert {u.household for u in result.plan.unassigned} == {"HFIVE"}


def test_a_planned_family_stays_when_moving_it_gains_nothing() -> None:
    s = moving_couple_scenario()
    s = s.model_copy(update={"households": s.households[:1], "persons": s.persons[:2]})
    for previous in (LAST_WEEK, PreviousPlan.of([PreviousHome("HCOUPLE", "WSMALL", "move")])):
        result = planned(s, previous)
        assert homes(result) == {"HCOUPLE": previous.homes["HCOUPLE"].dwelling}
        assert result.changes == []


def test_a_moved_in_familys_vacated_home_is_reused() -> None:
    s = scenario(
        [municipality("GM0001")],
        [
            dwelling("WKAMER", "GM0001", bedrooms=1, max_occupants=2),
            dwelling("WNEW", "GM0001", bedrooms=3, max_occupants=5, available_from=date(2026, 9, 1)),
        ],
        [
            household("HMOVED", "GM0001", current_dwelling="WKAMER", arrival=date(2026, 10, 20)),
            household("HCOUPLE", "GM0001", arrival=TODAY - timedelta(days=5)),
        ],
        [
            *family("HMOVED", ("referent", 40, "m"), ("partner", 38, "f"), ("child", 9, "m")),
            *family("HCOUPLE", ("referent", 30, "m"), ("partner", 29, "f")),
        ],
    )
    moved_in = PreviousPlan.of([PreviousHome("HMOVED", "WNEW", "move", "moved_in")])
    result = planned(s, moved_in)
    assert homes(result) == {"HMOVED": "WNEW", "HCOUPLE": "WKAMER"}
    assert result.scenario.household("HMOVED").current_dwelling is None
    assert result.changes == [
        allocation.Change("HCOUPLE", None, "WKAMER", "housed now; the previous plan left this household out")
    ]


def test_the_cli_reads_the_status_column_and_writes_changes_in_dutch(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    allocation.write_scenario(moving_couple_scenario(), folder)
    week1 = tmp_path / "week1"
    only_couple = moving_couple_scenario()
    only_couple = only_couple.model_copy(
        update={"households": only_couple.households[:1], "persons": only_couple.persons[:2]}
    )
    allocation.write_plan(planned(only_couple, LAST_WEEK).plan, week1)
    assert rows(week1 / "assignments.csv")[0]["dwelling"] == "WBIG"

    week2 = tmp_path / "week2"
    done = cli("solve", str(folder), "--out", str(week2), "--quiet", "--lang", "nl", "--previous", str(week1))
    assert done.returncode == 0, done.stderr
    changes = {r["household"]: r for r in rows(week2 / "changes.csv")}
    assert changes["HCOUPLE"]["before"] == "WBIG" and changes["HCOUPLE"]["after"] == "WSMALL"
    assert changes["HCOUPLE"]["why"] == (
        "WBIG huisvest nu HFIVE (5 personen); deze verhuizing huisvest in totaal meer personen"
    )

    set_column(week1 / "assignments.csv", "household", "HCOUPLE", "status", "announced")
    week3 = tmp_path / "week3"
    done = cli("solve", str(folder), "--out", str(week3), "--quiet", "--json", "--previous", str(week1))
    assert done.returncode == 0, done.stderr
    assert '"households_changed": 0' in done.stdout
    assert '"households_announced": 1' in done.stdout and '"households_moved_in": 0' in done.stdout
    assert {r["household"]: r["dwelling"] for r in rows(week3 / "assignments.csv")} == {"HCOUPLE": "WBIG"}
    assert "status" not in rows(week2 / "assignments.csv")[0]  # nobody marked: the contract's columns
    # the mark goes on with the family it kept: next week's re-plan needs no new edit of the file
    assert rows(week3 / "assignments.csv")[0]["status"] == "announced"
    week4 = tmp_path / "week4"
    done = cli("solve", str(folder), "--out", str(week4), "--quiet", "--previous", str(week3))
    assert done.returncode == 0, done.stderr
    assert [(r["household"], r["dwelling"], r["status"]) for r in rows(week4 / "assignments.csv")] == [
        ("HCOUPLE", "WBIG", "announced")
    ]

    # A plan written without --previous into the same folder drops the stale changes.csv.
    assert cli("solve", str(folder), "--out", str(week3), "--quiet").returncode == 0
    assert not (week3 / "changes.csv").exists()


def test_a_bad_status_is_a_located_problem_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    allocation.write_scenario(moving_couple_scenario(), folder)
    week1 = tmp_path / "week1"
    allocation.write_plan(planned(moving_couple_scenario()).plan, week1)
    set_column(week1 / "assignments.csv", "household", "HCOUPLE", "status", "told")
    out = tmp_path / "week2"
    done = cli("solve", str(folder), "--out", str(out), "--previous", str(week1))
    assert done.returncode == 2
    assert (
        f"{week1 / 'assignments.csv'}:1: status: 'told' is not one of planned, announced, moved_in"
        in done.stderr
    )
    assert "Traceback" not in done.stderr and not out.exists()
    with pytest.raises(ScenarioError, match="previous plan folder does not exist"):
        read_previous(tmp_path / "nowhere")


def test_homes_and_households_gone_since_the_previous_plan_are_reported_not_a_traceback(
    tmp_path: Path,
) -> None:
    gone = PreviousPlan.of(
        [PreviousHome("HGONE", "WBIG", "move"), PreviousHome("HCOUPLE", "WDEMOLISHED", "move", "announced")]
    )
    result = planned(moving_couple_scenario(), gone)
    assert result.notes == [
        "previous plan: household HGONE is no longer in the scenario; its home WBIG is planned afresh",
        "previous plan: dwelling WDEMOLISHED of household HCOUPLE is no longer in the scenario; "
        "the household is planned afresh",
    ]
    why = {c.household: c.why for c in result.changes or []}
    assert why["HCOUPLE"] == "WDEMOLISHED is no longer in the stock"


def test_changes_name_a_home_now_free_beyond_the_horizon_and_a_family_now_expected_later() -> None:
    s = scenario(
        [municipality("GM0001")],
        [
            dwelling("WPUSHED", "GM0001", available_from=date(2027, 6, 1)),
            dwelling("WNOW", "GM0001"),
            dwelling("WTHEIRS", "GM0001"),
        ],
        [
            household("HCOUPLE", "GM0001", arrival=TODAY),
            household("HDELAYED", "GM0001", arrival=date(2027, 8, 15)),
        ],
        [
            *family("HCOUPLE", ("referent", 30, "m"), ("partner", 29, "f")),
            *family("HDELAYED", ("referent", 41, "f"), ("child", 12, "m")),
        ],
    )
    last_week = PreviousPlan.of(
        [PreviousHome("HCOUPLE", "WPUSHED", "move"), PreviousHome("HDELAYED", "WTHEIRS", "move")]
    )
    result = planned(s, last_week)
    why = {c.household: (c.before, c.after, c.why) for c in result.changes or []}
    assert why["HCOUPLE"][:2] == ("WPUSHED", homes(result)["HCOUPLE"])
    assert why["HCOUPLE"][2] == "WPUSHED is free only from 2027-06-01, beyond the planning horizon"
    assert why["HDELAYED"] == (
        "WTHEIRS",
        None,
        "expected to arrive around 2027-08; planned nearer the time",
    )


def test_a_split_family_keeps_both_homes_whichever_row_comes_first(tmp_path: Path) -> None:
    s = scenario(
        [municipality("GM0249", quota=10)],
        [
            dwelling("WOWN", "GM0249", bedrooms=4, max_occupants=7, rent=612.56),
            dwelling("WROOM", "GM0249", kind="room", bedrooms=1, max_occupants=1, rent=391.68),
            dwelling("WROOM2", "GM0249", kind="room", bedrooms=1, max_occupants=1, rent=391.68),
        ],
        [household("HEIGHT", "GM0249", current_dwelling="WOWN", arrival=TODAY)],
        family(
            "HEIGHT",
            ("referent", 38, "f"),
            ("partner", 40, "m"),
            ("child", 20, "m"),
            *[("child", age) for age in (13, 11, 10, 5)],
        ),
    )
    first = planned(s)
    assert {a.kind for a in first.plan.assignments} == {"split"}
    for previous in (
        first.plan,
        PreviousPlan.of(reversed(PreviousPlan.from_plan(first.plan).rows["HEIGHT"])),
    ):
        again = planned(s, previous)
        assert sorted(again.plan.assignments, key=lambda a: a.dwelling) == sorted(
            first.plan.assignments, key=lambda a: a.dwelling
        )
        assert again.changes == []
    allocation.write_plan(first.plan, tmp_path / "week1")
    read = read_previous(tmp_path / "week1")
    assert read.mains(s)["HEIGHT"].dwelling == "WOWN"


def interchangeable_couples() -> tuple[Scenario, PreviousPlan]:
    """Four couples the rules cannot tell apart, last week each in one of four identical homes (in
    reverse id order), and a fifth couple first in the tie order that came since."""
    couples = ["H0", "H1", "H2", "H3", "H4"]
    s = scenario(
        [municipality("GM0001")],
        [dwelling(f"W{i}", "GM0001", bedrooms=1, max_occupants=2) for i in range(1, 5)],
        [household(h, "GM0001") for h in couples],
        [p for h in couples for p in family(h, ("referent", 30, "m"), ("partner", 29, "f"))],
    )
    last_week = PreviousPlan.of(PreviousHome(f"H{i}", f"W{5 - i}", "move") for i in range(1, 5))
    return s, last_week


def test_interchangeable_families_each_keep_their_own_home_and_share_one_class() -> None:
    s, last_week = interchangeable_couples()
    result = planned(s, last_week)
    assert homes(result) == {"H1": "W4", "H2": "W3", "H3": "W2", "H4": "W1"}
    assert result.changes == []
    assert [u.household for u in result.plan.unassigned] == ["H0"]

    # The model counts how many of them stay, not who: one class for the four, as for newcomers.
    previous = {h: r.dwelling for h, r in last_week.homes.items()}
    (component,) = aggregate(result.scenario, previous=previous).components
    kept = [c for c in component.classes if c.previous_type is not None]
    assert [sorted(c.households) for c in kept] == [["H1", "H2", "H3", "H4"]]


def test_a_re_plan_moves_only_the_families_it_must_among_interchangeable_ones() -> None:
    s, last_week = interchangeable_couples()
    s = s.model_copy(update={"dwellings": [d for d in s.dwellings if d.id != "W2"]})  # H3's home is gone
    result = planned(s, last_week)
    assert homes(result) == {"H1": "W4", "H2": "W3", "H4": "W1"}
    assert [(c.household, c.before, c.after) for c in result.changes or []] == [("H3", "W2", None)]
    assert result.plan.stats.objective_terms["changes"] == 1


def test_marks_go_on_with_the_families_the_re_plan_keeps_and_end_with_their_home() -> None:
    example = allocation.load_scenario(EXAMPLE)
    first = planned(example).plan
    join = next(a.household for a in first.assignments if a.kind == "join")
    told, gone = [a for a in first.assignments if a.kind == "move"][:2]
    marks = {join: "announced", told.household: "announced", gone.household: "moved_in"}
    week = planned(example, first.model_copy(update={"statuses": marks}))
    assert week.plan.statuses == marks  # a family that joins its referent keeps its mark too

    # the moved-in family's home is no longer in the data: it is planned afresh, without its mark
    without = example.model_copy(
        update={"dwellings": [d for d in example.dwellings if d.id != gone.dwelling]}
    )
    week = planned(without, first.model_copy(update={"statuses": marks}))
    assert week.plan.statuses == {join: "announced", told.household: "announced"}
    assert any(gone.dwelling in note for note in week.notes)
