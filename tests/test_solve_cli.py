"""`allocation solve` as SCENARIO_FORMAT.md promises it: files, columns, exit codes, messages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import allocation
from allocation.cli import main
from solving import SCENARIOS

BROKEN = Path(__file__).parent / "broken"
SUMMARY_KEYS = {
    "status",
    "persons_housed",
    "households_housed",
    "households_unassigned",
    "splits",
    "objective",
    "bound",
    "gap",
    "solve_seconds",
    "solver",
}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_solve_writes_the_four_files_with_the_contract_columns(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan"
    assert main(["solve", str(SCENARIOS / "casus4_split"), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "assignments.csv",
        "municipalities.csv",
        "summary.json",
        "unassigned.csv",
    ]
    assert header(out / "assignments.csv")[:6] == [
        "household",
        "dwelling",
        "municipality",
        "kind",
        "persons",
        "person_ids",
    ]
    assert header(out / "unassigned.csv") == ["household", "persons", "reason_code", "reason"]
    assert header(out / "municipalities.csv") == [
        "code",
        "name",
        "quota",
        "housed_before",
        "newly_counted",
        "shortfall",
    ]
    split = {r["dwelling"]: r for r in rows(out / "assignments.csv")}
    assert split["D2"]["kind"] == "split" and split["D2"]["person_ids"] == "P3;P4"
    assert split["D1"]["persons"] == "7"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary.keys() >= SUMMARY_KEYS
    assert summary["status"] == "optimal" and summary["splits"] == 1 and summary["persons_housed"] == 9
    text = capsys.readouterr().out
    assert "status optimal" in text and "housed 9 persons in 1 households (1 split" in text


def test_solved_files_read_back_as_a_plan_that_verifies(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    assert main(["solve", "data/example", "--out", str(out), "--quiet"]) == 0
    plan = allocation.read_plan(out)
    scenario = allocation.load_scenario("data/example")
    assert allocation.verify(scenario, plan) == []
    unassigned = rows(out / "unassigned.csv")
    assert all(r["reason_code"] and r["reason"] for r in unassigned)


def test_json_prints_the_summary(tmp_path: Path, capsys) -> None:
    code = main(["solve", str(SCENARIOS / "woningcheck"), "--out", str(tmp_path / "o"), "--json", "--quiet"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["households_housed"] == 2 and summary["solver"] == "highs"


@pytest.mark.parametrize("solver", ["highs", "scip", "cpsat", "greedy"])
def test_every_solver_is_selectable(tmp_path: Path, solver: str, capsys) -> None:
    out = tmp_path / solver
    assert (
        main(["solve", str(SCENARIOS / "big_and_small"), "--out", str(out), "--solver", solver, "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["solver"] == solver


def test_invalid_scenario_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan"
    assert main(["solve", str(BROKEN / "unknown_municipality"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        "dwellings.csv:3: municipality: unknown municipality GM0356; it is not in municipalities.csv" in err
    )
    assert not out.exists()


def test_missing_scenario_exits_2_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "allocation.cli",
            "solve",
            str(tmp_path / "nope"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "nope" in result.stderr


def test_bad_time_limit_and_unknown_solver_are_refused(tmp_path: Path, capsys) -> None:
    args = ["solve", str(SCENARIOS / "amv"), "--out", str(tmp_path / "o")]
    assert main([*args, "--time-limit", "0"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--solver", "gurobi"])
    assert exit_info.value.code == 2
    assert not (tmp_path / "o").exists()


def test_progress_lines_go_to_stderr(tmp_path: Path, capsys) -> None:
    assert main(["solve", str(SCENARIOS / "q6_cooperation"), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "region 1/1: 7 persons housed" in err
