"""Tables as read, before typing: the same shape whether they came from CSV, a workbook or the app."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from allocation.errors import Problem
from allocation.io.parse import CellError, is_empty, parse_text
from allocation.io.tables import Table


@dataclass
class RawTable:
    """Header and data rows of one table; `label` is what problems name (file or sheet)."""

    table: Table
    label: str
    columns: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    """(1-based data row, cells by normalized column name); blank rows are left out."""
    broken: set[int] = field(default_factory=set)
    """Rows whose cells cannot be matched to columns; only their id is kept (for references)."""


def normalize_header(cell: object) -> str:
    """Header names match case-insensitively and ignore surrounding spaces."""
    text = parse_text(cell)
    return (text or "").lower()


def header_problems(table: Table, label: str, header: list[str]) -> list[Problem]:
    """Missing required columns and repeated column names, each named in the COLUMN field."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name and name in seen and name in table.by_name:
            problems.append(Problem(label, 0, name, "the column appears twice in the header; keep one"))
        seen.add(name)
    for name in table.required_names:
        if name not in seen:
            problems.append(
                Problem(
                    label,
                    0,
                    name,
                    f"required column is missing; the header needs: {', '.join(table.required_names)}",
                )
            )
    return problems


def build_raw(
    table: Table, label: str, header: list[object], data: Iterable[tuple[int, list[object]]]
) -> tuple[RawTable | None, list[Problem]]:
    """A RawTable from a header and numbered rows, with header problems; None when unusable."""
    names: list[str] = []
    problems: list[Problem] = []
    for i, cell in enumerate(header, start=1):
        try:
            names.append(normalize_header(cell))
        except CellError:  # a formula or error value where a column name belongs
            names.append("")
            problems.append(
                Problem(label, 0, f"column {i}", "the header cell holds a formula; type the column name")
            )
    problems += header_problems(table, label, names)
    if any(p.column == table.columns[0].name for p in problems):
        return None, problems
    raw = RawTable(table, label, names)
    first_of: dict[str, int] = {}
    for i, name in enumerate(names):
        first_of.setdefault(name, i)
    wanted = [(name, i) for name, i in first_of.items() if name in table.by_name]
    for row_no, cells in data:
        if all(is_empty(c) for c in cells):
            continue
        if len(cells) > len(names):
            hint = (
                "a value with a comma must be in double quotes"
                if label.endswith(".csv")
                else "give the extra columns a header or clear those cells"
            )
            problems.append(
                Problem(
                    label,
                    row_no,
                    "-",
                    f"the row has {len(cells)} values but the header has {len(names)} columns; {hint}",
                )
            )
            raw.broken.add(row_no)
            key = table.columns[0].name
            raw.rows.append((row_no, {key: cells[first_of[key]]}))
            continue
        raw.rows.append((row_no, {name: cells[i] if i < len(cells) else None for name, i in wanted}))
    if table.rows_required and not raw.rows:
        problems.append(Problem(label, 0, "-", f"no rows; a scenario needs at least one {table.entity}"))
        return None, problems
    return raw, problems
