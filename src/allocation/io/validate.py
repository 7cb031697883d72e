"""From read tables to a Scenario, collecting every problem: cells, ids, references, families, pins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from allocation.errors import Problem, ProblemLog, ScenarioError
from allocation.io.parse import CellError, parse_cell, scripts_of
from allocation.io.plan_io import PERSON_ID_SEPARATOR
from allocation.io.raw import RawTable
from allocation.io.tables import TABLES, Table
from allocation.policy import Policy
from allocation.rules.reach import reachable_municipalities
from allocation.scenario import Dwelling, Household, Municipality, Person, Scenario

MODELS: dict[str, type[BaseModel]] = {
    "municipalities": Municipality,
    "dwellings": Dwelling,
    "households": Household,
    "persons": Person,
}


@dataclass
class Parsed:
    """One table's typed rows: (data row, values of the present columns; None where empty or wrong)."""

    raw: RawTable
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    first_row: dict[str, int] = field(default_factory=dict)
    """Id -> data row where it first appears."""

    @property
    def table(self) -> Table:
        """The table's column specification."""
        return self.raw.table

    def has(self, column: str) -> bool:
        """Whether the file has this column at all."""
        return column in self.raw.columns

    def where(self) -> str:
        """How messages name this table for the planner."""
        label = self.raw.label
        return label if label.endswith(".csv") else f"the {label} sheet"


def parse_table(raw: RawTable, problems: ProblemLog) -> Parsed:
    """Every cell typed and range-checked; required empties and duplicate ids reported."""
    parsed = Parsed(raw)
    table = raw.table
    key = table.columns[0]
    present = [c for c in table.columns if c.name in raw.columns]
    for row_no, cells in raw.rows:
        values: dict[str, object] = {}
        for column in present if row_no not in raw.broken else [key]:
            try:
                value = parse_cell(column, cells.get(column.name))
            except CellError as err:
                problems.append(Problem(raw.label, row_no, column.name, str(err)))
                continue
            if value is None and column.required:
                problems.append(
                    Problem(raw.label, row_no, column.name, "no value given; this column is required")
                )
            values[column.name] = value
        ident = values.get(key.name)
        if isinstance(ident, str) and table.name == "persons" and PERSON_ID_SEPARATOR in ident:
            problems.append(
                Problem(
                    raw.label,
                    row_no,
                    key.name,
                    f"person id '{ident}' contains '{PERSON_ID_SEPARATOR}', which separates person ids"
                    " in the plan; use another character",
                )
            )
        if isinstance(ident, str):
            if ident in parsed.first_row:
                problems.append(
                    Problem(
                        raw.label,
                        row_no,
                        key.name,
                        f"duplicate {key.name} {ident} (first at row {parsed.first_row[ident]})",
                    )
                )
            else:
                parsed.first_row[ident] = row_no
        parsed.rows.append((row_no, values))
    return parsed


def check_id_scripts(tables: dict[str, Parsed], problems: ProblemLog) -> None:
    """Ids are written in the script most ids use: Cyrillic Н1 beside Latin H1 is two ids that look one."""
    scripts: dict[str, int] = defaultdict(int)
    written: list[tuple[Parsed, int, str, str]] = []
    for parsed in tables.values():
        key = parsed.table.columns[0].name
        for row_no, values in parsed.rows:
            ident = values.get(key)
            found = scripts_of(ident) if isinstance(ident, str) else []
            if len(found) == 1:  # no letters: nothing to mistake; several: refused per cell
                scripts[found[0]] += 1
                written.append((parsed, row_no, str(ident), found[0]))
    if len(scripts) < 2:
        return
    common = max(scripts, key=lambda s: (scripts[s], s == "Latin"))
    for parsed, row_no, ident, script in written:
        if script != common:
            problems.append(
                Problem(
                    parsed.raw.label,
                    row_no,
                    parsed.table.columns[0].name,
                    f"id {ident} is written in {script} letters, the other ids in {common} letters;"
                    f" a look-alike letter makes a different id: retype it in {common} letters",
                )
            )


