"""Input problems in the planner's language: the io layer words them in English, the app may show Dutch.

Each English message shape of the readers and validation has a Dutch template; a message without
one is shown as it is (English), so nothing is ever hidden.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from allocation.errors import Problem
from allocation.labels import Language, column_label, table_label


class Pattern(NamedTuple):
    """An English message shape and its Dutch wording (named groups are carried over)."""

    english: re.Pattern[str]
    dutch: str


DATE_HELP_NL = "gebruik JJJJ-MM-DD, bijv. 2026-03-01"
BOOL_HELP_NL = "gebruik ja/nee, true/false of 1/0"

_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^warning: (?P<rest>.*)$", "waarschuwing: {rest}"),
    (r"^no value given; this column is required$", "geen waarde; deze kolom is verplicht"),
    (
        r"^required column is missing; the header needs: (?P<cols>.*)$",
        "verplichte kolom ontbreekt; nodig zijn: {cols}",
    ),
    (
        r"^the column appears twice in the header; keep one$",
        "de kolom staat twee keer in de kop; houd er één",
    ),
    (
        r"^'(?P<v>.*)' is not a date; use YYYY-MM-DD, e\.g\. 2026-03-01(?P<rest>.*)$",
        "'{v}' is geen datum; " + DATE_HELP_NL + "{rest}",
    ),
    (
        r"^'(?P<v>.*)' is not a real calendar date; use YYYY-MM-DD, e\.g\. 2026-03-01$",
        "'{v}' bestaat niet in de kalender; " + DATE_HELP_NL,
    ),
    (
        r"^'(?P<v>.*)' is not a whole number; enter a whole number such as 3$",
        "'{v}' is geen geheel getal; vul een geheel getal in, bijv. 3",
    ),
    (
        r"^'(?P<v>.*)' uses a decimal comma; write numbers with a decimal point, e\.g\. 712\.50$",
        "'{v}' heeft een decimale komma; schrijf getallen met een punt, bijv. 712.50",
    ),
    (r"^'(?P<v>.*)' is not a number; enter a number such as 712\.50$", "'{v}' is geen getal; bijv. 712.50"),
    (r"^'(?P<v>.*)' is not yes or no; .*$", "'{v}' is geen ja of nee; " + BOOL_HELP_NL),
    (
        r"^'(?P<v>.*)' is not a known (?P<what>.*); use one of: (?P<choices>.*)$",
        "'{v}' is geen bekende waarde ({what}); kies uit: {choices}",
    ),
    (r"^(?P<v>.*) is negative; enter 0 or more$", "{v} is negatief; vul 0 of meer in"),
    (r"^(?P<v>.*) is too small; enter (?P<low>.*) or more$", "{v} is te klein; vul {low} of meer in"),
    (
        r"^(?P<v>.*) is implausibly large \(more than (?P<high>.*)\); check the value$",
        "{v} is onwaarschijnlijk groot (meer dan {high}); controleer de waarde",
    ),
    (
        r"^duplicate (?P<col>\S+) (?P<id>.*) \(first at row (?P<row>\d+)\)$",
        "{id} komt twee keer voor (eerst in rij {row})",
    ),
    (
        r"^unknown household (?P<v>.*); this person is in no household of (?P<where>.*)$",
        "onbekend huishouden {v}; deze persoon hoort bij geen huishouden in {where}",
    ),
    (
        r"^unknown (?P<noun>\w+) (?P<v>.*); it is not in (?P<where>.*)$",
        "onbekende {noun} {v}; staat niet in {where}",
    ),
    (
        r"^household (?P<h>.*) has no persons; list its members in (?P<where>.*)$",
        "huishouden {h} heeft geen personen; vul de leden in bij {where}",
    ),
    (
        r"^household (?P<h>.*) has no referent; .*$",
        "huishouden {h} heeft geen referent; geef precies één persoon de rol referent",
    ),
    (
        r"^household (?P<h>.*) has (?P<n>\d+) referents \(persons (?P<p>.*)\); .*$",
        "huishouden {h} heeft {n} referenten (personen {p}); precies één persoon mag referent zijn",
    ),
    (
        r"^dwelling (?P<d>.*) is already the current dwelling of household (?P<o>.*) \(row (?P<r>\d+)\);.*$",
        "woning {d} is al de huidige woning van huishouden {o} (rij {r}); één woning kan niet naar twee "
        "huishoudens",
    ),
    (
        r"^dwelling (?P<d>.*) is already pinned for household (?P<o>.*) \(row (?P<r>\d+)\);.*$",
        "woning {d} staat al vast voor huishouden {o} (rij {r}); één woning kan niet naar twee huishoudens",
    ),
    (
        r"^municipality (?P<m>.*) is out of reach; household (?P<h>.*) may be housed in: (?P<reach>.*)$",
        "gemeente {m} is niet bereikbaar; huishouden {h} kan terecht in: {reach}",
    ),
    (
        r"^dwelling (?P<d>.*) is in (?P<p>.*), not in the pinned municipality (?P<m>.*)$",
        "woning {d} ligt in {p}, niet in de vaste gemeente {m}",
    ),
    (
        r"^dwelling (?P<d>.*) is in (?P<p>.*), out of reach; "
        r"household (?P<h>.*) may be housed in: (?P<r>.*)$",
        "woning {d} ligt in {p}, buiten bereik; huishouden {h} kan terecht in: {r}",
    ),
    (
        r"^no date for step (?P<s>.*); give the day the household reached it \(YYYY-MM-DD\)$",
        "geen datum bij stap {s}; vul de dag in waarop het huishouden die stap bereikte (JJJJ-MM-DD)",
    ),
    (
        r"^a step date without a step; .*$",
        "een datum zonder stap; vul de TVS-stap van die dag in of maak de datum leeg",
    ),
    (
        r"^no rows; a scenario needs at least one (?P<what>.*)$",
        "geen rijen; een scenario heeft er minstens één nodig",
    ),
    (r"^the (?P<t>\w+) table is missing$", "de tabel {t} ontbreekt"),
    (r"^formulas are not allowed; enter the value$", "formules zijn niet toegestaan; vul de waarde in"),
    (
        r"^the file cannot be read: (?P<e>.*)$",
        "het bestand kan niet worden gelezen: {e}",
    ),
    (r"^file is missing(?P<rest>.*)$", "bestand ontbreekt{rest}"),
    (
        r"^the file is empty; it needs a header row: (?P<cols>.*)$",
        "het bestand is leeg; de eerste regel moet de kop zijn: {cols}",
    ),
    (
        r"^unknown setting; did you mean (?P<close>\S+)\? every setting is listed in docs/FORMAT.md "
        r"\(Policy keys\)$",
        "onbekende instelling; bedoelt u {close}? Alle instellingen staan in docs/FORMAT.md (Policy keys)",
    ),
    (
        r"^unknown setting; every setting is listed in docs/FORMAT.md \(Policy keys\)$",
        "onbekende instelling; alle instellingen staan in docs/FORMAT.md (Policy keys)",
    ),
    (
        r"^the file is not UTF-8 text \(byte (?P<b>\S+) at line (?P<l>\d+)\); .*$",
        "het bestand is geen UTF-8-tekst (byte {b} op regel {l}); sla het in het rekenblad op als "
        "'CSV UTF-8 (door komma's gescheiden)'",
    ),
    (
        r"^'(?P<v>.*)' is not allowed; use (?:one|any) of: (?P<choices>.*)$",
        "'{v}' is niet toegestaan; kies uit: {choices}",
    ),
    (
        r"^the columns are separated by semicolons; .*$",
        "de kolommen zijn gescheiden door puntkomma's; dat moeten komma's zijn: sla het in het rekenblad "
        "op als 'CSV UTF-8 (door komma's gescheiden)'",
    ),
    (
        r"^the row has (?P<n>\d+) values but the header has (?P<m>\d+) columns; a value with a comma .*$",
        "de rij heeft {n} waarden maar de kop {m} kolommen; zet een waarde met een komma tussen "
        "dubbele aanhalingstekens",
    ),
    (
        r"^the row has (?P<n>\d+) values but the header has (?P<m>\d+) columns; give the extra .*$",
        "de rij heeft {n} waarden maar de kop {m} kolommen; geef de extra kolommen een kop of maak die "
        "cellen leeg",
    ),
    (
        r"^sheet is missing; the workbook needs a sheet named (?P<s>\w+) \(it has: (?P<has>.*)\)$",
        "tabblad ontbreekt; de werkmap heeft een tabblad {s} nodig (er zijn: {has}); "
        "de tabel is leeg geopend",
    ),
)

PATTERNS: tuple[Pattern, ...] = tuple(Pattern(re.compile(e, re.DOTALL), d) for e, d in _PATTERNS)

_WHERE = re.compile(r"\bthe (?P<sheet>\w+) sheet\b")


def _where_nl(text: str) -> str:
    """'the dwellings sheet' as 'het tabblad Woningen'."""
    return _WHERE.sub(lambda m: f"het tabblad {table_label(m['sheet'], 'nl')}", text)


def message_text(message: str, lang: Language = "nl") -> str:
    """One problem message in LANG; unknown shapes stay as written."""
    if lang == "en":
        return message
    for pattern in PATTERNS:
        match = pattern.english.match(message)
        if match:
            values = {
                k: _where_nl(message_text(v, lang) if k == "rest" else v)
                for k, v in match.groupdict().items()
            }
            if "what" in values:
                values["what"] = {
                    "role": "rol",
                    "dwelling kind": "soort woning",
                    "TVS step": "TVS-stap",
                    "sex": "geslacht",
                }.get(values["what"], values["what"])
            if "noun" in values:
                values["noun"] = {
                    "municipality": "gemeente",
                    "dwelling": "woning",
                    "household": "huishouden",
                }.get(values["noun"], values["noun"])
            return pattern.dutch.format(**values)
    return message


class ShownProblem(NamedTuple):
    """A problem as the planner reads it: table, row, column and message in the chosen language."""

    table: str
    row: int
    column: str
    message: str


def shown_problem(problem: Problem, lang: Language = "nl") -> ShownProblem:
    """A Problem with its table, column and message in LANG (the row stays as numbered)."""
    stem = problem.file.rsplit(".", 1)[0] if problem.file.endswith((".csv", ".toml")) else problem.file
    table = table_label(stem, lang) if lang == "nl" else problem.file
    column = column_label(problem.column, lang) if problem.column != "-" else "-"
    return ShownProblem(table, problem.row, column, message_text(problem.message, lang))
