"""How large an input file may be: uploads and folders are refused above a limit, before reading."""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from allocation.errors import Problem

MAX_INPUT_ENV = "ALLOCATION_MAX_INPUT_MB"
"""Environment variable: the largest input file, and the largest unpacked workbook, in megabytes."""
DEFAULT_MAX_INPUT_MB = 200.0
"""Far above a national planning round (25,000 households fit in a few megabytes)."""


def max_input_bytes() -> int:
    """The configured limit in bytes (ALLOCATION_MAX_INPUT_MB, default 200)."""
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_MAX_INPUT_MB
    except ValueError:
        megabytes = DEFAULT_MAX_INPUT_MB
    if not megabytes > 0:
        megabytes = DEFAULT_MAX_INPUT_MB
    return int(megabytes * 1_000_000)


def _mb(size: int) -> str:
    megabytes = size / 1_000_000
    return f"{megabytes:,.1f} MB" if megabytes >= 10 else f"{megabytes:.2f} MB"


def _too_large(label: str, what: str, size: int, limit: int) -> Problem:
    return Problem(
        label,
        0,
        "-",
        f"{what} {_mb(size)}, more than the limit of {_mb(limit)}; split the scenario or raise "
        f"the limit with the environment variable {MAX_INPUT_ENV}",
    )


def file_size_problems(path: Path, label: str) -> list[Problem]:
    """A problem when the file on disk is larger than the limit."""
    try:
        size = path.stat().st_size
    except OSError:
        return []  # the reader reports what is wrong with the file
    limit = max_input_bytes()
    return [_too_large(label, "the file is", size, limit)] if size > limit else []


def workbook_size_problems(path: Path) -> list[Problem]:
    """Size limits of an .xlsx: the file, and what it unpacks to (a zip bomb is refused unopened)."""
    problems = file_size_problems(path, path.name)
    if problems:
        return problems
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return []  # not a zip at all: opening it reports that
    limit = max_input_bytes()
    if unpacked > limit:
        return [_too_large(path.name, "the workbook unpacks to", unpacked, limit)]
    return []


MIN_MEMORY_BUDGET = 256_000_000
"""Bytes any workbook may take to read, however small the file (a scenario of 25,000 households fits)."""
MEMORY_PER_FILE_BYTE = 64
"""Beyond that, a workbook may take this many bytes of memory per byte of the file on disk."""
TEXT_PER_FILE_BYTE = 40
MIN_TEXT_BUDGET = 16_000_000
"""Characters of cell text a workbook may hold when expanded: at least this, else 40 per file byte."""

_CHUNK = 1 << 20
_WHOLE_PART_COST = 1000
"""Bytes openpyxl keeps per element of a part it builds whole (styles, workbook, chart sheets)."""
_WHOLE_SHEET_ELEMENTS = (b"<mergeCell ", b"<cfRule", b"<dataValidation ", b"<hyperlink ", b"<col ", b"<brk ")
"""Worksheet elements openpyxl builds whole as objects, even when reading a sheet as a stream."""
_BUILT_WHOLE = (
    "[Content_Types].xml",
    "_rels/",
    "docProps/",
    "xl/workbook.xml",
    "xl/_rels/",
    "xl/styles.xml",
    "xl/chartsheets/",
    "xl/worksheets/_rels/",
)
"""Parts openpyxl builds whole when it opens a workbook to read it as a stream."""
_STRING_COST = 100
"""Bytes per shared string beyond its text (a Python str and its list slot)."""
_CELL_COST = 150
"""Bytes per worksheet cell once read into a table row."""
_ROW_COST = 300
"""Bytes per worksheet row: openpyxl keeps the attributes of every formatted row."""


def _memory(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else _mb(size)


def memory_budget(file_size: int) -> int:
    """How many bytes reading a workbook of this size may take."""
    return max(MIN_MEMORY_BUDGET, MEMORY_PER_FILE_BYTE * file_size)


def text_budget(file_size: int) -> int:
    """How many characters of cell text a workbook of this size may expand to."""
    return max(MIN_TEXT_BUDGET, TEXT_PER_FILE_BYTE * file_size)


def _count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, needles: tuple[bytes, ...]) -> list[int]:
    """How often each needle occurs in a part, read in blocks (the part is never held whole)."""
    counts = [0] * len(needles)
    overlap = max(len(n) for n in needles) - 1
    tail = b""
    with archive.open(info) as f:
        while block := f.read(_CHUNK):
            data = tail + block
            for i, needle in enumerate(needles):
                counts[i] += data.count(needle) - tail.count(needle)
            tail = data[-overlap:] if overlap else b""
    return counts


class PartCost(NamedTuple):
    """What reading one part of a workbook is estimated to take, and why."""

    part: str
    bytes: int
    what: str


def _part_cost(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> PartCost:
    name = info.filename
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        needles = (b"<row ", b"<c ", b"<c>", *_WHOLE_SHEET_ELEMENTS)
        rows, cells, bare, *whole = _count(archive, info, needles)
        built = _WHOLE_PART_COST * sum(whole)
        read = _ROW_COST * rows + _CELL_COST * (cells + bare)
        what = f"{sum(whole):,} merged ranges, rules or links" if built > read else f"{cells + bare:,} cells"
        return PartCost(name, built + read, what)
    if name == "xl/sharedStrings.xml":
        (strings,) = _count(archive, info, (b"<si",))
        return PartCost(name, _STRING_COST * strings + 2 * info.file_size, f"{strings:,} shared texts")
    if name.startswith(_BUILT_WHOLE) and name.endswith((".xml", ".rels")):
        (elements,) = _count(archive, info, (b"<",))
        what = f"{elements:,} entries" + (" of cell formats and fonts" if name.endswith("styles.xml") else "")
        return PartCost(name, _WHOLE_PART_COST * elements, what)
    return PartCost(name, 0, "")  # pictures, macros, charts on worksheets, pivot caches: never read


def workbook_memory_problems(path: Path) -> list[Problem]:
    """A problem when reading the workbook would take far more memory than a file its size should.

    The parts are scanned as a stream before any is opened: the cells of each sheet, the shared
    texts, and the elements of the parts that are built whole (styles: a styles bomb).
    """
    try:
        size = path.stat().st_size
        with zipfile.ZipFile(path) as archive:
            costs = [_part_cost(archive, info) for info in archive.infolist()]
    except (OSError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, RuntimeError, NotImplementedError):
        return []  # not a readable zip: opening it reports that
    budget = memory_budget(size)
    total = sum(c.bytes for c in costs)
    if total <= budget:
        return []
    worst = max(costs, key=lambda c: c.bytes)
    return [
        Problem(
            path.name,
            0,
            "-",
            f"reading the workbook would take about {_memory(total)} of memory ({worst.what} in "
            f"{worst.part}), more than the {_mb(budget)} a file of {_mb(size)} may take; it is not "
            "opened: save it again from the spreadsheet program, or as CSV files",
        )
    ]
