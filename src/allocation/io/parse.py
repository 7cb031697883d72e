"""Cell parsing shared by CSV, xlsx and app tables: one cell in, a typed value or a plain message out."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from numbers import Integral, Real

from allocation.io.tables import Column

TRUE_WORDS = frozenset({"true", "yes", "ja", "1"})
FALSE_WORDS = frozenset({"false", "no", "nee", "0"})
BOOL_HELP = "use true/false, yes/no, ja/nee or 1/0"
DATE_HELP = "use YYYY-MM-DD, e.g. 2026-03-01"

_INT_RE = re.compile(r"[+-]?\d+(\.0*)?")
_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CellError(ValueError):
    """A cell that cannot be read; the message says what is allowed."""


@dataclass(frozen=True)
class Formula:
    """A workbook cell holding a formula; never evaluated, always reported."""

    text: str


@dataclass(frozen=True)
class ExcelError:
    """A workbook cell holding an error value such as #N/A."""

    text: str


@dataclass(frozen=True)
class LongNumber:
    """A workbook number with more digits than can be converted at all (kept as its text)."""

    text: str


MAX_DIGITS = 18
"""Longer numbers cannot be right in a scenario (and beyond 15 digits a spreadsheet rounds them)."""


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text.split(".")[0].split("e")[0].split("E")[0])


def _too_long(text: str, digits: int | None = None) -> CellError:
    head = text if len(text) <= 24 else text[:20] + "..."
    count = _digits(text) if digits is None else digits
    return CellError(
        f"'{head}' is a number of {count:,} digits; more than {MAX_DIGITS} digits cannot be right:"
        " check the value"
    )


def _check_length(value: object) -> None:
    """Numbers of more than 18 digits (and the unconvertible ones) are refused, quoted short."""
    if isinstance(value, LongNumber):
        raise _too_long(value.text)
    if isinstance(value, bool):
        return
    if isinstance(value, Integral) and abs(int(value)) >= 10**MAX_DIGITS:
        number = abs(int(value))
        digits = len(str(number)) if number.bit_length() < 4000 else int(number.bit_length() * 0.30103) + 1
        head = str(number)[:20] if number.bit_length() < 4000 else "?" * 20
        raise _too_long(head + "...", digits)
    if isinstance(value, Real) and math.isfinite(float(value)) and abs(float(value)) >= 10.0**MAX_DIGITS:
        raise _too_long(f"{float(value):.0f}")


def is_empty(value: object) -> bool:
    """Empty cell: None, NaN, pandas NA/NaT or blank text, all meaning 'not given'."""
    if type(value) is str:
        return not value.strip()
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, str) and not value.strip()


def shown(value: object) -> str:
    """A cell as the planner typed it, for quoting in messages."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _reject_special(value: object) -> None:
    _check_length(value)
    if isinstance(value, Formula):
        raise CellError("formulas are not allowed; enter the value")
    if isinstance(value, ExcelError):
        raise CellError(f"the cell holds the spreadsheet error {value.text}; enter the value")


def parse_text(value: object) -> str | None:
    """Text or id: surrounding whitespace stripped; a whole number typed in a sheet becomes '123'."""
    if type(value) is str:
        return value.strip() or None
    _reject_special(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        f = float(value)
        return str(int(f)) if f.is_integer() else repr(f)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories of line breaks, control and invisible format characters (U+200B, U+202E...)."""


def script_of(char: str) -> str | None:
    """The script a letter is written in ('Latin', 'Cyrillic', 'Greek', ...); None for a non-letter."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    script = name.split(" ", 1)[0].capitalize() if name else "Unknown"
    return "Cjk" if script in _EAST_ASIAN else script


_EAST_ASIAN = frozenset({"Cjk", "Hiragana", "Katakana", "Hangul", "Halfwidth"})
"""Scripts written together in one word (Japanese kanji with kana, Korean): one family."""


def scripts_of(text: str) -> list[str]:
    """The scripts of a text's letters, in order of first use."""
    return list(dict.fromkeys(s for s in map(script_of, text) if s is not None))


def parse_id(value: object) -> str | None:
    """An id or a reference to one: visible text on one line in one script, in Unicode NFC form.

    Two ids must not look alike yet differ: hidden characters are refused, letters of two
    scripts (Cyrillic Н beside Latin H) are refused, and composed and decomposed accents
    (NFC/NFD) are made the same.
    """
    text = parse_text(value)
    if text is None or (text.isascii() and text.isprintable()):
        return text
    hidden = [c for c in text if unicodedata.category(c) in _HIDDEN]
    if hidden:
        shown_text = "".join("?" if c in hidden else c for c in text)
        raise CellError(
            f"'{shown_text}' holds a line break, control or invisible character (U+{ord(hidden[0]):04X});"
            " an id must be visible text on one line"
        )
    text = unicodedata.normalize("NFC", text)
    scripts = scripts_of(text)
    if len(scripts) > 1:
        raise CellError(
            f"'{text}' mixes {' and '.join(scripts)} letters; an id must be written in one script"
            " (a look-alike letter makes two ids that look the same but differ)"
        )
    return text


