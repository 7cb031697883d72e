"""`allocation forecast SCENARIO --out DIR`: the documented files and columns, calendar.ics, exit codes."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import icalendar

from allocation.cli import main
from allocation.forecast import FILES
from allocation.forecast.ics import calendar_text, fold
from allocation.io import load_scenario, read_plan, write_plan, write_scenario
from allocation.scenario import Dwelling
from allocation.verify import verify
from builders import assignment, family, household, municipality, plan, scenario, unassigned

BROKEN = Path(__file__).parent / "broken"


def _scenario_folder(tmp_path: Path) -> Path:
    s = scenario(
        [municipality("GM0141", "Almelo", region="Twente"), municipality("GM0147", "Borne", region="Twente")],
        [
            Dwelling(
                id="D1", municipality="GM0141", bedrooms=2, max_occupants=4, available_from=date(2027, 2, 1)
            ),
            Dwelling(id="D2", municipality="GM0147", bedrooms=2, max_occupants=4),
        ],
        [
            household("H1", "GM0141", tvs_step="mvv_afgegeven", step_date=date(2026, 11, 30)),
            household("H2", "GM0147", tvs_step="afgewezen", step_date=date(2026, 10, 1)),
            household("H3", "GM0147", arrival=date(2026, 12, 31)),
        ],
        family("H1", ("referent", 35), ("partner", 33), ("child", 6), ("child", 13))
        + family("H2", ("referent", 30), ("partner", 30))
        + family("H3", ("referent", 40), ("child", 10)),
    )
    folder = tmp_path / "scenario"
    write_scenario(s, folder)
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_forecast_writes_the_documented_files(tmp_path, capsys):
    out = tmp_path / "forecast"
    assert main(["forecast", str(_scenario_folder(tmp_path)), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 households expected with 4 arriving persons" in printed
    assert "1 refused applications left out: H2" in printed
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)

    header = {
        name: (out / name).read_text(encoding="utf-8").splitlines()[0]
        for name in FILES
        if name.endswith(".csv")
    }
    assert header == {
        "windows.csv": "household,municipality,tvs_step,step_date,source,"
        "earliest,likely,latest,persons,primary,isk",
        "arrivals.csv": "month,municipality,name,households,persons",
        "school_places.csv": "month,municipality,name,region,primary,isk",
        "deadlines.csv": "household,municipality,deadline,due,persons,source,rule",
        "overdue.csv": "household,municipality,tvs_step,step_date,latest",
    }
    assert _rows(out / "windows.csv")[0] == {
        "household": "H1",
        "municipality": "GM0141",
        "tvs_step": "mvv_afgegeven",
        "step_date": "2026-11-30",
        "source": "mvv_afgegeven",
        "earliest": "2026-11-30",
        "likely": "2027-01-14",
        "latest": "2027-02-28",
        "persons": "3",
        "primary": "1",
        "isk": "1",
    }
    assert [
        (r["month"], r["municipality"], r["households"], r["persons"]) for r in _rows(out / "arrivals.csv")
    ] == [
        ("2026-12", "GM0147", "1", "1"),
        ("2027-01", "GM0141", "1", "3"),
    ]
    assert [(r["month"], r["name"], r["primary"], r["isk"]) for r in _rows(out / "school_places.csv")] == [
        ("2026-12", "Borne", "1", "0"),
        ("2027-01", "Almelo", "1", "1"),
    ]
    deadlines = _rows(out / "deadlines.csv")
    assert {r["household"] for r in deadlines} == {"H1", "H3"}
    assert {(r["household"], r["deadline"], r["due"]) for r in deadlines} >= {
        ("H3", "ind_appointment", "2027-01-03"),
        ("H1", "gp_intake", "2027-01-28"),
    }


def test_calendar_parses_with_icalendar_and_holds_the_deadlines(tmp_path):
    out = tmp_path / "forecast"
    assert main(["forecast", str(_scenario_folder(tmp_path)), "--out", str(out), "--from", "2027-01-01"]) == 0
    raw = (out / "calendar.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = {
        (str(e["UID"]).split("-")[0], e["CATEGORIES"].cats[0], e.decoded("DTSTART"))
        for e in cal.walk("VEVENT")
    }
    assert events == {
        ("H3", "ind_appointment", date(2027, 1, 3)),
        ("H3", "gp_intake", date(2027, 1, 14)),
        ("H1", "arrival", date(2027, 1, 14)),
        ("H1", "quota_count", date(2027, 1, 14)),
        ("H1", "ind_appointment", date(2027, 1, 17)),
        ("H1", "gp_intake", date(2027, 1, 28)),
    }
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 6
    summary = next(str(e["SUMMARY"]) for e in cal.walk("VEVENT") if e["UID"].startswith("H1-gp"))
    assert summary == "GP intake due: household H1 (3 persons)"


def test_calendar_text_escapes_and_folds():
    rows = [
        {
            "household": "H,1;x",
            "municipality": "GM1",
            "deadline": "gp_intake",
            "due": date(2026, 12, 31),
            "persons": 2,
            "source": "arrival",
            "rule": "Line one\nline two; with, commas \\ and a long tail " + "é" * 60,
        }
    ]
    text = calendar_text(rows, now=datetime(2026, 1, 2, 3, 4, 5))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]).startswith("Line one\nline two; with, commas \\ and a long tail éé")
    assert str(event["SUMMARY"]) == "GP intake due: household H,1;x (2 persons)"
    assert event.decoded("DTEND") == date(2027, 1, 1)
    assert all(len(part.encode()) <= 75 for part in fold("X:" + "é" * 100).split("\r\n"))


def test_invalid_input_exits_2_with_the_messages_of_validate(tmp_path, capsys):
    folder = next(p for p in sorted(BROKEN.iterdir()) if (p / "expected.txt").is_file())
    out = tmp_path / "forecast"
    assert main(["forecast", str(folder), "--out", str(out)]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines() == (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert not out.exists()


def test_the_bundled_example_forecasts(tmp_path):
    example = Path(__file__).resolve().parents[1] / "data" / "example"
    assert main(["forecast", str(example), "--out", str(tmp_path / "f")]) == 0
    assert len(_rows(tmp_path / "f" / "arrivals.csv")) > 10
    assert len(_rows(tmp_path / "f" / "school_places.csv")) > 5


def test_with_a_plan_the_quota_deadline_is_the_day_the_family_is_housed(tmp_path, capsys):
    folder = _scenario_folder(tmp_path)
    s = load_scenario(folder)
    # H1 arrives likely 2027-01-14 but D1 is free from 2027-02-01; H3 is left out
    write_plan(plan([assignment(s, "H1", "D1")], [unassigned(s, "H3")]), tmp_path / "plan")
    out = tmp_path / "forecast"
    assert main(["forecast", str(folder), "--out", str(out), "--plan", str(tmp_path / "plan")]) == 0
    quota = [r for r in _rows(out / "deadlines.csv") if r["deadline"] == "quota_count"]
    assert [(r["household"], r["due"]) for r in quota] == [("H1", "2027-02-01")]
    assert quota[0]["rule"].endswith("(plan: D1)")

    write_plan(plan([assignment(s, "H1", "D1")]), tmp_path / "other")
    other = (tmp_path / "other" / "assignments.csv").read_text(encoding="utf-8").replace("D1", "D9")
    (tmp_path / "other" / "assignments.csv").write_text(other, encoding="utf-8")
    capsys.readouterr()
    assert (
        main(["forecast", str(folder), "--out", str(tmp_path / "f2"), "--plan", str(tmp_path / "other")]) == 2
    )
    assert capsys.readouterr().err.splitlines() == [
        "assignments.csv:1: dwelling: unknown dwelling D9; it is not in the scenario "
        "(is this the plan of another scenario?)"
    ]
    assert not (tmp_path / "f2").exists()


def _moving_scenario(tmp_path: Path) -> Path:
    """H1 (linked to Almelo) fits only a Borne home free from 2027-02-01; H4's window ended in 2025."""
    s = scenario(
        [municipality("GM0141", "Almelo", region="Twente"), municipality("GM0147", "Borne", region="Twente")],
        [
            Dwelling(id="D1", municipality="GM0141", bedrooms=1, max_occupants=2),
            Dwelling(
                id="D2", municipality="GM0147", bedrooms=3, max_occupants=5, available_from=date(2027, 2, 1)
            ),
        ],
        [
            household("H1", "GM0141", tvs_step="mvv_afgegeven", step_date=date(2026, 11, 30)),
            household("H4", "GM0141", tvs_step="toegekend", step_date=date(2025, 1, 10)),
        ],
        family("H1", ("referent", 35), ("partner", 33), ("child", 6), ("child", 13))
        + family("H4", ("referent", 30), ("partner", 29)),
    )
    folder = tmp_path / "scenario"
    write_scenario(s, folder)
    return folder


