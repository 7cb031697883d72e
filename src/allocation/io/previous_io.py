"""The previous plan of a re-plan: a plan folder's assignments.csv, with the planner's `status`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from allocation.errors import Problem, ScenarioError
from allocation.io.csv_io import restore_cell
from allocation.io.plan_io import PERSON_ID_SEPARATOR, STATUS_COLUMN
from allocation.plan import MARKS
from allocation.rules.previous import PreviousHome, PreviousPlan

ASSIGNMENTS = "assignments.csv"
REQUIRED = ("household", "dwelling", "kind")


def read_previous(plan_dir: str | Path) -> PreviousPlan:
    """The previous plan's homes and statuses; every bad row is a located problem, nothing half-read.

    The manifest is not checked: the planner edits the status column by hand (or in a spreadsheet).
    """
    folder = Path(plan_dir)
    path = folder / ASSIGNMENTS
    shown = str(path)
    if not folder.is_dir():
        raise ScenarioError([Problem(str(folder), 0, "-", "the previous plan folder does not exist")])
    if not path.is_file():
        raise ScenarioError([Problem(shown, 0, "-", "file is missing from the previous plan folder")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ScenarioError([Problem(shown, 0, "-", f"cannot be read as UTF-8 text: {err}")]) from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ScenarioError([Problem(shown, 0, c, "required column is missing") for c in missing])
    problems: list[Problem] = []
    rows: list[PreviousHome] = []
    for number, raw in enumerate(reader, start=1):
        row = {(k or "").strip(): _cell(v) for k, v in raw.items()}
        for column in REQUIRED:
            if not row.get(column):
                problems.append(Problem(shown, number, column, "empty; a plan row names it"))
        status = (row.get(STATUS_COLUMN) or "planned").lower()
        if status not in MARKS:
            problems.append(
                Problem(shown, number, STATUS_COLUMN, f"{status!r} is not one of {', '.join(MARKS)}")
            )
            continue
        if all(row.get(c) for c in REQUIRED):
            persons = tuple(p for p in (row.get("person_ids") or "").split(PERSON_ID_SEPARATOR) if p)
            rows.append(PreviousHome(row["household"], row["dwelling"], row["kind"], status, persons))  # type: ignore[arg-type]
    if problems:
        raise ScenarioError(problems)
    return PreviousPlan.of(rows)


def _cell(value: object) -> str:
    """A cell as text, as the plan writer stored it (a spreadsheet's guard quote removed)."""
    if not isinstance(value, str):
        return ""
    return str(restore_cell(value.strip()))