def parse_name(value: object) -> str | None:
    """A name or other free text: its letters kept (NFC), control, bidi and zero-width characters dropped.

    Line breaks and tabs become spaces; invisible format characters (U+200B, U+202E, NUL...)
    would make a name show differently from what it holds, so they go.
    """
    text = parse_text(value)
    if text is None or (text.isascii() and text.isprintable()):
        return text
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category in _HIDDEN else char)
    return "".join(kept).strip() or None


def parse_int(value: object) -> int | None:
    """Whole number; 3.0 is 3, 3.5 and 'three' are errors."""
    if type(value) is str and value.isascii() and value.isdigit():
        if len(value) > MAX_DIGITS:
            raise _too_long(value)
        return int(value)
    _reject_special(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"'{shown(value)}' is not a whole number; enter a whole number such as 3")
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        f = float(value)
        if math.isfinite(f) and f.is_integer():
            return int(f)
        raise CellError(f"'{shown(value)}' is not a whole number; enter a whole number such as 3")
    text = str(value).strip()
    if not _INT_RE.fullmatch(text):
        raise CellError(f"'{text}' is not a whole number; enter a whole number such as 3")
    if _digits(text) > MAX_DIGITS:
        raise _too_long(text)
    return int(text.split(".")[0])


def parse_number(value: object) -> float | None:
    """Number with a decimal point (712.50); a decimal comma is explained, not guessed."""
    _reject_special(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"'{shown(value)}' is not a number; enter a number such as 712.50")
    if isinstance(value, Real):
        f = float(value)
        if not math.isfinite(f):
            raise CellError(f"'{shown(value)}' is not a number; enter a number such as 712.50")
        return f
    text = str(value).strip()
    if not _NUMBER_RE.fullmatch(text):
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            raise CellError(f"'{text}' uses a decimal comma; write numbers with a decimal point, e.g. 712.50")
        raise CellError(f"'{text}' is not a number; enter a number such as 712.50")
    if _digits(text) > MAX_DIGITS:
        raise _too_long(text)
    return float(text)


def parse_bool(value: object) -> bool | None:
    """Yes/no in any of the accepted spellings, case-insensitive."""
    if type(value) is str:
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    _reject_special(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Real) and float(value) in (0.0, 1.0):
        return float(value) == 1.0
    text = shown(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(f"'{shown(value)}' is not yes or no; {BOOL_HELP}")


def parse_date(value: object) -> date | None:
    """Calendar date written YYYY-MM-DD (or a real date cell in a workbook)."""
    _reject_special(value)
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = shown(value)
    if not _DATE_RE.fullmatch(text):
        serial = _spreadsheet_date(text)
        if serial is not None:
            raise CellError(
                f"'{text}' is not a date; {DATE_HELP} (it looks like a spreadsheet date number"
                f" for {serial.isoformat()}: format the cell as a date)"
            )
        raise CellError(f"'{text}' is not a date; {DATE_HELP}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"'{text}' is not a real calendar date; {DATE_HELP}") from None


def _spreadsheet_date(text: str) -> date | None:
    """The date an Excel serial number stands for (46023 is 2026-01-01), when plausible (1950-2100)."""
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    day = date(1899, 12, 30) + timedelta(days=int(text))
    return day if 1950 <= day.year <= 2100 else None


def parse_enum(value: object, choices: tuple[str, ...], what: str) -> str | None:
    """One of a fixed set of words, case-insensitive; the message lists the allowed words."""
    text = parse_text(value)
    if text is None:
        return None
    if text.lower() in choices:
        return text.lower()
    raise CellError(f"'{text}' is not a known {what}; use one of: {', '.join(choices)}")


def _number_words(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def check_range(column: Column, value: float) -> None:
    """Negative, too small or implausibly large numbers, each with what is allowed."""
    low, high = column.minimum, column.maximum
    if low is not None and value < low:
        if low == 0:
            raise CellError(f"{_number_words(value)} is negative; enter 0 or more")
        raise CellError(f"{_number_words(value)} is too small; enter {_number_words(low)} or more")
    if high is not None and value > high:
        raise CellError(
            f"{_number_words(value)} is implausibly large (more than {_number_words(high)}); check the value"
        )


def parse_cell(column: Column, value: object) -> object:
    """A cell converted to the column's type, range-checked; None when empty."""
    kind = column.kind
    if kind in ("id", "ref"):
        return parse_id(value)
    if kind == "text":
        return parse_name(value)
    if kind == "enum":
        return parse_enum(value, column.choices, column.what or column.name)
    if kind == "bool":
        return parse_bool(value)
    if kind == "date":
        return parse_date(value)
    parsed = parse_int(value) if kind == "int" else parse_number(value)
    if parsed is not None:
        check_range(column, parsed)
    return parsed