def check_references(tables: dict[str, Parsed], problems: ProblemLog) -> None:
    """Every municipality, dwelling and household named in a row exists in its own table."""
    for parsed in tables.values():
        for column in parsed.table.columns:
            target = tables.get(column.refers_to or "")
            if target is None or not parsed.has(column.name):
                continue
            noun = target.table.entity
            for row_no, values in parsed.rows:
                value = values.get(column.name)
                if value is None or value in target.first_row:
                    continue
                if parsed.table.name == "persons":
                    message = f"unknown household {value}; this person is in no household of {target.where()}"
                else:
                    message = f"unknown {noun} {value}; it is not in {target.where()}"
                problems.append(Problem(parsed.raw.label, row_no, column.name, message))


def check_families(tables: dict[str, Parsed], problems: ProblemLog) -> None:
    """Every household has members, and exactly one of them is the referent."""
    households, persons = tables.get("households"), tables.get("persons")
    if households is None or persons is None or not (persons.has("household") and persons.has("role")):
        return
    members: dict[str, list[str]] = defaultdict(list)
    referents: dict[str, list[str]] = defaultdict(list)
    unsure: set[str] = set()
    for _, values in persons.rows:
        hid = values.get("household")
        if not isinstance(hid, str):
            continue
        members[hid].append(str(values.get("id")))
        role = values.get("role")
        if role is None:
            unsure.add(hid)
        elif role == "referent":
            referents[hid].append(str(values.get("id")))
    label = households.raw.label
    for row_no, values in households.rows:
        hid = values.get("id")
        if not isinstance(hid, str) or households.first_row.get(hid) != row_no:
            continue
        if not members[hid]:
            problems.append(
                Problem(
                    label,
                    row_no,
                    "id",
                    f"household {hid} has no persons; list its members in {persons.where()}",
                )
            )
        elif hid in unsure:
            continue
        elif not referents[hid]:
            problems.append(
                Problem(
                    label,
                    row_no,
                    "id",
                    f"household {hid} has no referent; give exactly one of its persons the role referent",
                )
            )
        elif len(referents[hid]) > 1:
            problems.append(
                Problem(
                    label,
                    row_no,
                    "id",
                    f"household {hid} has {len(referents[hid])} referents"
                    f" (persons {', '.join(referents[hid])}); exactly one person may have the role referent",
                )
            )


def check_dwelling_claims(tables: dict[str, Parsed], problems: ProblemLog) -> None:
    """A dwelling is the current home of at most one referent, and pinned for at most one household."""
    households = tables.get("households")
    if households is None:
        return
    for column, claim in (
        ("current_dwelling", "the current dwelling of household"),
        ("pinned_dwelling", "pinned for household"),
    ):
        first: dict[str, tuple[str, int]] = {}
        for row_no, values in households.rows:
            dwelling = values.get(column)
            if not isinstance(dwelling, str):
                continue
            if dwelling in first:
                other, other_row = first[dwelling]
                problems.append(
                    Problem(
                        households.raw.label,
                        row_no,
                        column,
                        f"dwelling {dwelling} is already {claim} {other} (row {other_row});"
                        " one dwelling cannot go to two households",
                    )
                )
            else:
                first[dwelling] = (str(values.get("id")), row_no)


def check_pins(tables: dict[str, Parsed], policy: Policy, problems: ProblemLog) -> None:
    """Pinned municipalities and dwellings lie where the household may be housed (own, region, AMV)."""
    households, municipalities = tables.get("households"), tables.get("municipalities")
    if households is None or municipalities is None:
        return
    dwellings = tables.get("dwellings")
    known = municipalities.first_row
    provisional = Scenario(
        municipalities=[
            Municipality.model_construct(
                code=v["code"], name=v.get("name") or "", region=v.get("region"), quota=0, housed=0
            )
            for _, v in municipalities.rows
            if isinstance(v.get("code"), str) and known.get(v["code"]) is not None
        ],
        policy=policy,
    )
    dwelling_place: dict[str, str] = {}
    if dwellings is not None:
        for _, v in dwellings.rows:
            if isinstance(v.get("id"), str) and isinstance(v.get("municipality"), str):
                dwelling_place.setdefault(v["id"], v["municipality"])
    label = households.raw.label
    for row_no, v in households.rows:
        hid, home = v.get("id"), v.get("municipality")
        pin_m, pin_d = v.get("pinned_municipality"), v.get("pinned_dwelling")
        if not (pin_m or pin_d) or not isinstance(home, str) or home not in known:
            continue
        amv = v.get("amv_municipality")
        household = Household.model_construct(
            id=str(hid), municipality=home, amv_municipality=amv if amv in known else None
        )
        reach = reachable_municipalities(household, provisional)
        allowed = f"household {hid} may be housed in: {', '.join(reach)}"
        if isinstance(pin_m, str) and pin_m in known and pin_m not in reach:
            problems.append(
                Problem(
                    label, row_no, "pinned_municipality", f"municipality {pin_m} is out of reach; {allowed}"
                )
            )
        place = dwelling_place.get(pin_d) if isinstance(pin_d, str) else None
        if place is None or place not in known:
            continue
        if isinstance(pin_m, str) and pin_m in known and place != pin_m:
            problems.append(
                Problem(
                    label,
                    row_no,
                    "pinned_dwelling",
                    f"dwelling {pin_d} is in {place}, not in the pinned municipality {pin_m}",
                )
            )
        elif place not in reach and pin_d != v.get("current_dwelling"):
            problems.append(
                Problem(
                    label,
                    row_no,
                    "pinned_dwelling",
                    f"dwelling {pin_d} is in {place}, out of reach; {allowed}",
                )
            )


