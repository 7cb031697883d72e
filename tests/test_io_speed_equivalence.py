"""The columnar reader gives exactly what the row reader gives: the same Scenario, or the same problems.

The row reader (load_scenario(..., columnar=False)) names every problem by file, row and column;
the columnar reader only takes a folder it can prove clean. Every corpus folder and every bad cell
below goes through both, and the answers must be identical.
"""

from __future__ import annotations

import gc
import random
import typing
import weakref
from pathlib import Path

import numpy as np
import pytest
from annotated_types import Ge, Le, MinLen

from allocation.cli import main
from allocation.collector import collector_paused
from allocation.errors import Problem, ScenarioError
from allocation.io import load_scenario, write_scenario
from allocation.io.columnar_scenario import load_clean_folder
from allocation.io.construct import construct_many
from allocation.io.tables import TABLES
from allocation.io.validate import MODELS
from allocation.policy import Policy
from allocation.scenario import Person, Scenario

TESTS = Path(__file__).parent
ROOT = TESTS.parent
BASE = TESTS / "broken" / "_base"


def _folders(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if p.is_dir())


def _inputs() -> list[Path]:
    found = [ROOT / "data" / "example", ROOT / "data" / "example.xlsx"]
    found += _folders(TESTS / "scenarios") + _folders(TESTS / "broken") + _folders(TESTS / "hostile")
    for item in _folders(TESTS / "hostile"):
        found += [p for p in item.iterdir() if p.suffix in (".xlsx", ".xlsm")]
    return found


def load(path: Path, columnar: bool) -> Scenario | list[Problem]:
    """The scenario, or the sorted problems; never anything else."""
    try:
        return load_scenario(path, columnar=columnar)
    except ScenarioError as err:
        return err.problems


def assert_same(fast: Scenario | list[Problem], rows: Scenario | list[Problem]) -> None:
    """Identical problems, or identical scenarios down to each object's fields set and source rows."""
    if isinstance(rows, list) or isinstance(fast, list):
        assert fast == rows
        return
    assert fast == rows
    assert fast.model_dump() == rows.model_dump()
    assert fast.model_fields_set == rows.model_fields_set
    for name in TABLES:
        for a, b in zip(getattr(fast, name), getattr(rows, name), strict=True):
            assert type(a) is type(b)
            assert a.model_fields_set == b.model_fields_set
            assert list(a.__dict__) == list(b.__dict__)
            assert [type(v) for v in a.__dict__.values()] == [type(v) for v in b.__dict__.values()]
        key = TABLES[name].columns[0].name
        for position, item in enumerate(getattr(fast, name), start=1):
            ident = getattr(item, key)
            assert fast.source_row(name, ident, position) == rows.source_row(name, ident, position)


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_input_reads_the_same_both_ways(path: Path, monkeypatch) -> None:
    env = path / "env"
    if env.is_file():
        for line in env.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            monkeypatch.setenv(key, value)
    if (path / "make_fifo").is_file():
        pytest.skip("the named pipe is made by test_hostile; without it the folder is an ordinary one")
    assert_same(load(path, columnar=True), load(path, columnar=False))


def test_the_clean_folders_are_taken_by_the_columnar_reader() -> None:
    clean = [ROOT / "data" / "example", BASE, *_folders(TESTS / "scenarios")]
    for folder in clean:
        if (folder / "policy.toml").exists():
            continue
        assert load_clean_folder(folder, Policy()) is not None, folder


def _copy(tmp_path: Path) -> Path:
    """The base of the broken corpus with every column of the format (empty where not given)."""
    folder = tmp_path / "scenario"
    write_scenario(load_scenario(BASE, columnar=False), folder)
    return folder


def _set_cell(folder: Path, table: str, row: int, column: str, text: str) -> None:
    """Replace one cell of a base file (row 1 is the first data row), keeping every other byte."""
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = text
    lines[row] = ",".join(cells)
    path.write_bytes("\n".join(lines).encode("utf-8"))


BAD_CELLS: dict[str, list[str]] = {
    "id": ["", " ", "W 1\t", "Н1", "W\u200b1", "'=1", "=1", "W1;2"],
    "ref": ["", "GM9999", "gm0344", "GM0344\x0b", "Г1"],
    "int": ["", "-1", "3.5", "1e3", "three", "99999999999999999999", "21", "٣", "+3", "3.0"],
    "number": ["-1", "1,5", "1e3", "nan", "inf", "10000.01", ".5", "+3", "1234567890123456789"],
    "bool": ["maybe", "2", "waar", "tru e", "ｊａ"],
    "enum": ["flat", "ROOMS", "kamer", " "],
    "date": ["2026-02-30", "0000-01-01", "46023", "2026-1-1", "01-02-2026", "2026-02-01T00:00"],
    "text": ["", " ", "\u200b", "=HYPERLINK()"],
}
"""Cells each reader must answer alike: refused (with the row reader's message) or read the same."""

