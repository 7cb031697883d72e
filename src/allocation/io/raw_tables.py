"""A scenario's tables as text even when they are invalid, so the planner can fix them in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from allocation.errors import Problem, ScenarioError
from allocation.io.csv_io import read_csv_table
from allocation.io.policy_io import read_policy_rows, read_policy_toml
from allocation.io.raw import RawTable
from allocation.io.scenario_io import WORKBOOK_SUFFIXES, load_scenario
from allocation.io.tables import POLICY_FILE, POLICY_SHEET, TABLES
from allocation.io.xlsx_io import open_workbook, read_sheet
from allocation.policy import Policy
from allocation.scenario import Scenario


@dataclass
class OpenedTables:
    """What a file gave: the scenario when valid; else text tables to edit (None: unreadable) and problems."""

    scenario: Scenario | None
    tables: dict[str, pd.DataFrame] | None
    policy: Policy = field(default_factory=Policy)
    problems: list[Problem] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A cell as the planner would type it: '' for empty, YYYY-MM-DD for dates, 3 for 3.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def raw_frame(raw: RawTable | None, name: str) -> pd.DataFrame:
    """A raw table as text in the canonical column order (a missing column is there, empty)."""
    columns = TABLES[name].column_names
    rows = [] if raw is None else [cells for _, cells in raw.rows]
    return pd.DataFrame({c: [cell_text(r.get(c)) for r in rows] for c in columns}, dtype=object)


def _read_folder(folder: Path) -> tuple[dict[str, RawTable | None], Policy]:
    raw = {name: read_csv_table(folder / f"{name}.csv", table)[0] for name, table in TABLES.items()}
    policy, problems = read_policy_toml(folder / POLICY_FILE)
    return raw, policy if not problems else Policy()


def _read_workbook(path: Path) -> tuple[dict[str, RawTable | None], Policy] | None:
    book, _ = open_workbook(path)
    if book is None:
        return None
    try:
        raw = {name: read_sheet(book, table)[0] for name, table in TABLES.items()}
        policy = Policy()
        sheet = book.sheet(POLICY_SHEET)
        if sheet is not None:
            policy, problems = read_policy_rows(list(book.rows(sheet)))
            policy = policy if not problems else Policy()
    finally:
        book.close()
    return raw, policy


def open_tables(path: str | Path) -> OpenedTables:
    """The scenario at PATH; when invalid, its tables as text with every problem, to fix in an editor."""
    path = Path(path)
    try:
        return OpenedTables(load_scenario(path), None)
    except ScenarioError as err:
        problems = err.problems
    try:
        if path.is_dir():
            read = _read_folder(path)
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            read = _read_workbook(path)
        else:
            read = None
    except Exception:  # a file the strict reader already refused with a message; nothing to edit
        read = None
    if read is None:
        return OpenedTables(None, None, Policy(), problems)
    raw, policy = read
    if all(r is None for r in raw.values()):
        return OpenedTables(None, None, policy, problems)
    return OpenedTables(None, {name: raw_frame(raw[name], name) for name in TABLES}, policy, problems)
