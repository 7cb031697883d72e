"""Load and write whole scenarios: a CSV folder, an .xlsx workbook, or the app's edited tables."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from allocation.errors import Problem, ScenarioError
from allocation.io.atomic import staged_file, write_folder_atomic
from allocation.io.columnar_scenario import load_clean_folder
from allocation.io.csv_io import csv_text, read_csv_table
from allocation.io.policy_io import (
    policy_from_mapping,
    policy_overrides,
    policy_toml_text,
    policy_value_text,
    read_policy_rows,
    read_policy_toml,
)
from allocation.io.raw import RawTable, build_raw
from allocation.io.tables import POLICY_FILE, POLICY_SHEET, TABLES
from allocation.io.validate import build_scenario, sort_problems
from allocation.io.xlsx_io import (
    TextBudgetExceeded,
    Workbook,
    open_workbook,
    read_sheet,
    text_budget_problem,
    write_workbook,
)
from allocation.policy import Policy
from allocation.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
T = TypeVar("T")


def load_scenario(path: str | Path, *, columnar: bool = True) -> Scenario:
    """The scenario in a CSV folder or .xlsx workbook; ScenarioError lists every problem found.

    A clean CSV folder is read column by column; any other input (and every input when
    `columnar` is False) row by row, which is what names each problem by file, row and column.
    """
    path = Path(path)
    if path.is_dir():
        return _load_folder(path, columnar)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _load_workbook(path)
    if not path.exists():
        message = "no such folder or file; give a scenario folder of CSV files or an .xlsx workbook"
    elif path.suffix.lower() == ".xls":
        message = "old Excel format (.xls); save the workbook as .xlsx"
    else:
        message = "not a scenario; give the folder that holds the four CSV files, or an .xlsx workbook"
    raise ScenarioError([Problem(str(path), 0, "-", message)])


def _guarded(label: str, read: Callable[[], tuple[T, list[Problem]]]) -> tuple[T | None, list[Problem]]:
    """Run a reader; an unexpected failure becomes a problem on that file instead of a traceback."""
    try:
        return read()
    except Exception as err:  # any reader failure must reach the planner as a located message
        return None, [Problem(label, 0, "-", f"the file cannot be read: {type(err).__name__}: {err}")]


def _case_variants(folder: Path, names: list[str]) -> dict[str, list[str]]:
    """Files of the folder named like one of `names` but for upper and lower case."""
    try:
        present = sorted(os.listdir(folder))
    except OSError:
        return {}
    wanted = {n.lower(): n for n in names}
    found: dict[str, list[str]] = {}
    for entry in present:
        name = wanted.get(unicodedata.normalize("NFC", entry).lower())
        if name is not None and entry != name:
            found.setdefault(name, []).append(entry)
    return found


def _case_problems(folder: Path, variants: dict[str, list[str]]) -> list[Problem]:
    """Policy.toml or Persons.csv: never silently taken nor silently ignored (the same in app and CLI)."""
    problems = []
    for name, others in variants.items():
        for other in others:
            if name == POLICY_FILE:
                message = (
                    f"the file is named {other}, not {POLICY_FILE}; it is not applied: rename it"
                    f" to {POLICY_FILE} (lower case) or remove it"
                )
            elif (folder / name).is_file():
                message = f"a second file named like {name} (only upper and lower case differ); remove it"
            else:
                continue
            problems.append(Problem(other, 0, "-", message))
    return problems


def _load_folder(folder: Path, columnar: bool = True) -> Scenario:
    problems: list[Problem] = []
    raw: dict[str, RawTable | None] = {}
    variants = _case_variants(folder, [*(f"{name}.csv" for name in TABLES), POLICY_FILE])
    problems += _case_problems(folder, variants)
    policy, policy_problems = _guarded(POLICY_FILE, lambda: read_policy_toml(folder / POLICY_FILE))
    if columnar and not variants and not policy_problems:
        scenario = load_clean_folder(folder, policy or Policy())
        if scenario is not None:
            return scenario
    for name, table in TABLES.items():
        file = f"{name}.csv"
        if file in variants and not (folder / file).exists():
            raw[name] = None
            problems.append(
                Problem(
                    file,
                    0,
                    "-",
                    f"file is missing; the folder has {variants[file][0]}: name it {file} (lower case)",
                )
            )
            continue
        raw[name], found = _guarded(file, lambda t=table: read_csv_table(folder / f"{t.name}.csv", t))
        problems += found
    problems += policy_problems
    return build_scenario(raw, policy or Policy(), problems)


def _load_workbook(path: Path) -> Scenario:
    book, problems = open_workbook(path)
    if book is None:
        raise ScenarioError(problems)
    try:
        raw: dict[str, RawTable | None] = {}
        for name, table in TABLES.items():
            raw[name], found = _guarded(name, lambda t=table: read_sheet(book, t))
            problems += found
            if book.text_left < 0:  # the text budget ran out: the rest is not read
                raise ScenarioError(sort_problems(problems))
        policy: Policy | None = Policy()
        problems += book.sheet_problems(POLICY_SHEET)
        policy_sheet = book.sheet(POLICY_SHEET)
        if policy_sheet is not None:
            policy, found = _guarded(POLICY_SHEET, lambda: _read_policy_sheet(book, policy_sheet))
            problems += found
    finally:
        book.close()
    return build_scenario(raw, policy or Policy(), problems)


def _read_policy_sheet(book: Workbook, sheet: object) -> tuple[Policy, list[Problem]]:
    try:
        rows = list(book.rows(sheet))
    except TextBudgetExceeded as err:
        return Policy(), [text_budget_problem(book, POLICY_SHEET, err)]
    return read_policy_rows(rows)


def scenario_from_tables(
    tables: Mapping[str, pd.DataFrame],
    policy: Mapping[str, object] | Policy | None = None,
    source: Literal["csv", "xlsx"] = "csv",
) -> Scenario:
    """The same parsing and validation as files, for tables edited in the app."""
    problems: list[Problem] = []
    raw: dict[str, RawTable | None] = {}
    for name, table in TABLES.items():
        label = f"{name}.csv" if source == "csv" else name
        frame = tables.get(name)
        if frame is None:
            raw[name] = None
            problems.append(Problem(label, 0, "-", f"the {name} table is missing"))
            continue
        rows = ((i, list(r)) for i, r in enumerate(frame.itertuples(index=False, name=None), start=1))
        raw[name], found = build_raw(table, label, list(frame.columns), rows)
        problems += found
    if isinstance(policy, Policy):
        resolved = policy
    else:
        resolved = Policy()
        try:
            resolved = policy_from_mapping(policy or {}, POLICY_FILE if source == "csv" else POLICY_SHEET)
        except ScenarioError as err:
            problems += err.problems
    return build_scenario(raw, resolved, problems)


def _cell_text(value: object) -> str:
    """One value as CSV text: empty for None, true/false, YYYY-MM-DD, shortest exact number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def scenario_rows(scenario: Scenario) -> dict[str, tuple[list[str], list[list[object]]]]:
    """Each table as (canonical columns, rows of typed values; None where not given)."""
    out: dict[str, tuple[list[str], list[list[object]]]] = {}
    for name, table in TABLES.items():
        columns = table.column_names
        items = getattr(scenario, name)
        out[name] = (columns, [[getattr(item, c) for c in columns] for item in items])
    return out


