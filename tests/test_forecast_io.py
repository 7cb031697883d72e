"""The optional tvs_step and step_date household columns: read, written, and located problems."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from allocation.errors import ScenarioError
from allocation.io import load_scenario, scenario_to_tables, write_scenario

BASE = Path(__file__).parent / "broken" / "_base"


def _with_steps(tmp_path: Path, steps: dict[int, tuple[str, str]]) -> Path:
    """The corpus base scenario with the two columns added; steps maps data row -> (tvs_step, step_date)."""
    folder = tmp_path / "s"
    shutil.copytree(BASE, folder)
    path = folder / "households.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[0] += ["tvs_step", "step_date"]
    for number, row in enumerate(rows[1:], start=1):
        row += list(steps.get(number, ("", "")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


def test_files_without_the_columns_stay_valid():
    assert all(h.tvs_step is None and h.step_date is None for h in load_scenario(BASE).households)


def test_steps_are_read_in_any_case_and_written_back(tmp_path):
    folder = _with_steps(tmp_path, {1: ("Mvv_Afgegeven", "2026-11-30"), 3: ("afgewezen", "2026-01-05")})
    s = load_scenario(folder)
    assert (s.households[0].tvs_step, s.households[0].step_date) == ("mvv_afgegeven", date(2026, 11, 30))
    assert s.households[2].tvs_step == "afgewezen"
    assert s.households[1].tvs_step is None
    write_scenario(s, tmp_path / "book.xlsx")
    assert load_scenario(tmp_path / "book.xlsx") == s
    assert list(scenario_to_tables(s)["households"].columns)[-2:] == ["tvs_step", "step_date"]


def test_bad_steps_are_located_problems(tmp_path):
    folder = _with_steps(
        tmp_path,
        {1: ("x", "2026-01-01"), 2: ("toegekend", ""), 3: ("", "2026-02-01"), 4: ("in_opvang", "31-12-2026")},
    )
    with pytest.raises(ScenarioError) as err:
        load_scenario(folder)
    assert [str(p) for p in err.value.problems] == [
        "households.csv:1: tvs_step: 'x' is not a known TVS step; use one of: aanvraag_ingediend, toegekend, "
        "afgewezen, mvv_afgegeven, bij_referent, in_opvang",
        "households.csv:2: step_date: no date for step toegekend; give the day the household reached it "
        "(YYYY-MM-DD)",
        "households.csv:3: tvs_step: a step date without a step; give the TVS step reached on that day or "
        "clear the date",
        "households.csv:4: step_date: '31-12-2026' is not a date; use YYYY-MM-DD, e.g. 2026-03-01",
    ]