def test_with_a_solved_plan_school_places_and_quota_follow_where_and_when_the_family_is_housed(
    tmp_path, capsys
):
    folder = _moving_scenario(tmp_path)
    assert main(["solve", str(folder), "--out", str(tmp_path / "plan"), "--quiet"]) == 0
    plan_read = read_plan(tmp_path / "plan")
    assert verify(load_scenario(folder), plan_read) == []
    assert {(a.household, a.dwelling) for a in plan_read.assignments} == {("H1", "D2"), ("H4", "D1")}

    before, after = tmp_path / "linked", tmp_path / "planned"
    assert main(["forecast", str(folder), "--out", str(before)]) == 0
    assert main(["forecast", str(folder), "--out", str(after), "--plan", str(tmp_path / "plan")]) == 0
    school = [
        (r["month"], r["municipality"], r["primary"], r["isk"]) for r in _rows(before / "school_places.csv")
    ]
    assert school == [("2027-01", "GM0141", "1", "1")]  # likely arrival 2027-01-14 in the linked Almelo
    school = [(r["month"], r["name"], r["primary"], r["isk"]) for r in _rows(after / "school_places.csv")]
    assert school == [("2027-02", "Borne", "1", "1")]  # the plan's home in Borne is free from 2027-02-01
    quota = [r for r in _rows(after / "deadlines.csv") if r["deadline"] == "quota_count"]
    assert [(r["household"], r["municipality"], r["due"]) for r in quota] == [
        ("H4", "GM0141", "2025-04-10"),  # no --from: H4's old window is still forecast, housed in D1 at once
        ("H1", "GM0147", "2027-02-01"),
    ]
    arrival = [
        r for r in _rows(after / "deadlines.csv") if r["deadline"] == "arrival" and r["household"] == "H1"
    ]
    assert [(r["municipality"], r["due"]) for r in arrival] == [("GM0141", "2027-01-14")]


