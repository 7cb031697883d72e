"""Scenario folders of CSV files: read (encoding, separators, blank rows) and write (canonical form)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from allocation.errors import Problem
from allocation.io.limits import file_size_problems
from allocation.io.raw import RawTable, build_raw
from allocation.io.tables import Table

SAVE_AS_HELP = "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'"


def decode_csv(data: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is fine); otherwise a problem naming the first bad line."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n")
        bad = data[err.start : err.start + 1].hex().upper()
        where = "in the header" if line == 0 else f"at line {line + 1}"
        return None, [
            Problem(
                label,
                line,
                "-",
                f"the file is not UTF-8 text (byte 0x{bad} {where}); {SAVE_AS_HELP}",
            )
        ]


def read_csv_table(path: Path, table: Table) -> tuple[RawTable | None, list[Problem]]:
    """One CSV file of a scenario folder; None (with problems) when it cannot be used at all."""
    label = path.name
    if not path.is_file():
        return None, [
            Problem(
                label,
                0,
                "-",
                f"file is missing; the scenario folder needs {table.name}.csv with columns "
                f"{','.join(table.column_names)}",
            )
        ]
    too_large = file_size_problems(path, label)
    if too_large:
        return None, too_large
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(label, 0, "-", f"the file cannot be read: {err.strerror or err}")]
    text, problems = decode_csv(data, label)
    if text is None:
        return None, problems
    del text  # decoded once to find a bad byte; the rows are read from the bytes as a stream
    reader = _Rows(data)
    header = reader.first()
    if header is None:
        if reader.error is not None:
            return None, [reader.error_problem(label)]
        return None, [
            Problem(
                label,
                0,
                "-",
                f"the file is empty; it needs a header row: {','.join(table.column_names)}",
            )
        ]
    if len(header) == 1 and ";" in header[0]:
        return None, [
            Problem(
                label,
                0,
                "-",
                f"the columns are separated by semicolons; they must be separated by commas: {SAVE_AS_HELP}",
            )
        ]
    raw, found = build_raw(table, label, list(header), reader.numbered())
    if reader.error is not None:
        return None, [reader.error_problem(label)]
    return raw, found


class _Rows:
    """CSV rows read one at a time from UTF-8 bytes; blank lines are skipped as they come, at no cost.

    A line that breaks the CSV rules ends the reading; `error` then holds it.
    """

    def __init__(self, data: bytes):
        self.text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        self.reader = csv.reader(self.text)
        self.error: csv.Error | None = None
        self.pending: list[str] | None = None
        self.count = 0
        """Rows read so far, the header included."""

    def _next(self) -> list[str] | None:
        try:
            row = next(self.reader, None)
        except csv.Error as err:
            self.error = err
            return None
        self.count += row is not None
        return row

    def first(self) -> list[str] | None:
        """The header (the first line), or None when every line is blank."""
        header = self._next()
        if header is None or "".join(header).strip():
            return header
        while (row := self._next()) is not None:
            if "".join(row).strip():
                self.pending = row
                return header
        return None

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """Data rows with their 1-based number, blank ones left out, neutralised cells restored."""
        if self.pending is not None:
            yield self.count - 1, [restore_cell(c) for c in self.pending]
        while (row := self._next()) is not None:
            if "".join(row).strip():
                yield self.count - 1, [restore_cell(c) for c in row]

    def error_problem(self, label: str) -> Problem:
        return Problem(label, 0, "-", f"the file is not valid CSV: {self.error}")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula begins (OWASP CSV injection)."""
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading ' (numbers such as -3 excepted).

    A value that itself starts with ' before such a character gets one more, so that
    restore_cell gives back exactly what was written.
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """The value neutralise_cell was given: one leading ' before a formula character dropped."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Canonical CSV text: header, then rows, '\\n' line ends, quoting only where needed.

    Every cell goes through neutralise_cell: no file the project writes holds a cell that a
    spreadsheet would run when a planner opens it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise_cell(c) for c in columns])
    writer.writerows([neutralise_cell(c) for c in row] for row in rows)
    return buffer.getvalue()
