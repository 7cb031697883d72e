"""Reading scenario files as planners produce them: BOMs, column order, extra columns, app tables."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from allocation.errors import ScenarioError
from allocation.io import load_scenario, scenario_from_tables, scenario_to_tables, write_scenario
from allocation.io.atomic import write_folder_atomic

BASE = Path(__file__).parent / "broken" / "_base"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "scenario"
    shutil.copytree(BASE, target)
    return target


def problems_of(call) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        call()
    return [str(p) for p in err.value.problems]


def test_bom_column_order_extra_columns_blank_lines_and_spaces(folder):
    (folder / "persons.csv").write_text(
        "\ufeffRole , Age,id,household,notes,sex,arriving\n"
        "referent,34, P1 ,H1,speaks Tigrinya,M,\n"
        "partner,31,P2,H1,,f,\n\n"
        "child,6,P3,H1,,f,\n"
        "referent,45,P4,H2,,f,Nee\n"
        "child,17,P5,H2,,m,\n"
        "referent,15,P6,H3,,m,\n"
        "parent,44,P7,H3,,f,\n"
        "sibling,9,P8,H3,,x,JA\n"
        "referent,29,P9,H4,,,\n",
        encoding="utf-8",
    )
    scenario = load_scenario(folder)
    assert [p.id for p in scenario.members("H1")] == ["P1", "P2", "P3"]
    assert scenario.person("P1").sex == "m"
    assert scenario.person("P4").arriving is False
    assert scenario.person("P8").arriving is True
    assert scenario.person("P9").is_arriving is False


def test_blank_line_keeps_row_numbers_of_the_file(folder):
    text = (folder / "dwellings.csv").read_text(encoding="utf-8")
    (folder / "dwellings.csv").write_text(
        text.replace("\nW3,", "\n\nW3,").replace("W4,GM0310,4,", "W4,GM0310,x,")
    )
    assert problems_of(lambda: load_scenario(folder)) == [
        "dwellings.csv:5: bedrooms: 'x' is not a whole number; enter a whole number such as 3"
    ]


def test_defaults_apply_to_empty_cells(folder):
    scenario = load_scenario(folder)
    w1 = scenario.dwelling("W1")
    assert (w1.accessible, w1.kind, w1.available_from) == (False, "independent", None)
    assert scenario.dwelling("W3").rent is None
    assert scenario.municipality("GM0153").region is None
    assert scenario.household("H3").needs_accessible is False


def test_optional_columns_may_be_left_out(folder):
    (folder / "municipalities.csv").write_text(
        "code,name,quota\nGM0344,Utrecht,40\nGM0355,Zeist,12\nGM0310,De Bilt,10\nGM0153,Enschede,30\n"
    )
    scenario = load_scenario(folder)
    assert scenario.municipality("GM0344").housed == 0
    assert scenario.municipality("GM0344").region is None


def test_every_problem_across_files_is_collected(folder):
    (folder / "municipalities.csv").write_text("code,name,quota\nGM0344,Utrecht,many\n")
    (folder / "dwellings.csv").unlink()
    problems = problems_of(lambda: load_scenario(folder))
    assert problems[0].startswith("dwellings.csv:0: -: file is missing")
    assert (
        "municipalities.csv:1: quota: 'many' is not a whole number; enter a whole number such as 3"
        in problems
    )
    assert (
        "households.csv:2: municipality: unknown municipality GM0355; it is not in municipalities.csv"
        in problems
    )
    assert (
        "households.csv:4: pinned_municipality: unknown municipality GM0153; it is not in municipalities.csv"
        in (problems)
    )
    assert len(problems) == 6  # dwellings file, quota, H2, H3, H4 municipality, H4 pinned municipality


def app_tables() -> dict[str, pd.DataFrame]:
    """Tables the way an edited data editor hands them over: NaN, floats for ids, real dates."""
    return scenario_to_tables(load_scenario(BASE))


def test_app_tables_accept_nan_float_ids_and_date_objects():
    tables = app_tables()
    dwellings = tables["dwellings"]
    dwellings["rent"] = [750.0, 450.0, float("nan"), 810.5, 690.0]
    dwellings["bedrooms"] = dwellings["bedrooms"].astype(float)
    dwellings.loc[0, "available_from"] = pd.Timestamp("2026-04-01")
    persons = tables["persons"]
    persons["age"] = persons["age"].astype(float)
    municipalities = tables["municipalities"]
    municipalities["housed"] = [5, None, 2, 0]
    scenario = scenario_from_tables(tables)
    assert scenario.dwelling("W3").rent is None
    assert scenario.dwelling("W1").available_from == date(2026, 4, 1)
    assert scenario.dwelling("W4").bedrooms == 4
    assert scenario.municipality("GM0355").housed == 0


def test_app_tables_report_like_files():
    tables = app_tables()
    tables["persons"]["age"] = tables["persons"]["age"].astype(object)
    tables["persons"].loc[1, "age"] = 31.5
    tables["households"].loc[3, "pinned_municipality"] = "GM0344"
    assert problems_of(lambda: scenario_from_tables(tables)) == [
        "households.csv:4: pinned_municipality: municipality GM0344 is out of reach; "
        "household H4 may be housed in: GM0153",
        "persons.csv:2: age: '31.5' is not a whole number; enter a whole number such as 3",
    ]
    assert problems_of(lambda: scenario_from_tables(tables, source="xlsx"))[1].startswith("persons:2: age: ")


def test_app_policy_mapping_is_validated():
    assert scenario_from_tables(app_tables(), {"rent_limit_small": "690"}).policy.rent_limit_small == 690.0
    assert problems_of(lambda: scenario_from_tables(app_tables(), {"rent_limit_small": -1})) == [
        "policy.toml:0: rent_limit_small: -1 is too small; use 0 or more"
    ]


def test_missing_app_table():
    tables = app_tables()
    del tables["persons"]
    assert problems_of(lambda: scenario_from_tables(tables)) == [
        "persons.csv:0: -: the persons table is missing"
    ]


def test_writing_over_a_scenario_keeps_other_files_and_drops_a_stale_policy(folder):
    (folder / "policy.toml").write_text("woningcheck = false\n")
    (folder / "notes.md").write_text("planning round 3\n")
    scenario = load_scenario(folder)
    assert scenario.policy.woningcheck is False
    write_scenario(scenario.model_copy(update={"policy": type(scenario.policy)()}), folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "dwellings.csv",
        "households.csv",
        "municipalities.csv",
        "notes.md",
        "persons.csv",
    ]
    assert load_scenario(folder).policy.woningcheck is True


def test_a_failed_write_leaves_the_old_scenario_untouched(folder):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def fail(path: Path) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_folder_atomic(
            folder, {"municipalities.csv": lambda p: p.write_text("code\n"), "persons.csv": fail}
        )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["scenario"]


def test_a_failed_workbook_write_leaves_no_file(tmp_path):
    scenario = load_scenario(BASE)
    target = tmp_path / "missing-dir" / "s.xlsx"
    write_scenario(scenario, target)
    assert load_scenario(target) == scenario
    assert sorted(p.name for p in target.parent.iterdir()) == ["s.xlsx"]


def test_workbook_typed_by_hand_with_numbers_dates_and_booleans(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    sheets = {
        "Municipalities": [["code", "name", "quota"], ["GM0344", "Utrecht", 40.0]],
        "dwellings": [
            ["id", "municipality", "bedrooms", "max_occupants", "rent", "accessible", "available_from"],
            [101, "GM0344", 2, 4.0, 650, True, datetime(2026, 5, 1)],
        ],
        "households": [["id", "municipality", "pinned_dwelling"], [7, "GM0344", 101.0]],
        "persons": [
            ["id", "household", "role", "age", "arriving"],
            [1, 7.0, "Referent", 30, None],
            [2, 7, "child", 4, 1],
        ],
        "policy": [["key", "value"], ["woningcheck", False], ["rent_limit_small", 690]],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "typed.xlsx"
    book.save(path)
    scenario = load_scenario(path)
    assert scenario.dwelling("101").available_from == date(2026, 5, 1)
    assert scenario.dwelling("101").accessible is True
    assert scenario.household("7").pinned_dwelling == "101"
    assert [p.id for p in scenario.members("7")] == ["1", "2"]
    assert scenario.person("2").arriving is True
    assert scenario.policy.woningcheck is False
    assert scenario.policy.rent_limit_small == 690.0


def test_app_tables_with_a_5000_digit_number_and_look_alike_ids_get_located_problems():
    """The data editor's path: the same checks as files, each a located message, no traceback."""
    tables = app_tables()
    persons = tables["persons"].astype(object)
    persons.loc[8, "age"] = "7" * 5000
    persons.loc[7, "age"] = 10**30
    tables["persons"] = persons
    households = tables["households"].astype(object)
    households.loc[1, "id"] = "\u041d2"  # Cyrillic Н
    tables["households"] = households
    municipalities = tables["municipalities"].astype(object)
    municipalities.loc[0, "name"] = "Utr\u202eecht"
    tables["municipalities"] = municipalities
    assert problems_of(lambda: scenario_from_tables(tables)) == [
        "households.csv:2: id: id Н2 is written in Cyrillic letters, the other ids in Latin letters;"
        " a look-alike letter makes a different id: retype it in Latin letters",
        "households.csv:2: id: household Н2 has no persons; list its members in persons.csv",
        "persons.csv:4: household: unknown household H2; this person is in no household of households.csv",
        "persons.csv:5: household: unknown household H2; this person is in no household of households.csv",
        "persons.csv:8: age: '10000000000000000000...' is a number of 31 digits; more than 18 digits"
        " cannot be right: check the value",
        "persons.csv:9: age: '77777777777777777777...' is a number of 5,000 digits; more than 18 digits"
        " cannot be right: check the value",
    ]
    fixed = app_tables()
    fixed["municipalities"] = municipalities
    assert scenario_from_tables(fixed).municipalities[0].name == "Utrecht"


def test_parts_a_workbook_is_not_read_for_do_not_count_against_its_memory_budget(tmp_path):
    """A big pivot cache (never read for a scenario) does not get a real workbook refused."""
    import zipfile

    plain = tmp_path / "plain.xlsx"
    write_scenario(load_scenario(BASE), plain)
    big = tmp_path / "with_pivot_cache.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/pivotCache/pivotCacheRecords1.xml", b"<pivotCacheRecords>" + b"<r/>" * 1_000_000)
    assert load_scenario(big) == load_scenario(plain)
    styles = tmp_path / "styles_bomb.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(styles, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                data = data.replace(
                    b"</styleSheet>", b"<extLst>" + b"<x/>" * 1_000_000 + b"</extLst></styleSheet>"
                )
            dst.writestr(info, data)
    [problem] = problems_of(lambda: load_scenario(styles))
    assert problem.startswith("styles_bomb.xlsx:0: -: reading the workbook would take about 1.0 GB of memory")
    assert "in xl/styles.xml" in problem and "it is not opened" in problem
