"""A clean CSV table read and checked column by column (pyarrow); anything unusual is left to the row reader.

The row reader (csv_io, raw, validate) is the reference: it names every problem by file, row and
column. This reader only answers "is every cell of this file plainly valid, and what are its typed
values?" with whole-column operations. It is at least as strict as the row reader: a file it
accepts is one the row reader accepts with the same values; for any other file it returns None
and the row reader runs, so the messages are the row reader's own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from allocation.io.csv_io import restore_cell
from allocation.io.limits import file_size_problems
from allocation.io.parse import FALSE_WORDS, MAX_DIGITS, TRUE_WORDS, parse_name
from allocation.io.raw import header_problems, normalize_header
from allocation.io.tables import Column, Table

BOM = b"\xef\xbb\xbf"
PLAIN_BYTES = (b'"', b"\x00")
"""Files with quotes or NUL bytes are read row by row (the csv module's rules), as are those with a
carriage return that does not end a line."""
_PRINTABLE = r"^[ -~]*$"
"""Printable ASCII: no control characters, nothing a script or NFC could change."""
_INT = rf"^[0-9]{{1,{MAX_DIGITS}}}$"
_NUMBER = rf"^[0-9]{{1,{MAX_DIGITS}}}(\.[0-9]*)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class NotPlain(Exception):
    """A cell or file this reader does not decide; the row reader reads the file instead."""


@dataclass
class TypedColumn:
    """One column's typed values (None where empty) and, per row, whether a value was given."""

    values: list[object]
    given: list[bool]


@dataclass
class CleanTable:
    """A table whose every cell passed the column checks: typed columns and each row's line number."""

    table: Table
    rows: np.ndarray
    """1-based data row of each row, numbered as the row reader numbers them (blank lines counted)."""
    columns: dict[str, TypedColumn]

    def __len__(self) -> int:
        return len(self.rows)


def read_clean_table(path: Path, table: Table) -> CleanTable | None:
    """The table when every cell is plainly valid; None when the row reader must read it."""
    try:
        return _read(path, table)
    except (NotPlain, pa.ArrowException, ValueError, OSError):
        return None


def _read(path: Path, table: Table) -> CleanTable:
    if not path.is_file() or file_size_problems(path, path.name):
        raise NotPlain("missing or too large")
    data = path.read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM) :]
    if any(b in data for b in PLAIN_BYTES):
        raise NotPlain("quotes or NUL bytes")
    if b"\r" in data:  # Windows line ends are line ends, to the csv module as here
        if data.count(b"\r") != data.count(b"\r\n"):
            raise NotPlain("a carriage return inside a line")
        data = data.replace(b"\r\n", b"\n")
    data.decode("utf-8")  # a UnicodeDecodeError (a ValueError) leaves the file to the row reader
    end = data.find(b"\n")
    header_line = data if end < 0 else data[:end]
    names = [normalize_header(cell) for cell in header_line.decode("utf-8").split(",")]
    if not "".join(names) or header_problems(table, path.name, names):
        raise NotPlain("header")
    rows = _data_line_numbers(data)
    if table.rows_required and not len(rows):
        raise NotPlain("no rows")
    read = pacsv.read_csv(
        pa.py_buffer(data),
        read_options=pacsv.ReadOptions(
            skip_rows=1, column_names=[f"c{i}" for i in range(len(names))], use_threads=False
        ),
        parse_options=pacsv.ParseOptions(
            quote_char=False, double_quote=False, escape_char=False, ignore_empty_lines=True
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={f"c{i}": pa.string() for i in range(len(names))},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    if read.num_rows != len(rows):
        raise NotPlain("rows")
    limit = csv.field_size_limit()
    if any(len(cells) and pc.max(pc.binary_length(cells)).as_py() >= limit for cells in read.columns):
        raise NotPlain("a field longer than the csv module reads")
    first_of: dict[str, int] = {}
    for i, name in enumerate(names):
        first_of.setdefault(name, i)
    columns = {
        column.name: _typed(column, read.column(first_of[column.name]).combine_chunks())
        for column in table.columns
        if column.name in first_of
    }
    return CleanTable(table, rows, columns)


_BLANK_RUN = re.compile(rb"\n\n+")


def _data_line_numbers(data: bytes) -> np.ndarray:
    """The row reader's number of each non-empty line after the header (its line number, the header 0).

    Memory grows with the rows, not with blank lines: runs of blank lines are found as a whole.
    """
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    shift: list[tuple[int, int]] = []
    blanks = 0
    seen, ends = 0, 0
    for run in _BLANK_RUN.finditer(data):
        ends += data.count(b"\n", seen, run.start() + 1)
        seen = run.start() + 1
        filled_before = ends - blanks - 1
        blank = run.end() - run.start() - 1
        blanks += blank
        shift.append((filled_before, blank))
    count = lines - blanks - 1
    offset = np.zeros(count + 1, dtype=np.int64)
    for before, blank in shift:
        offset[min(before, count)] += blank
    return np.arange(1, count + 1, dtype=np.int64) + np.cumsum(offset)[:count]


def _all(mask: pa.Array) -> bool:
    """True when no value is false (empty cells, as nulls, are left out)."""
    return bool(pc.all(mask, skip_nulls=True, min_count=0).as_py())


_TRUTH = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}


def _typed(column: Column, raw: pa.Array) -> TypedColumn:
    """A column's values typed exactly as parse_cell types each cell, or NotPlain.

    Only Arrow arrays are made (no Python value is turned into an Arrow one), so pandas is never
    imported by pyarrow here.
    """
    if column.kind == "text":
        values = [parse_name(restore_cell(v)) for v in raw.to_pylist()]
        given = [v is not None for v in values]
        if column.required and not all(given):
            raise NotPlain("empty required cell")
        return TypedColumn(values, given)
    if not _all(pc.match_substring_regex(raw, _PRINTABLE)) or not _all(pc.invert(pc.starts_with(raw, "'"))):
        raise NotPlain("not plain ASCII, or a neutralised cell")
    filled = pc.cast(pc.binary_length(pc.utf8_trim(raw, " ")), pa.bool_())
    if column.required and not _all(filled):
        raise NotPlain("empty required cell")
    text = pc.if_else(filled, pc.utf8_trim(raw, " "), pa.nulls(len(raw), pa.string()))
    kind = column.kind
    if kind in ("id", "ref"):
        values = text.to_pylist()
    elif kind in ("enum", "bool"):
        words = {w: w for w in column.choices} if kind == "enum" else _TRUTH
        coded = pc.dictionary_encode(pc.utf8_lower(text), null_encoding="encode")
        found = coded.dictionary.to_pylist()
        if not set(found) - {None} <= set(words):
            raise NotPlain("an unknown word")
        typed = [words.get(w) for w in found]  # few distinct words: each typed once
        values = list(map(typed.__getitem__, coded.indices.to_pylist()))
    elif kind == "int":
        values = _numbers(column, text, _INT, pa.int64())
    elif kind == "number":
        values = _numbers(column, text, _NUMBER, None)
    elif kind == "date":
        if not _all(pc.match_substring_regex(text, _DATE)):
            raise NotPlain("not YYYY-MM-DD")
        days = {s: date.fromisoformat(s) for s in pc.unique(text).to_pylist() if s is not None}
        values = list(map(days.get, text.to_pylist()))
    else:
        raise NotPlain(f"kind {kind}")
    return TypedColumn(values, filled.to_pylist())


def _numbers(column: Column, text: pa.Array, pattern: str, whole: pa.DataType | None) -> list[object]:
    """Digits only (no sign, no exponent, at most 18 before the point), range-checked.

    Whole numbers are converted by Arrow (exact for 18 digits); decimals by Python's float, as the
    row reader converts them (correctly rounded).
    """
    if not _all(pc.match_substring_regex(text, pattern)):
        raise NotPlain("not a plain number")
    if whole is not None:
        values = pc.cast(text, whole).to_pylist()
    else:
        values = [None if s is None else float(s) for s in text.to_pylist()]
    present = [v for v in values if v is not None]
    if present:
        low, high = min(present), max(present)
        if column.minimum is not None and low < column.minimum:
            raise NotPlain("below the minimum")
        if column.maximum is not None and high > column.maximum:
            raise NotPlain("above the maximum")
    return values