def check_steps(tables: dict[str, Parsed], problems: ProblemLog) -> None:
    """A TVS step comes with the day it was reached, and a step date with its step (Q1, Q3)."""
    households = tables.get("households")
    if households is None or not (households.has("tvs_step") or households.has("step_date")):
        return
    label = households.raw.label
    for row_no, values in households.rows:
        step, day = values.get("tvs_step"), values.get("step_date")
        if step is not None and day is None and "step_date" not in _bad_cells(problems, label, row_no):
            problems.append(
                Problem(
                    label,
                    row_no,
                    "step_date",
                    f"no date for step {step}; give the day the household reached it (YYYY-MM-DD)",
                )
            )
        elif day is not None and step is None and "tvs_step" not in _bad_cells(problems, label, row_no):
            problems.append(
                Problem(
                    label,
                    row_no,
                    "tvs_step",
                    "a step date without a step; give the TVS step reached on that day or clear the date",
                )
            )


def _bad_cells(problems: ProblemLog, label: str, row_no: int) -> set[str]:
    """Columns of this row already reported (an unreadable cell is not also reported as missing)."""
    return {p.column for p in problems if p.file == label and p.row == row_no}


def build_models(parsed: Parsed, problems: ProblemLog) -> list[BaseModel]:
    """Model objects of a table's rows (only called when no problem was found)."""
    model = MODELS[parsed.table.name]
    items: list[BaseModel] = []
    for row_no, values in parsed.rows:
        try:
            items.append(model(**{k: v for k, v in values.items() if v is not None}))
        except ValidationError as err:
            for e in err.errors():
                column = str(e["loc"][0]) if e.get("loc") else "-"
                problems.append(
                    Problem(parsed.raw.label, row_no, column, str(e.get("msg", "is not allowed")))
                )
    return items


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then row; within a row, in the order found (column order); at most
    MAX_PROBLEMS_PER_FILE per file, then one line saying how many more."""
    log = problems if isinstance(problems, ProblemLog) else ProblemLog(problems)
    return log.sorted()


def build_scenario(
    raw_tables: dict[str, RawTable | None], policy: Policy, problems: list[Problem]
) -> Scenario:
    """The validated Scenario, or ScenarioError listing every problem (including those passed in)."""
    problems = ProblemLog(problems)
    tables = {name: parse_table(raw, problems) for name, raw in raw_tables.items() if raw is not None}
    check_id_scripts(tables, problems)
    check_references(tables, problems)
    check_families(tables, problems)
    check_dwelling_claims(tables, problems)
    check_pins(tables, policy, problems)
    check_steps(tables, problems)
    if problems or len(tables) < len(TABLES):
        raise ScenarioError(sort_problems(problems))
    models = {name: build_models(tables[name], problems) for name in TABLES}
    if problems:
        raise ScenarioError(sort_problems(problems))
    scenario = Scenario(policy=policy, **models)
    scenario.set_source_rows(
        {
            name: dict(parsed.first_row)
            for name, parsed in tables.items()
            if [row for row, _ in parsed.rows] != list(range(1, len(parsed.rows) + 1))
        }
    )
    return scenario
