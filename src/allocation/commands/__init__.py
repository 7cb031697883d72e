"""Subcommands of the `allocation` command line, one module each, and their argument types."""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from datetime import date

from allocation.io.parse import DATE_HELP

MAX_SECONDS = 7 * 24 * 3600.0
"""A week: longer time limits are typos (and overflow some solvers' timers)."""


def at_least(low: int) -> Callable[[str], int]:
    """An argparse type for whole numbers not below `low`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
        return value

    return parse


def seconds(text: str) -> float:
    """An argparse type for a time limit: a finite number of seconds above 0 (nan and inf refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {text!r}")
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_SECONDS:.0f} seconds (a week), got {text!r}")
    return value


def iso_date(text: str) -> date:
    """An argparse type for a calendar day, refused in the words a date cell is refused in."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; {DATE_HELP}") from None


def max_threads() -> int:
    """Twice the machine's cores: more threads only compete for the same cores (and memory)."""
    return 2 * (os.cpu_count() or 1)


def thread_count(text: str) -> int:
    """An argparse type for solver threads: 1 up to twice the cores."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= max_threads():
        raise argparse.ArgumentTypeError(
            f"must be from 1 to {max_threads()} (twice the {os.cpu_count() or 1} cores), got {value}"
        )
    return value


def folder_name(text: str) -> str:
    """An argparse type for an output folder: a name, not empty (an empty one meant the working folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; name the folder to write into, e.g. --out out/plan")
    if "\x00" in text:
        raise argparse.ArgumentTypeError("holds a NUL character; name the folder to write into")
    return text


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments end in one line `allocation CMD: error: ...` and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")
