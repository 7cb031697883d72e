"""A clean scenario folder read by columns: checks across tables as set operations, objects made once.

Used only when every check passes; the smallest doubt (a quote, a blank-looking row, an unknown
reference) returns None and the folder is read row by row, so every message stays the row
reader's own. Pins are checked by the row reader's own rule on the pinned households only.
"""

from __future__ import annotations

from pathlib import Path

from allocation.collector import collector_paused
from allocation.errors import ProblemLog
from allocation.io.columnar import CleanTable, read_clean_table
from allocation.io.construct import construct_many
from allocation.io.plan_io import PERSON_ID_SEPARATOR
from allocation.io.raw import RawTable
from allocation.io.tables import TABLES
from allocation.io.validate import MODELS, Parsed, check_pins
from allocation.policy import Policy
from allocation.scenario import Scenario, SourceRows


def load_clean_folder(folder: Path, policy: Policy) -> Scenario | None:
    """The folder's Scenario when all four files are plainly valid and consistent; None otherwise."""
    with collector_paused():  # many objects, no cycles: a collection would free nothing
        tables: dict[str, CleanTable] = {}
        for name, table in TABLES.items():
            clean = read_clean_table(folder / f"{name}.csv", table)
            if clean is None:
                return None
            tables[name] = clean
        if not consistent(tables, policy):
            return None
        return assemble(tables, policy)


def _values(clean: CleanTable, column: str) -> list[object] | None:
    typed = clean.columns.get(column)
    return None if typed is None else typed.values


def _ids(clean: CleanTable) -> list[object]:
    return clean.columns[clean.table.columns[0].name].values


def _distinct(values: list[object]) -> bool:
    """No value given twice (empty cells aside)."""
    given = [v for v in values if v is not None]
    return len(set(given)) == len(given)


def consistent(tables: dict[str, CleanTable], policy: Policy) -> bool:
    """True when the row reader's checks across rows and tables would find nothing.

    Unique ids (persons without the plan's id separator), every reference known, one referent per
    household, no dwelling claimed twice, steps with their dates, pins within reach. Ids are
    printable ASCII here, so all of them are in one script.
    """
    known = {name: set(_ids(clean)) for name, clean in tables.items()}
    if any(len(known[name]) != len(clean) for name, clean in tables.items()):
        return False  # an id given twice
    if PERSON_ID_SEPARATOR in "".join(map(str, _ids(tables["persons"]))):
        return False
    for clean in tables.values():
        for column in clean.table.columns:
            values = _values(clean, column.name)
            if column.refers_to is None or values is None:
                continue
            named = set(values)
            named.discard(None)
            if not named <= known[column.refers_to]:
                return False
    persons, households = tables["persons"], tables["households"]
    roles = _values(persons, "role") or []
    members = _values(persons, "household") or []
    referents = [h for h, role in zip(members, roles, strict=True) if role == "referent"]
    if len(referents) != len(households) or len(set(referents)) != len(referents):
        return False
    if not all(_distinct(_values(households, c) or []) for c in ("current_dwelling", "pinned_dwelling")):
        return False
    steps, days = _values(households, "tvs_step"), _values(households, "step_date")
    if steps is not None or days is not None:
        none = [None] * len(households)
        if any((s is None) != (d is None) for s, d in zip(steps or none, days or none, strict=True)):
            return False
    return _pins_within_reach(tables, policy)


def _pins_within_reach(tables: dict[str, CleanTable], policy: Policy) -> bool:
    """The row reader's pin rule, run on the pinned households and their dwellings only."""
    households = tables["households"]
    pinned_m = _values(households, "pinned_municipality")
    pinned_d = _values(households, "pinned_dwelling")
    pinned = [
        i
        for i in range(len(households))
        if (pinned_m is not None and pinned_m[i]) or (pinned_d is not None and pinned_d[i])
    ]
    if not pinned:
        return True
    wanted = {pinned_d[i] for i in pinned} if pinned_d is not None else set()
    dwellings = tables["dwellings"]
    dwelling_rows = [i for i, d in enumerate(_ids(dwellings)) if d in wanted]
    subsets = {
        "municipalities": _parsed(tables["municipalities"], range(len(tables["municipalities"]))),
        "dwellings": _parsed(dwellings, dwelling_rows),
        "households": _parsed(households, pinned),
    }
    problems = ProblemLog()
    check_pins(subsets, policy, problems)
    return not problems


def _parsed(clean: CleanTable, indexes: range | list[int]) -> Parsed:
    """Some rows of a clean table in the row reader's shape."""
    names = list(clean.columns)
    raw = RawTable(clean.table, clean.table.name, names)
    parsed = Parsed(raw)
    key = clean.table.columns[0].name
    for i in indexes:
        values = {name: clean.columns[name].values[i] for name in names}
        row = int(clean.rows[i])
        parsed.rows.append((row, values))
        parsed.first_row[str(values[key])] = row
    return parsed


def assemble(tables: dict[str, CleanTable], policy: Policy) -> Scenario:
    """The Scenario of clean tables, each object made once, with the rows its ids came from."""
    models: dict[str, list] = {}
    rows: SourceRows = {}
    for name, clean in tables.items():
        columns = {c: typed.values for c, typed in clean.columns.items()}
        given = {c: typed.given for c, typed in clean.columns.items()}
        models[name] = construct_many(MODELS[name], len(clean), columns, given)
        if len(clean) and int(clean.rows[-1]) != len(clean):  # blank lines: rows are not positions
            rows[name] = dict(zip(_ids(clean), clean.rows.tolist(), strict=True))
    scenario = Scenario.model_construct(policy=policy, **models)
    scenario.set_source_rows(rows)
    return scenario
