"""How large an input file may be: uploads and folders are refused above a limit, before reading."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

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
