"""The library parts of the planner app v2: Dutch problem texts, invalid files opened as tables, Dutch plan
files and calendar, pins, what changed, and the family and home views, on real files and real solves."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import icalendar
import openpyxl
import pytest

import allocation
from allocation.changes import figures_side_by_side, plan_changes
from allocation.forecast import deadline_rows, forecast
from allocation.forecast.ics import calendar_text
from allocation.inspect import family_view, home_view
from allocation.io import scenario_from_tables
from allocation.io.plan_xlsx import plan_csv_texts, write_plan_workbook
from allocation.io.problem_texts import message_text, shown_problem
from allocation.io.raw_tables import open_tables
from allocation.pins import pin, pin_plan, pinned
from app_fixtures import EXAMPLE

BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture(scope="module")
def example():
    return allocation.load_scenario(EXAMPLE)


@pytest.fixture(scope="module")
def plan(example):
    return allocation.solve(example, solver="highs")


def _broken_problems():
    for folder in sorted(p for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith("_")):
        try:
            allocation.load_scenario(folder)
        except allocation.ScenarioError as err:
            for problem in err.problems:
                yield folder.name, problem


def test_every_problem_of_the_broken_corpus_has_a_dutch_text():
    english = [
        (name, p.message) for name, p in _broken_problems() if message_text(p.message, "nl") == p.message
    ]
    assert english == []
    assert (
        message_text("no value given; this column is required", "en")
        == "no value given; this column is required"
    )


def test_a_problem_is_shown_with_dutch_table_and_column_names():
    problem = allocation.Problem(
        "households.csv", 2, "arrival", "'15-03-2026' is not a date; use YYYY-MM-DD, e.g. 2026-03-01"
    )
    shown = shown_problem(problem, "nl")
    assert shown == (
        "Huishoudens",
        2,
        "aankomst",
        "'15-03-2026' is geen datum; gebruik JJJJ-MM-DD, bijv. 2026-03-01",
    )


def test_an_invalid_folder_opens_as_text_tables_with_its_problems():
    opened = open_tables(BROKEN / "bad_date")
    assert opened.scenario is None
    assert [(p.file, p.row, p.column) for p in opened.problems] == [("households.csv", 2, "arrival")]
    assert opened.tables["households"].loc[1, "arrival"] == "15-03-2026"  # kept as typed, to be fixed
    fixed = {name: frame.copy() for name, frame in opened.tables.items()}
    fixed["households"].loc[1, "arrival"] = "2026-03-15"
    assert scenario_from_tables(fixed).household(fixed["households"].loc[1, "id"]).arrival.day == 15


def test_a_workbook_without_a_required_column_opens_with_that_column_empty(tmp_path, example):
    path = tmp_path / "zonder-quota.xlsx"
    allocation.write_scenario(example, path)
    book = openpyxl.load_workbook(path)
    sheet = book["municipalities"]
    sheet.delete_cols([c.value for c in sheet[1]].index("quota") + 1)
    book.save(path)
    opened = open_tables(path)
    assert opened.scenario is None
    assert list(opened.tables["municipalities"]["quota"]) == [""] * len(example.municipalities)
    assert ("municipalities", 0, "quota") in [(p.file, p.row, p.column) for p in opened.problems]
    assert len(opened.tables["persons"]) == len(example.persons)


def test_the_dutch_plan_workbook_and_csv_files(tmp_path, example, plan):
    from allocation.explain import explain_unassigned

    reasons = {u.household: u.reason for u in explain_unassigned(example, plan.assignments, "nl")}
    names = {m.code: m.name for m in example.municipalities}
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, path, "nl", names, reasons)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Toewijzingen", "Niet gehuisvest", "Gemeenten", "Samenvatting"]
    rows = list(book["Toewijzingen"].iter_rows(values_only=True))
    first = plan.assignments[0]
    assert rows[1][:5] == (
        first.household,
        first.dwelling,
        first.municipality,
        names[first.municipality],
        {"join": "bij referent", "move": "verhuist", "split": "gesplitst"}[first.kind],
    )
    left = {r[0]: r[3] for r in book["Niet gehuisvest"].iter_rows(min_row=2, values_only=True)}
    assert left == reasons
    texts = plan_csv_texts(plan, "nl", names, reasons)
    assert set(texts) == {"toewijzingen.csv", "niet_gehuisvest.csv", "gemeenten.csv", "samenvatting.csv"}
    assert "personen gehuisvest," + str(plan.summary()["persons_housed"]) in texts["samenvatting.csv"]


def test_the_calendar_in_dutch(example):
    rows = deadline_rows(forecast(example))
    names = {m.code: m.name for m in example.municipalities}
    text = calendar_text(rows, now=datetime(2026, 1, 1), lang="nl", names=names)
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert len(events) == len(rows)
    first = rows[0]
    summary = str(events[0]["SUMMARY"])
    assert summary.endswith(f"huishouden {first['household']} ({first['persons']} personen)")
    assert f"Gemeente {names[first['municipality']]} ({first['municipality']})" in str(
        events[0]["DESCRIPTION"]
    )
    english = calendar_text(rows, now=datetime(2026, 1, 1))
    assert "household" in english and "huishouden" not in english


def test_pins_are_set_from_the_plan_and_by_hand(example, plan):
    moved = next(a for a in plan.assignments if a.kind == "move")
    pinned_scenario = pin_plan(example, plan, [moved.household])
    assert pinned(pinned_scenario) == {**pinned(example), moved.household: moved.dwelling}
    cleared = pin(pinned_scenario, moved.household)
    assert pinned(cleared) == pinned(example)
    with pytest.raises(KeyError):
        pin(example, "NO-SUCH-HOUSEHOLD", dwelling=moved.dwelling)


def test_a_pin_to_another_home_is_named_in_what_changed(example, plan):
    view = family_view(example, "H051", plan, "nl")
    other = next(c for c in view.candidates if not c.chosen and not c.away)
    again = allocation.solve(pin(example, "H051", dwelling=other.dwelling), solver="highs")
    scenario = pin(example, "H051", dwelling=other.dwelling)
    changes = plan_changes(plan, again, scenario, "nl")
    assert changes[0].household == "H051"
    assert (
        changes[0].after == other.dwelling
        and changes[0].why == f"vastgezet door de planner op {other.dwelling}"
    )
    figures = {f.key: (f.before, f.after) for f in figures_side_by_side(plan, again)}
    assert figures["persons_housed"][0] == plan.summary()["persons_housed"]


def test_family_view_of_a_household_left_out(example, plan):
    left = plan.unassigned[0].household
    view = family_view(example, left, plan, "nl", {left: "een reden"})
    assert view.home == [] and view.reason == "een reden"
    assert [m.id for m in view.members] == [p.id for p in example.members(left)]
    for candidate in view.candidates:  # every fitting home that is taken names who takes it
        taker = next((a for a in plan.assignments if a.dwelling == candidate.dwelling), None)
        if taker is not None:
            assert candidate.why == f"gaat naar huishouden {taker.household} ({taker.persons} personen)"


def test_family_view_says_where_the_family_is_today(example, plan):
    """The referent's home is where the referent lives; the family is there once it has arrived."""
    now = {h: family_view(example, h, plan, "nl").now for h in ("H001", "H005", "H013", "H015")}
    assert now == {
        "H001": f"in Nederland sinds {example.household('H001').arrival.isoformat()}",
        "H005": "bij de referent in woning D001",  # arrived 2026-01-19, before the planning date
        "H013": "nog niet in Nederland",
        "H015": "nog niet in Nederland; de referent woont in woning D017",  # expected 2027-01-08
    }
    assert family_view(example, "H015", plan, "en").now == (
        "not in the Netherlands yet; the referent lives in dwelling D017"
    )


