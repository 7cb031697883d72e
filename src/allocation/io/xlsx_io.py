"""Scenario workbooks: read sheets without evaluating formulas, write the canonical workbook.

Reading stays within a memory budget proportional to the file: parts that would expand far
beyond it are refused before they are opened (limits.workbook_memory_problems), and the text
of the cells, as they are read, may not grow beyond limits.text_budget (one shared text
referred to by a hundred thousand cells is refused at the row where the budget runs out).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from allocation.errors import Problem
from allocation.io.limits import text_budget, workbook_memory_problems, workbook_size_problems
from allocation.io.parse import ExcelError, Formula, LongNumber, is_empty
from allocation.io.raw import RawTable, build_raw
from allocation.io.tables import Table


class TextBudgetExceeded(Exception):
    """The cells read so far hold more text than the workbook's size allows."""

    def __init__(self, row: int, budget: int):
        super().__init__(row, budget)
        self.row = row
        self.budget = budget


def _cell_value(data_type: str | None, value: object) -> object:
    """A cell's stored value; formulas and error values become markers that validation reports."""
    if data_type == "f":
        return Formula(str(getattr(value, "text", value)))
    if data_type == "e":
        return ExcelError(str(value))
    return value


def _cell_parser() -> type:
    """openpyxl's worksheet parser, except that a number too long for Python to convert
    (more than 4,300 digits) becomes a LongNumber marker instead of ending the whole sheet."""
    from openpyxl.utils import coordinate_to_tuple
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

    class CellParser(WorkSheetParser):
        def parse_cell(self, element: object) -> dict[str, object]:
            try:
                return super().parse_cell(element)
            except ValueError:
                text = element.findtext(VALUE_TAG) or ""  # type: ignore[attr-defined]
                if not text.strip().lstrip("+-").isdigit():
                    raise
                coordinate = element.get("r")  # type: ignore[attr-defined]
                row, column = (
                    coordinate_to_tuple(coordinate) if coordinate else (self.row_counter, self.col_counter)
                )
                return {"row": row, "column": column, "value": LongNumber(text.strip()), "data_type": "n"}

    return CellParser


class Workbook:
    """An opened .xlsx file; sheets are found case-insensitively by name."""

    def __init__(self, path: Path):
        from openpyxl import load_workbook

        self.path = path
        self.book = load_workbook(path, read_only=True, data_only=False)
        self.sheets: dict[str, list[str]] = {}
        for name in self.book.sheetnames:
            self.sheets.setdefault(name.strip().lower(), []).append(name)
        self.text_left = text_budget(path.stat().st_size)
        self.budget = self.text_left
        self._parser = _cell_parser()

    def names(self, name: str) -> list[str]:
        """The workbook's sheet names that mean this table (more than one: ambiguous)."""
        return self.sheets.get(name, [])

    def sheet(self, name: str) -> object | None:
        """The worksheet with this name, or None (also when it is a chart sheet or ambiguous)."""
        real = self.names(name)
        if len(real) != 1:
            return None
        sheet = self.book[real[0]]
        return sheet if hasattr(sheet, "_get_source") else None

    def sheet_problems(self, label: str) -> list[Problem]:
        """Why the sheet for this table cannot be read: two sheets mean it, or it is a chart sheet."""
        real = self.names(label)
        if len(real) > 1:
            shown = " and ".join(repr(n) for n in real)
            return [
                Problem(
                    label,
                    0,
                    "-",
                    f"the workbook has {len(real)} sheets named {label} ({shown}); keep one and "
                    "rename or delete the others",
                )
            ]
        if len(real) == 1 and not hasattr(self.book[real[0]], "_get_source"):
            return [
                Problem(
                    label,
                    0,
                    "-",
                    f"sheet {real[0]!r} is a chart sheet, not a sheet of cells; put the {label} table "
                    "on a normal sheet with that name",
                )
            ]
        return []

    def rows(self, sheet: object) -> Iterator[list[object]]:
        """Rows of a worksheet as lists of cell values, trailing blanks dropped, within the text budget.

        The size a sheet declares is ignored: formatting far to the right or below (or a hostile
        A1:XFD1048576) would otherwise pad every row to thousands of empty cells. Missing rows
        come as empty lists (so row numbers stay those of the sheet).
        """
        book = self.book
        with sheet._get_source() as source:  # type: ignore[attr-defined]
            parser = self._parser(
                source,
                sheet._shared_strings,  # type: ignore[attr-defined]
                data_only=False,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            expected = 1
            for index, cells in parser.parse():
                for _ in range(expected, index):
                    yield []
                expected = index + 1
                values: list[object] = []
                for cell in cells:
                    value = _cell_value(cell.get("data_type"), cell.get("value"))
                    if value is None:
                        continue
                    if isinstance(value, str):
                        self.text_left -= len(value)
                        if self.text_left < 0:
                            raise TextBudgetExceeded(index - 1, self.budget)
                    column = int(cell["column"])
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = value
                while values and is_empty(values[-1]):
                    values.pop()
                yield values

    def close(self) -> None:
        """Release the file handle (read-only workbooks keep it open)."""
        self.book.close()


def open_workbook(path: Path) -> tuple[Workbook | None, list[Problem]]:
    """The workbook, or a problem saying why it cannot be opened (too large ones are not opened)."""
    too_large = workbook_size_problems(path) or workbook_memory_problems(path)
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


def text_budget_problem(book: Workbook, label: str, err: TextBudgetExceeded) -> Problem:
    """The planner's message when a sheet's cells hold more text than the file's size allows."""
    return Problem(
        label,
        err.row,
        "-",
        f"the cells of {book.path.name} hold more than {err.budget:,} characters of text by this row"
        " (one text repeated in very many cells?), far more than a file of its size should; it is"
        " not read further: save it again from the spreadsheet program, or as CSV files",
    )


def read_sheet(book: Workbook, table: Table) -> tuple[RawTable | None, list[Problem]]:
    """One scenario sheet; None (with problems) when it is missing or empty."""
    label = table.name
    problems = book.sheet_problems(label)
    if problems:
        return None, problems
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
    rows = book.rows(sheet)
    try:
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
    except TextBudgetExceeded as err:
        return None, [text_budget_problem(book, label, err)]


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
