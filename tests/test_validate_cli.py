"""`allocation validate` on the broken-scenario corpus: exit 2 and the exact FILE:ROW: COLUMN lines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from allocation.cli import main
from allocation.io import load_scenario, write_scenario

BROKEN = Path(__file__).parent / "broken"
BASE = BROKEN / "_base"
FAULTS = sorted(p for p in BROKEN.iterdir() if (p / "expected.txt").is_file())


def expected_lines(folder: Path) -> list[str]:
    return (folder / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_corpus_has_many_distinct_faults():
    assert len(FAULTS) >= 18


def test_base_of_the_corpus_is_valid(capsys):
    assert main(["validate", str(BASE)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{BASE}: valid: 4 municipalities, 5 dwellings, 4 households, 9 persons\n"
    # W4's rent (810.50) is above every limit: a doubt to look at, not a fault of the file
    assert err.splitlines() == [
        "dwellings.csv:4: id: warning: dwelling W4 fits no household that may live in GM0310, neither a "
        "whole family nor a part of an allowed split (casus 4); the home can only stay empty"
    ]


@pytest.mark.parametrize("folder", [f for f in FAULTS if f.name != "many_faults"], ids=lambda p: p.name)
def test_each_fault_differs_from_base_in_one_file(folder):
    names = {p.name for p in folder.iterdir() if p.name != "expected.txt"} | {p.name for p in BASE.iterdir()}
    changed = [
        n
        for n in names
        if not (folder / n).is_file()
        or not (BASE / n).is_file()
        or (folder / n).read_bytes() != (BASE / n).read_bytes()
    ]
    assert len(changed) == 1, changed


@pytest.mark.parametrize("folder", FAULTS, ids=lambda p: p.name)
def test_validate_reports_the_fault_exactly(folder, capsys):
    code = main(["validate", str(folder)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == expected_lines(folder)
    assert "Traceback" not in out + err
    count = len(expected_lines(folder))
    assert out == f"{folder}: not valid: {count} problem{'s' if count != 1 else ''}\n"


def test_validate_collects_every_problem_not_just_the_first(capsys):
    main(["validate", str(BROKEN / "many_faults")])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 7
    assert [line.split(":")[0] for line in err] == sorted(line.split(":")[0] for line in err)


@pytest.mark.parametrize("fault", ["non_utf8", "two_referents", "missing_file"])
def test_installed_command_reports_without_traceback(fault):
    folder = BROKEN / fault
    result = subprocess.run(
        [sys.executable, "-m", "allocation.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == expected_lines(folder)
    assert "Traceback" not in result.stderr + result.stdout


def test_path_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["validate", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{missing}:0: -: no such folder or file; give a scenario folder of CSV files or an .xlsx workbook\n"
    )


def test_a_single_csv_file_is_not_a_scenario(capsys):
    target = BASE / "persons.csv"
    assert main(["validate", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{target}:0: -: not a scenario; "
        "give the folder that holds the four CSV files, or an .xlsx workbook\n"
    )


@pytest.fixture
def workbook(tmp_path) -> Path:
    """The corpus base scenario saved as a workbook, ready to be broken by a test."""
    path = tmp_path / "scenario.xlsx"
    write_scenario(load_scenario(BASE), path)
    return path


def test_valid_workbook(workbook, capsys):
    assert main(["validate", str(workbook)]) == 0
    assert (
        capsys.readouterr().out
        == f"{workbook}: valid: 4 municipalities, 5 dwellings, 4 households, 9 persons\n"
    )


def test_workbook_without_persons_sheet(workbook, capsys):
    book = load_workbook(workbook)
    del book["persons"]
    book.save(workbook)
    assert main(["validate", str(workbook)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "persons:0: -: sheet is missing; the workbook needs a sheet named persons "
        "(it has: municipalities, dwellings, households, policy)"
    ]


def test_workbook_formula_is_reported_not_evaluated(workbook, capsys):
    book = load_workbook(workbook)
    book["dwellings"]["C3"] = "=1+1"  # bedrooms of W2 (data row 2)
    book["persons"]["D2"] = "=SUM(1,2)"  # age of P1 (data row 1)
    book.save(workbook)
    assert main(["validate", str(workbook)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "dwellings:2: bedrooms: formulas are not allowed; enter the value",
        "persons:1: age: formulas are not allowed; enter the value",
    ]


def test_workbook_fractional_number_and_policy_problems(workbook, capsys):
    book = load_workbook(workbook)
    book["dwellings"]["D2"] = 4.5  # max_occupants of W1
    policy = book["policy"]
    policy.append(["split_roles", "child,cousin"])
    policy.append(["time_limt", "30"])
    book.save(workbook)
    assert main(["validate", str(workbook)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "dwellings:1: max_occupants: '4.5' is not a whole number; enter a whole number such as 3"
    assert err[1] == (
        "policy:1: value: setting split_roles: 'cousin' is not allowed; "
        "use any of: referent, partner, child, parent, sibling, other"
    )
    assert err[2].startswith("policy:2: key: setting time_limt: unknown setting; did you mean time_limit?")
    assert len(err) == 3


def test_file_that_is_not_a_workbook(tmp_path, capsys):
    fake = tmp_path / "scenario.xlsx"
    shutil.copy(BASE / "persons.csv", fake)
    assert main(["validate", str(fake)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scenario.xlsx:0: -: cannot be read as an Excel workbook (.xlsx): ")
    assert "Traceback" not in err


# Files that are there but cannot be read, or are named in another case: problems, never skipped.


def test_a_policy_toml_that_is_a_pipe_is_reported_without_blocking(tmp_path):
    folder = tmp_path / "scenario"
    shutil.copytree(BASE, folder)
    os.mkfifo(folder / "policy.toml")
    result = subprocess.run(
        [sys.executable, "-m", "allocation.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "policy.toml:0: -: is not a normal file (a pipe, socket or device); the policy is not applied:"
        " save the settings as a file"
    ]


def test_a_table_file_named_in_another_case_is_named_in_the_message(tmp_path, capsys):
    folder = tmp_path / "scenario"
    shutil.copytree(BASE, folder)
    (folder / "persons.csv").rename(folder / "Persons.csv")
    assert main(["validate", str(folder)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "persons.csv:0: -: file is missing; the folder has Persons.csv: name it persons.csv (lower case)"
    ]


def test_a_second_file_named_like_a_table_in_another_case_is_a_problem(tmp_path, capsys):
    folder = tmp_path / "scenario"
    shutil.copytree(BASE, folder)
    shutil.copy(folder / "persons.csv", folder / "PERSONS.CSV")
    assert main(["validate", str(folder)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "PERSONS.CSV:0: -: a second file named like persons.csv (only upper and lower case differ); remove it"
    ]
