"""Why a plan is not proven optimal, in English (summary.json's `message`) and Dutch (the app).

The solver writes its message in English from these templates, parts joined by "; ";
`in_language` reads such a message back part by part and says it again in the planner's language.
"""

from __future__ import annotations

import re
import string

from allocation.labels import Language

SEPARATOR = "; "
"""Between the parts of a message: one per region's outcome, each with its fallback."""

TEXTS: dict[str, dict[Language, str]] = {
    "limit_before_any": {
        "en": "the time limit was reached before any region",
        "nl": "de tijdslimiet was bereikt voordat er een regio aan de beurt was",
    },
    "first_come_everywhere": {
        "en": "a first-come-first-served plan is used",
        "nl": "er is een plan op volgorde van binnenkomst gebruikt",
    },
    "limit_before_region": {
        "en": "the time limit was reached before this region",
        "nl": "de tijdslimiet was bereikt voordat deze regio aan de beurt was",
    },
    "stop_before_region": {
        "en": "stopped on request before this region",
        "nl": "op verzoek gestopt voordat deze regio aan de beurt was",
    },
    "first_come_region": {
        "en": "a first-come-first-served plan is used for this region",
        "nl": "voor deze regio is een plan op volgorde van binnenkomst gebruikt",
    },
    "limit_before_stages": {
        "en": "the time limit was reached before all objective stages were solved",
        "nl": "de tijdslimiet was bereikt voordat alle doelen waren doorgerekend",
    },
    "stop_before_stages": {
        "en": "stopped on request before all objective stages were solved",
        "nl": "op verzoek gestopt voordat alle doelen waren doorgerekend",
    },
    "stage_unsolved": {
        "en": "{terms}: {outcome} in the time given",
        "nl": "{terms}: {outcome} in de beschikbare tijd",
    },
    "stage_unproven": {
        "en": "{terms}: the best plan found is not proven optimal ({outcome})",
        "nl": "{terms}: het beste gevonden plan is niet bewezen optimaal ({outcome})",
    },
}
"""Every part of a solver message; `{terms}` are objective terms joined by "/", `{outcome}` how a
solve ended (OUTCOMES)."""

TERM_NAMES: dict[str, dict[Language, str]] = {
    "pins": {"nl": "vastgezette huishoudens", "en": "pinned households"},
    "persons": {"nl": "personen gehuisvest", "en": "persons housed"},
    "shortfall": {"nl": "tekort taakstelling", "en": "quota shortfall"},
    "away": {"nl": "buiten eigen gemeente", "en": "housed away"},
    "splits": {"nl": "splitsingen", "en": "splits"},
    "unused": {"nl": "ongebruikte ruimte", "en": "unused capacity"},
    "wait": {"nl": "wachttijd in de opvang", "en": "wait in reception"},
    "vacancy": {"nl": "leegstand", "en": "vacancy"},
    "changes": {"nl": "wijzigingen t.o.v. het vorige plan", "en": "changes against the previous plan"},
    "order": {"nl": "volgorde bij gelijke keus", "en": "tie order"},
}
"""The objective terms as a planner reads them: in a Dutch message, and the app's choices of terms
(the English message keeps the terms' own names, as summary.json has them)."""

OUTCOMES_NL: dict[str, str] = {
    "no solution was found": "geen oplossing gevonden",
    "no solution found": "geen oplossing gevonden",
    "optimal": "optimaal",
    "feasible": "toegestaan",
    "infeasible": "onmogelijk",
    "imprecise": "onnauwkeurig",
    "numerical error": "rekenfout",
    "other": "anders",
}
"""How a solve ended, as the English message says it (model.run.REASONS), in Dutch."""


def status_text(code: str, **values: str) -> str:
    """One part of the English message."""
    return TEXTS[code]["en"].format(**values)


def joined(*parts: str) -> str:
    """Parts of a message as one."""
    return SEPARATOR.join(part for part in parts if part)


def in_language(message: str, lang: Language) -> str:
    """The message in `lang`; a part that no template made stays as it is."""
    if lang == "en" or not message:
        return message
    return SEPARATOR.join(_part_in(part, lang) for part in message.split(SEPARATOR))


def _part_in(part: str, lang: Language) -> str:
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(part)
        if found is not None:
            values = {name: _value_in(name, value, lang) for name, value in found.groupdict().items()}
            return TEXTS[code][lang].format(**values)
    return part


def _value_in(name: str, value: str, lang: Language) -> str:
    """A field of a Dutch message: terms and outcomes named in Dutch."""
    if name == "terms":
        return "/".join(TERM_NAMES[term][lang] if term in TERM_NAMES else term for term in value.split("/"))
    return OUTCOMES_NL.get(value, value)


def _pattern(template: str) -> re.Pattern[str]:
    """The English template as a pattern whose groups are its fields."""
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pieces.append(re.escape(literal))
        if field is not None:
            pieces.append(f"(?P<{field}>[a-z/ ]+?)")
    return re.compile("".join(pieces))


_PATTERNS: dict[str, re.Pattern[str]] = {code: _pattern(texts["en"]) for code, texts in TEXTS.items()}