def scenario_to_tables(scenario: Scenario) -> dict[str, pd.DataFrame]:
    """The four tables as DataFrames in canonical column order; None where a value is not given."""
    import pandas as pd

    frames: dict[str, pd.DataFrame] = {}
    for name, (columns, rows) in scenario_rows(scenario).items():
        data = {}
        for i, column in enumerate(columns):
            values = [r[i] for r in rows]
            dtype = object if any(v is None or isinstance(v, date) for v in values) else None
            data[column] = pd.Series(values, dtype=dtype)
        frames[name] = pd.DataFrame(data, columns=columns)
    return frames


def scenario_csv_texts(scenario: Scenario) -> dict[str, str]:
    """File name -> canonical CSV text of each table (the exact bytes write_scenario writes)."""
    return {
        f"{name}.csv": csv_text(columns, [[_cell_text(v) for v in row] for row in rows])
        for name, (columns, rows) in scenario_rows(scenario).items()
    }


def write_scenario(scenario: Scenario, path: str | Path) -> None:
    """A CSV folder (plus policy.toml when the policy differs) or an .xlsx workbook, by suffix, atomically."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        _write_workbook(scenario, path)
        return
    files = {}
    for name, text in scenario_csv_texts(scenario).items():
        files[name] = lambda p, t=text: p.write_text(t, encoding="utf-8", newline="")
    if policy_overrides(scenario.policy):
        toml = policy_toml_text(scenario.policy)
        files[POLICY_FILE] = lambda p: p.write_text(toml, encoding="utf-8")
    write_folder_atomic(path, files, stale=(POLICY_FILE,))


def _write_workbook(scenario: Scenario, path: Path) -> None:
    sheets: dict[str, tuple[list[str], list[list[object]]]] = dict(scenario_rows(scenario))
    overrides = policy_overrides(scenario.policy)
    sheets[POLICY_SHEET] = (["key", "value"], [[k, policy_value_text(v)] for k, v in overrides.items()])
    with staged_file(path) as temp:
        write_workbook(temp, sheets)


__all__ = [
    "load_scenario",
    "scenario_csv_texts",
    "scenario_from_tables",
    "scenario_to_tables",
    "sort_problems",
    "write_scenario",
]