def test_home_view_ranks_the_families_that_fit(example, plan):
    taken = plan.assignments[0]
    view = home_view(example, taken.dwelling, plan, "nl")
    assert [a.household for a in view.occupants] == [taken.household]
    ranks = [c.rank for c in view.contenders]
    assert ranks == list(range(1, len(ranks) + 1))
    persons = [c.persons for c in view.contenders]
    assert persons == sorted(persons, reverse=True)  # persons housed is the first objective
    assert taken.household in [c.household for c in view.contenders] or taken.kind == "split"


def test_home_view_of_a_home_nobody_fits_says_why(example, plan):
    view = home_view(example, "D093", plan, "nl")  # Enschede, 1 bedroom, 2 occupants, rent 756.97
    assert view.contenders == [] and view.occupants == []
    reasons = {u.reason: u.households for u in view.unfit}
    assert reasons["huur 756,97 ligt boven de grens 713,02 voor 2 personen"] > 0  # the small families
    assert any(r.startswith("3 personen, woning is voor hoogstens 2") for r in reasons)  # the larger ones
    may_live_here = [
        h
        for h in example.households
        if h.tvs_step != "afgewezen" and "GM0153" in allocation.rules.allowed_municipalities(h, example)
    ]
    assert sum(reasons.values()) == len(may_live_here)
    assert home_view(example, plan.assignments[0].dwelling, plan, "nl").unfit == ()


def test_the_plans_looked_at_here_pass_the_verifier(example, plan):
    assert allocation.verify(example, plan) == []
    scenario = pin(example, "H051", dwelling=family_view(example, "H051", plan).candidates[-1].dwelling)
    assert allocation.verify(scenario, allocation.solve(scenario, solver="highs")) == []
