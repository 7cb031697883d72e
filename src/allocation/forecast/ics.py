"""The deadlines as an iCalendar file (RFC 5545) a planner can load into a calendar application."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from allocation.labels import Language

PRODID = "-//allocation//nareizigers forecast//EN"
SUMMARIES = {
    "arrival": "Expected arrival",
    "ind_appointment": "IND appointment due",
    "gp_intake": "GP intake due",
    "quota_count": "Counts toward the taakstelling once housed",
}
"""Event titles per deadline kind; the calendar names households by pseudonymous id and counts only."""

SUMMARIES_NL = {
    "arrival": "Verwachte aankomst",
    "ind_appointment": "Afspraak IND uiterlijk",
    "gp_intake": "Intake huisarts uiterlijk",
    "quota_count": "Telt mee voor de taakstelling zodra gehuisvest",
}
RULES_NL = {
    "arrival": "verwachte aankomst (waarschijnlijke dag van het aankomstvenster)",
    "ind_appointment": "Q9: afspraak bij de IND (BRP, verblijfsdocument) binnen 3 dagen na aankomst",
    "gp_intake": "Q11: intake bij de huisarts binnen 2 weken na aankomst houdt de tolkkosten vergoed",
    "quota_count": "Q10: de nareizigers tellen mee voor de taakstelling zodra ze gehuisvest zijn, "
    "vanaf aankomst",
}
_PLAN_WHERE = re.compile(r"\(plan: (?P<where>.*)\)$")


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


def _texts(row: Mapping[str, object], lang: Language, names: Mapping[str, str]) -> tuple[str, str]:
    """An event's title and description in LANG (municipality names beside codes when known)."""
    kind, household, persons = str(row["deadline"]), str(row["household"]), row["persons"]
    source, code = str(row["source"]), str(row["municipality"])
    place = f"{names[code]} ({code})" if code in names else code
    if lang == "nl":
        summary = f"{SUMMARIES_NL.get(kind, kind)}: huishouden {household} ({persons} personen)"
        basis = "aankomstdatum opgegeven" if source == "arrival" else f"voorspeld uit TVS-stap {source}"
        rule = RULES_NL.get(kind, str(row["rule"]))
        where = _PLAN_WHERE.search(str(row["rule"]))
        if kind == "quota_count" and where:
            rule = f"{RULES_NL[kind].split(', vanaf')[0]} (plan: {where['where']})"
        return summary, f"{rule}. Gemeente {place}; {basis}."
    summary = f"{SUMMARIES.get(kind, kind)}: household {household} ({persons} persons)"
    basis = "arrival date given" if source == "arrival" else f"forecast from TVS step {source}"
    return summary, f"{row['rule']}. Municipality {place}; {basis}."


def _event(
    row: Mapping[str, object], stamp: str, lang: Language = "en", names: Mapping[str, str] | None = None
) -> list[str]:
    due = row["due"]
    assert isinstance(due, date)
    kind, household = str(row["deadline"]), str(row["household"])
    summary, description = _texts(row, lang, names or {})
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


def calendar_text(
    rows: Iterable[Mapping[str, object]],
    now: datetime | None = None,
    lang: Language = "en",
    names: Mapping[str, str] | None = None,
) -> str:
    """One all-day event per deadline row; CRLF line ends, folded lines; titles in LANG (en, nl)."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Nareizigers: " + ("termijnen" if lang == "nl" else "deadlines"),
    ]
    for row in rows:
        lines += _event(row, stamp, lang, names)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