def test_windows_that_ended_before_from_are_overdue_not_arrivals(tmp_path, capsys):
    folder = _moving_scenario(tmp_path)
    out = tmp_path / "forecast"
    assert main(["forecast", str(folder), "--out", str(out), "--from", "2026-12-01"]) == 0
    printed = capsys.readouterr().out
    assert "1 households expected with 3 arriving persons" in printed
    assert "1 households whose arrival window has ended, check TVS (overdue.csv): H4" in printed
    assert _rows(out / "overdue.csv") == [
        {
            "household": "H4",
            "municipality": "GM0141",
            "tvs_step": "toegekend",
            "step_date": "2025-01-10",
            "latest": "2025-07-10",
        }
    ]
    assert [r["household"] for r in _rows(out / "windows.csv")] == ["H1"]
    assert {r["household"] for r in _rows(out / "deadlines.csv")} == {"H1"}
    assert [(r["month"], r["persons"]) for r in _rows(out / "arrivals.csv")] == [("2027-01", "3")]

    # without --from nor a planning date nothing is overdue: H4 is forecast for 2025
    assert main(["forecast", str(folder), "--out", str(tmp_path / "all")]) == 0
    assert _rows(tmp_path / "all" / "overdue.csv") == []
    assert [r["household"] for r in _rows(tmp_path / "all" / "windows.csv")] == ["H1", "H4"]
