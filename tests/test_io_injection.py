"""Formula injection: no CSV the project writes holds a cell a spreadsheet would run when a planner
opens it (OWASP: a leading ' before =, +, -, @, tab or CR; numbers such as -3 stay as they are),
workbook cells stay text, and every file reads back to exactly what was written."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import allocation
from allocation.cli import main
from allocation.forecast.files import FILES as FORECAST_FILES
from allocation.io.csv_io import FORMULA_STARTS, neutralise_cell, restore_cell
from allocation.io.plan_io import PLAN_FILES

CALC = "=cmd|' /C calc'!A0"
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

HOSTILE_SCENARIO = {
    "municipalities.csv": (
        "code,name,region,quota,housed\n"
        f'"{CALC.replace(chr(34), chr(34) * 2)}","@SUM(1+1)*cmd|\' /C calc\'!A0",U16,3,0\n'
        'GM0355,"+HYPERLINK(""http://example.invalid"")",U16,2,0\n'
    ),
    "dwellings.csv": (
        "id,municipality,bedrooms,max_occupants,rent\n"
        f'"-2+3","{CALC}",2,4,600\n'
        '"\tW2",GM0355,3,6,\n'
        "-7,GM0355,1,2,\n"
    ),
    "households.csv": (f'id,municipality\n"{CALC}","{CALC}"\n"@H2",GM0355\n"+H3",GM0355\n'),
    "persons.csv": (
        "id,household,role,age\n"
        f'"=1+1","{CALC}",referent,30\n'
        f'"-P2","{CALC}",child,3\n'
        '"@P3","@H2",referent,40\n'
        '"+P4","+H3",referent,50\n'
        '"+P5","+H3",partner,48\n'
        '"+P6","+H3",child,10\n'
        '"+P7","+H3",child,8\n'
        '"+P8","+H3",child,6\n'
        '"+P9","+H3",child,4\n'
        '"+P10","+H3",child,2\n'
    ),
}


def runnable_cells(folder: Path) -> list[str]:
    """Every cell of every CSV in the folder that a spreadsheet would run as a formula."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row_no, row in enumerate(csv.reader(f)):
                for cell in row:
                    if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
                        found.append(f"{path.name}:{row_no}: {cell!r}")
    return found


@pytest.fixture
def scenario_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name, text in HOSTILE_SCENARIO.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_hostile_scenario_is_valid_and_its_ids_are_as_typed(scenario_folder: Path) -> None:
    scenario = allocation.load_scenario(scenario_folder)
    assert scenario.municipalities[0].code == CALC
    assert [d.id for d in scenario.dwellings] == ["-2+3", "\tW2".strip(), "-7"]
    assert {h.id for h in scenario.households} == {CALC, "@H2", "+H3"}


def test_solve_writes_no_cell_a_spreadsheet_would_run(scenario_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    assert main(["solve", str(scenario_folder), "--out", str(out), "--quiet"]) == 0
    assert runnable_cells(out) == []
    text = (out / "assignments.csv").read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0,'-2+3,'=cmd|' /C calc'!A0,move,2,'=1+1;-P2," in text
    assert "'@H2,-7,GM0355,move,1,'@P3," in text, "a number (-7) stays as it is"
    assert (out / "unassigned.csv").read_text(encoding="utf-8").splitlines()[1].startswith("'+H3,7,")
    municipalities = (out / "municipalities.csv").read_text(encoding="utf-8")
    assert "'@SUM(1+1)" in municipalities and "'+HYPERLINK" in municipalities
    scenario = allocation.load_scenario(scenario_folder)
    plan = allocation.read_plan(out)
    assert allocation.verify(scenario, plan) == []
    assert {a.household for a in plan.assignments} | {u.household for u in plan.unassigned} == {
        CALC,
        "@H2",
        "+H3",
    }
    assert sorted(PLAN_FILES) == sorted(p.name for p in out.iterdir() if p.name in PLAN_FILES)


def test_the_apps_csv_zip_and_the_forecast_hold_no_runnable_cell(
    scenario_folder: Path, tmp_path: Path
) -> None:
    scenario = allocation.load_scenario(scenario_folder)
    plan = allocation.solve(scenario)
    assert allocation.verify(scenario, plan) == []
    zipped = tmp_path / "zip"
    zipped.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:  # as the app builds its download: write_plan, then zip
        for path in allocation.write_plan(plan, tmp_path / "for-zip"):
            zf.write(path, arcname=path.name)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        zf.extractall(zipped)
    assert runnable_cells(zipped) == []
    forecast = tmp_path / "forecast"
    assert main(["forecast", str(scenario_folder), "--out", str(forecast)]) == 0
    assert {p.name for p in forecast.iterdir()} >= set(FORECAST_FILES)
    assert runnable_cells(forecast) == []


def test_a_scenario_written_as_csv_holds_no_runnable_cell_and_reads_back_the_same(
    scenario_folder: Path, tmp_path: Path
) -> None:
    scenario = allocation.load_scenario(scenario_folder)
    allocation.write_scenario(scenario, tmp_path / "copy")
    assert runnable_cells(tmp_path / "copy") == []
    assert allocation.load_scenario(tmp_path / "copy") == scenario


def test_workbook_cells_stay_text(scenario_folder: Path, tmp_path: Path) -> None:
    scenario = allocation.load_scenario(scenario_folder)
    plan = allocation.solve(scenario)
    allocation.io.write_plan_xlsx(plan, tmp_path / "plan.xlsx")
    allocation.write_scenario(scenario, tmp_path / "scenario.xlsx")
    for name in ("plan.xlsx", "scenario.xlsx"):
        book = load_workbook(tmp_path / name)
        kinds = {
            (cell.value, cell.data_type)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
        }
        assert kinds and all(kind == "s" for _, kind in kinds), (name, kinds)
    assert allocation.load_scenario(tmp_path / "scenario.xlsx") == scenario


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-P2", "'-P2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("+2.5", "+2.5"),
        ("-1e3", "-1e3"),
        ("'=x", "''=x"),
        ("O'Neil", "O'Neil"),
        ("Utrecht", "Utrecht"),
        ("", ""),
    ],
)
def test_one_cell_is_neutralised_and_restored(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value
