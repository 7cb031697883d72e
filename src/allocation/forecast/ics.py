"""The deadlines as an iCalendar file (RFC 5545) a planner can load into a calendar application."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

PRODID = "-//allocation//nareizigers forecast//EN"
SUMMARIES = {
    "arrival": "Expected arrival",
    "ind_appointment": "IND appointment due",
    "gp_intake": "GP intake due",
    "quota_count": "Counts toward the taakstelling once housed",
}
"""Event titles per deadline kind; the calendar names households by pseudonymous id and counts only."""


def escape_text(text: str) -> str:
    """A TEXT value escaped as RFC 5545 3.3.11 requires: backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _event(row: Mapping[str, object], stamp: str) -> list[str]:
    due = row["due"]
    assert isinstance(due, date)
    kind, household, persons = str(row["deadline"]), str(row["household"]), row["persons"]
    summary = f"{SUMMARIES.get(kind, kind)}: household {household} ({persons} persons)"
    source = str(row["source"])
    basis = "arrival date given" if source == "arrival" else f"forecast from TVS step {source}"
    description = f"{row['rule']}. Municipality {row['municipality']}; {basis}."
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(household)}-{kind}-{due:%Y%m%d}@allocation",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(kind)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar_text(rows: Iterable[Mapping[str, object]], now: datetime | None = None) -> str:
    """One all-day event per deadline row; CRLF line ends, folded lines."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Nareizigers: deadlines",
    ]
    for row in rows:
        lines += _event(row, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
