"""Scenario folders of CSV files: read (encoding, separators, blank rows) and write (canonical form)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
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
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        return None, [Problem(label, 0, "-", f"the file is not valid CSV: {err}")]
    if not rows or all(not "".join(r).strip() for r in rows):
        return None, [
            Problem(
                label,
                0,
                "-",
                f"the file is empty; it needs a header row: {','.join(table.column_names)}",
            )
        ]
    header = rows[0]
    if len(header) == 1 and ";" in header[0]:
        return None, [
            Problem(
                label,
                0,
                "-",
                f"the columns are separated by semicolons; they must be separated by commas: {SAVE_AS_HELP}",
            )
        ]
    return build_raw(table, label, list(header), ((i, list(r)) for i, r in enumerate(rows[1:], start=1)))


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Canonical CSV text: header, then rows, '\\n' line ends, quoting only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()
