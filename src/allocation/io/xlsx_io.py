"""Scenario workbooks: read sheets without evaluating formulas, write the canonical workbook."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from allocation.errors import Problem
from allocation.io.limits import workbook_size_problems
from allocation.io.parse import ExcelError, Formula, is_empty
from allocation.io.raw import RawTable, build_raw
from allocation.io.tables import Table


def _cell_value(cell: object) -> object:
    """A cell's stored value; formulas and error values become markers that validation reports."""
    data_type = getattr(cell, "data_type", None)
    value = getattr(cell, "value", None)
    if data_type == "f":
        return Formula(str(getattr(value, "text", value)))
    if data_type == "e":
        return ExcelError(str(value))
    return value


def sheet_rows(sheet: object) -> Iterator[list[object]]:
    """Rows of a worksheet as lists of cell values (openpyxl read-only cells), trailing blanks dropped.

    The size a sheet declares is ignored: formatting far to the right or below (or a hostile
    A1:XFD1048576) would otherwise pad every row to thousands of empty cells.
    """
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        values = [_cell_value(c) for c in row]
        while values and is_empty(values[-1]):
            values.pop()
        yield values


class Workbook:
    """An opened .xlsx file; sheets are found case-insensitively by name."""

    def __init__(self, path: Path):
        from openpyxl import load_workbook

        self.path = path
        self.book = load_workbook(path, read_only=True, data_only=False)
        self.sheets = {name.strip().lower(): name for name in self.book.sheetnames}

    def sheet(self, name: str) -> object | None:
        """The worksheet with this name, or None."""
        real = self.sheets.get(name)
        return self.book[real] if real is not None else None

    def close(self) -> None:
        """Release the file handle (read-only workbooks keep it open)."""
        self.book.close()


def open_workbook(path: Path) -> tuple[Workbook | None, list[Problem]]:
    """The workbook, or a problem saying why it cannot be opened (too large ones are not opened)."""
    too_large = workbook_size_problems(path)
    if too_large:
        return None, too_large
    try:
        return Workbook(path), []
    except Exception as err:  # any unreadable upload must become a message, not a traceback
        detail = getattr(err, "strerror", None) or str(err) or type(err).__name__
        return None, [
            Problem(
                path.name,
                0,
                "-",
                f"cannot be read as an Excel workbook (.xlsx): {detail}; save it as .xlsx",
            )
        ]


def read_sheet(book: Workbook, table: Table) -> tuple[RawTable | None, list[Problem]]:
    """One scenario sheet; None (with problems) when it is missing or empty."""
    label = table.name
    sheet = book.sheet(table.name)
    if sheet is None:
        return None, [
            Problem(
                label,
                0,
                "-",
                f"sheet is missing; the workbook needs a sheet named {table.name} "
                f"(it has: {', '.join(book.book.sheetnames)})",
            )
        ]
    rows = sheet_rows(sheet)
    header = next(rows, None)
    if header is None or all(c is None or str(c).strip() == "" for c in header):
        return None, [
            Problem(
                label,
                0,
                "-",
                f"the sheet is empty; its first row must be the header: {', '.join(table.column_names)}",
            )
        ]
    while header and (header[-1] is None or str(header[-1]).strip() == ""):
        header.pop()
    return build_raw(table, label, header, ((i, r) for i, r in enumerate(rows, start=1)))


def write_workbook(path: Path, sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]]) -> None:
    """A workbook with one sheet per entry (columns, rows); text that looks like a formula stays text."""
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = OpenpyxlWorkbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(name)
        for i, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(10, len(column) + 2)
        sheet.freeze_panes = "A2"
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_write_cell(sheet, v, WriteOnlyCell) for v in row])
    book.save(path)


def _write_cell(sheet: object, value: object, cell_type: type) -> object:
    """Plain values as they are; text starting with '=' forced to text, dates shown as YYYY-MM-DD."""
    if isinstance(value, str) and value.startswith("="):
        cell = cell_type(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell = cell_type(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