ODD_BUT_VALID: dict[str, list[str]] = {
    "id": [" W1 ", "W1 "],
    "int": ["007", " 3 ", "0"],
    "number": ["0", "712.", "0712.50", " 12 "],
    "bool": ["JA", " yes ", "Nee", "1", "0", ""],
    "enum": ["ROOM", " room ", "Independent"],
    "date": [" 2026-03-01 ", "2024-02-29"],
    "text": ["'s-Hertogenbosch", "Súdwest-Fryslân", "De\tBilt", "Zeist\u200b"],
}
"""Cells both readers accept, whose typed value must come out the same."""


def _cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for table in TABLES.values():
        for column in table.columns:
            for text in BAD_CELLS.get(column.kind, []) + ODD_BUT_VALID.get(column.kind, []):
                cases.append((table.name, column.name, column.kind, text))
    return cases


@pytest.mark.parametrize(("table", "column", "kind", "text"), _cases())
def test_each_cell_reads_the_same_both_ways(tmp_path: Path, table: str, column: str, kind: str, text: str):
    folder = _copy(tmp_path)
    _set_cell(folder, table, 2, column, text)
    fast, rows = load(folder, columnar=True), load(folder, columnar=False)
    assert_same(fast, rows)
    if isinstance(rows, list):
        assert load_clean_folder(folder, Policy()) is None


@pytest.mark.parametrize(
    "change",
    [
        "blank line",
        "commas only",
        "spaces only",
        "quoted cell",
        "crlf",
        "crlf and blank lines",
        "lone carriage return",
        "bom",
        "extra column",
        "missing cell",
        "extra cell",
        "trailing blank lines",
        "upper case header",
        "duplicate known column",
        "no final newline",
    ],
)
def test_each_file_shape_reads_the_same_both_ways(tmp_path: Path, change: str) -> None:
    folder = _copy(tmp_path)
    path = folder / "persons.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    edits = {
        "blank line": lambda: [*lines[:3], "", *lines[3:]],
        "commas only": lambda: [*lines[:3], ",,,,,", *lines[3:]],
        "spaces only": lambda: [*lines[:3], "   ", *lines[3:]],
        "quoted cell": lambda: [lines[0], '"P1",' + lines[1].split(",", 1)[1], *lines[2:]],
        "crlf": lambda: ["\r\n".join(lines)],
        "crlf and blank lines": lambda: ["\r\n".join([*lines[:3], "", *lines[3:], "", ""])],
        "lone carriage return": lambda: [*lines[:2], lines[2] + "\rx", *lines[3:]],
        "bom": lambda: ["\ufeff" + lines[0], *lines[1:]],
        "extra column": lambda: [line + ",x" for line in lines],
        "missing cell": lambda: [*lines[:2], lines[2].rsplit(",", 1)[0], *lines[3:]],
        "extra cell": lambda: [*lines[:2], lines[2] + ",x", *lines[3:]],
        "trailing blank lines": lambda: [*lines, "", "", ""],
        "upper case header": lambda: [lines[0].upper(), *lines[1:]],
        "duplicate known column": lambda: [lines[0] + ",age", *(line + ",3" for line in lines[1:])],
        "no final newline": lambda: lines,
    }
    new = "\n".join(edits[change]())
    path.write_bytes((new if change == "no final newline" else new + "\n").encode("utf-8"))
    assert_same(load(folder, columnar=True), load(folder, columnar=False))
    if change in COLUMNAR_SHAPES:
        assert load_clean_folder(folder, Policy()) is not None


COLUMNAR_SHAPES = {
    "blank line",
    "crlf",
    "crlf and blank lines",
    "bom",
    "extra column",
    "trailing blank lines",
    "upper case header",
    "no final newline",
}
"""Shapes a planner's tools make every day: the columnar reader takes them (not only the row reader)."""


@pytest.mark.parametrize(
    "case",
    [
        ("households", 1, "id", "H2"),  # duplicate household
        ("persons", 3, "household", "H9"),  # unknown household
        ("persons", 1, "role", "child"),  # household without referent
        ("persons", 2, "role", "referent"),  # two referents
        ("households", 2, "current_dwelling", "W2"),  # dwelling claimed twice
        ("households", 1, "pinned_municipality", "GM0153"),  # pin out of reach
        ("households", 3, "pinned_dwelling", "W5"),  # pinned dwelling out of reach
        ("dwellings", 1, "municipality", "GM0001"),  # unknown municipality
    ],
    ids=lambda c: f"{c[0]}-{c[2]}-{c[3]}",
)
def test_each_fault_across_rows_reads_the_same_both_ways(tmp_path: Path, case) -> None:
    folder = _copy(tmp_path)
    _set_cell(folder, *case)
    fast, rows = load(folder, columnar=True), load(folder, columnar=False)
    assert isinstance(rows, list) and rows
    assert fast == rows
    assert load_clean_folder(folder, Policy()) is None


def test_random_cells_read_the_same_both_ways(tmp_path: Path) -> None:
    pool = sorted({t for cells in (*BAD_CELLS.values(), *ODD_BUT_VALID.values()) for t in cells})
    pool += ["1", "2", "GM0344", "H1", "W1", "P1", "child", "true", "2026-03-01", "m"]
    rng = random.Random(12)
    for i in range(60):
        folder = _copy(tmp_path / f"s{i}")
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(list(TABLES.values()))
            column = rng.choice(table.columns)
            rows = len((folder / f"{table.name}.csv").read_text(encoding="utf-8").split("\n")) - 2
            _set_cell(folder, table.name, rng.randint(1, rows), column.name, rng.choice(pool))
        assert_same(load(folder, columnar=True), load(folder, columnar=False))


def test_every_model_constraint_is_a_column_check() -> None:
    """What pydantic would refuse, the column specification refuses first (so no row skips a check)."""
    for name, table in TABLES.items():
        model = MODELS[name]
        for field_name, info in model.model_fields.items():
            column = table.by_name[field_name]
            for rule in info.metadata:
                if isinstance(rule, MinLen):
                    assert column.required, field_name
                if isinstance(rule, Ge):
                    assert column.minimum is not None and column.minimum >= rule.ge, field_name
                if isinstance(rule, Le):
                    assert column.maximum is not None and column.maximum <= rule.le, field_name
            allowed = set(_literal_args(info.annotation))
            if allowed:
                assert column.kind == "enum" and set(column.choices) <= allowed, field_name
            if info.is_required():
                assert column.required, field_name


def _literal_args(annotation: object) -> list[object]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    found = []
    for arg in typing.get_args(annotation):
        found += _literal_args(arg)
    return found


def test_objects_made_at_once_are_what_validation_makes() -> None:
    columns = {"id": ["P1", "P2"], "household": ["H1", "H1"], "role": ["referent", "child"], "age": [30, 4]}
    columns["arriving"] = [None, True]
    columns["needs_accessible"] = [None, True]
    given = {k: np.array([v is not None for v in values]) for k, values in columns.items()}
    made = construct_many(Person, 2, columns, given)
    validated = [
        Person(id="P1", household="H1", role="referent", age=30),
        Person(id="P2", household="H1", role="child", age=4, arriving=True, needs_accessible=True),
    ]
    assert made == validated
    assert [m.model_fields_set for m in made] == [v.model_fields_set for v in validated]
    made[0].sex = "m"  # each object has its own fields set
    assert "sex" not in made[1].model_fields_set


def test_a_blank_line_before_a_young_partner_moves_the_warning_with_it(tmp_path: Path, capsys) -> None:
    folder = _copy(tmp_path)
    path = folder / "persons.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = lines[0].split(",")
    partner = next(i for i, line in enumerate(lines) if line.split(",")[header.index("role")] == "partner")
    cells = lines[partner].split(",")
    cells[header.index("age")] = "16"
    lines[partner] = ",".join(cells)
    lines.insert(partner, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    person = cells[0]
    for columnar in (True, False):
        scenario = load_scenario(folder, columnar=columnar)
        assert scenario.source_row("persons", person, 0) == partner + 1
    assert main(["validate", str(folder)]) == 0
    err = capsys.readouterr().err.splitlines()
    young = [line for line in err if "is 16, under 18" in line]
    assert young and all(line.startswith(f"persons.csv:{partner + 1}: age: warning:") for line in young)


class _Node:
    """An object that can be in a reference cycle and be watched with a weak reference."""

    other: object = None


def test_the_collector_comes_back_on_and_still_frees_cycles_made_while_paused() -> None:
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            node = _Node()
            node.other = node
            watch = weakref.ref(node)
        assert gc.isenabled()
        del node
        gc.collect()
        assert watch() is None
    finally:
        if not was_enabled:
            gc.disable()
