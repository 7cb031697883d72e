"""Hostile and broken input (tests/hostile/): validate, solve and the app's upload path each give
the reviewed, located messages of expected.txt (empty: the input is handled and solved), never a
traceback, and solve writes nothing for bad input."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import allocation
from allocation.cli import main
from allocation.errors import ScenarioError
from allocation.io.csv_io import FORMULA_STARTS
from allocation.io.limits import MAX_INPUT_ENV
from allocation.io.plan_io import MANIFEST, PLAN_FILES
from allocation.io.upload import stage_upload
from allocation.io.validate import sort_problems

HOSTILE = Path(__file__).parent / "hostile"
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ITEMS = sorted(p for p in HOSTILE.iterdir() if (p / "expected.txt").is_file())


def scenario_path(item: Path) -> Path:
    """The workbook of an item, or its folder of CSV files."""
    books = [p for p in item.iterdir() if p.name in ("scenario.xlsx", "scenario.xlsm")]
    return books[0] if books else item


def expected(item: Path) -> list[str]:
    return (item / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def item_env(request, monkeypatch, tmp_path_factory) -> Path:
    """Settings an item needs (a lowered size limit instead of a file of hundreds of megabytes), and
    what cannot be committed (a named pipe: the item is copied and the pipe made in the copy)."""
    item: Path = request.param
    env = item / "env"
    if env.is_file():
        for line in env.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            monkeypatch.setenv(key, value)
    fifo = item / "make_fifo"
    if fifo.is_file():
        copy = tmp_path_factory.mktemp("item") / item.name
        shutil.copytree(item, copy, symlinks=True, ignore=shutil.ignore_patterns("make_fifo"))
        for name in fifo.read_text(encoding="utf-8").split():
            os.mkfifo(copy / name)
        return copy
    return item


def test_the_corpus_has_at_least_25_items_and_each_is_listed_in_the_readme() -> None:
    assert len(ITEMS) >= 25
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    assert [i.name for i in ITEMS if f"`{i.name}`" not in readme] == []


@pytest.mark.parametrize("item_env", ITEMS, ids=lambda p: p.name, indirect=True)
def test_validate(item_env: Path, capsys) -> None:
    item = item_env
    code = main(["validate", str(scenario_path(item))])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert without_warnings(err) == expected(item)
    assert code == (2 if expected(item) else 0)


def without_warnings(stderr: str) -> list[str]:
    """The error lines of stderr; warnings (homes no family can use, Q2 doubts) never block."""
    return [line for line in stderr.splitlines() if ": warning: " not in line]


@pytest.mark.parametrize("item_env", ITEMS, ids=lambda p: p.name, indirect=True)
def test_solve(item_env: Path, tmp_path: Path, capsys) -> None:
    item = item_env
    out = tmp_path / "plan"
    code = main(["solve", str(scenario_path(item)), "--out", str(out), "--quiet"])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    if expected(item):
        assert code == 2 and err.splitlines() == expected(item)
        assert not out.exists(), "nothing may be written for bad input"
        assert sorted(p.name for p in tmp_path.iterdir()) == []
    else:
        assert code == 0
        assert sorted(p.name for p in out.iterdir()) == sorted([*PLAN_FILES, MANIFEST])
        scenario = allocation.load_scenario(scenario_path(item))
        assert allocation.verify(scenario, allocation.read_plan(out)) == []
        assert runnable_or_hidden(out) == [], "a cell a spreadsheet would run, or a hidden character"


def runnable_or_hidden(folder: Path) -> list[str]:
    """CSV cells of the plan that a spreadsheet would run, or that hold control or invisible characters."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row_no, row in enumerate(csv.reader(f)):
                for cell in row:
                    runnable = cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)
                    hidden = any(unicodedata.category(c) in ("Cc", "Cf") for c in cell)
                    if runnable or hidden:
                        found.append(f"{path.name}:{row_no}: {cell!r}")
    return found


def upload_files(source: Path) -> list[tuple[str, bytes]]:
    """What a browser can send of an item: regular files, by name (no links, pipes or folders)."""
    if source.is_file():
        return [(source.name, source.read_bytes())]
    return [
        (p.name, p.read_bytes())
        for p in sorted(source.iterdir())
        if p.name not in ("expected.txt", "expected_upload.txt", "env", "make_fifo")
        and p.is_file()
        and not p.is_symlink()
    ]


@pytest.mark.parametrize("item_env", ITEMS, ids=lambda p: p.name, indirect=True)
def test_upload(item_env: Path, tmp_path: Path) -> None:
    """As the app stages an upload (stage_upload: names as uploaded), then load_scenario.

    An item a browser cannot send as it is (a link, a pipe) has its own expected_upload.txt.
    """
    item = item_env
    staged = stage_upload(upload_files(scenario_path(item)), tmp_path)
    own = item / "expected_upload.txt"
    wanted = own.read_text(encoding="utf-8").splitlines() if own.is_file() else expected(item)
    try:
        allocation.load_scenario(staged)
    except ScenarioError as err:
        lines = [str(p) for p in sort_problems(err.problems)]
        assert lines == wanted
    else:
        assert wanted == []


def test_the_size_limit_is_read_from_the_environment(monkeypatch) -> None:
    from allocation.io.limits import max_input_bytes

    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    assert max_input_bytes() == 200_000_000
    monkeypatch.setenv(MAX_INPUT_ENV, "0.5")
    assert max_input_bytes() == 500_000
    monkeypatch.setenv(MAX_INPUT_ENV, "lots")
    assert max_input_bytes() == 200_000_000


CODE = [Path(__file__).parent.parent / "src"]  # the app is src/allocation/app
UNSAFE = re.compile(
    r"\bimport (c?pickle|dill|marshal|shelve)\b|\bfrom (c?pickle|dill|marshal|shelve)\b"
    r"|\bpickle\.|read_pickle|to_pickle|(?<![\w.])eval\(|(?<![\w.])exec\(|data_only\s*=\s*True"
)


def test_no_pickle_eval_or_formula_evaluation_anywhere_in_the_code() -> None:
    found = [
        f"{path}:{no}: {line.strip()}"
        for root in CODE
        for path in sorted(root.rglob("*.py"))
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if UNSAFE.search(line)
    ]
    assert found == []
    assert (
        UNSAFE.search("pickle.loads(x)") and UNSAFE.search("eval(text)") and UNSAFE.search("data_only=True")
    )


def test_solve_output_names_no_person_or_household(tmp_path: Path, capsys) -> None:
    """Privacy: what the CLI prints while solving is counts, not people."""
    scenario = allocation.load_scenario("data/example")
    assert main(["solve", "data/example", "--out", str(tmp_path / "plan")]) == 0
    out, err = capsys.readouterr()
    words = set(re.findall(r"[\w-]+", out + err))
    assert not words & {p.id for p in scenario.persons}
    assert not words & {h.id for h in scenario.households}


# Bombs: refused (or read) within 1 GB of memory and 30 seconds, measured in a child process.

MEASURED = r"""
import json, resource, subprocess, sys, time
started = time.monotonic()
run = subprocess.run([sys.executable, "-c", sys.argv[1], *sys.argv[2:]], capture_output=True, text=True)
print(json.dumps({
    "seconds": time.monotonic() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "code": run.returncode,
    "stderr": run.stderr,
}))
"""
VALIDATE = "import sys; from allocation.cli import main; sys.exit(main(['validate', sys.argv[1]]))"
UPLOAD = r"""
import sys, tempfile
from pathlib import Path
from allocation.errors import ScenarioError
from allocation.io import load_scenario
from allocation.io.upload import stage_upload
from allocation.io.validate import sort_problems
source = Path(sys.argv[1])
files = [(source.name, source.read_bytes())] if source.is_file() else [
    (p.name, p.read_bytes()) for p in sorted(source.iterdir()) if p.suffix == ".csv"
]
with tempfile.TemporaryDirectory() as tmp:
    try:
        load_scenario(stage_upload(files, Path(tmp)))
    except ScenarioError as err:
        print("\n".join(str(p) for p in sort_problems(err.problems)), file=sys.stderr)
        sys.exit(2)
"""


def measured(code: str, *args: str) -> dict:
    """Run `code` in a grandchild; its peak RSS (RUSAGE_CHILDREN of the child that waited for it)."""
    import json

    src = str(Path(__file__).parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", ["validate", "upload"])
@pytest.mark.parametrize("name", ["shared_string_bomb_xlsx", "styles_bomb_xlsx", "many_bad_rows_xlsx"])
def test_a_workbook_bomb_is_refused_within_1_gb_and_30_seconds(name: str, path: str) -> None:
    item = HOSTILE / name
    found = measured(VALIDATE if path == "validate" else UPLOAD, str(scenario_path(item)))
    assert found["code"] == 2 and "Traceback" not in found["stderr"]
    assert found["stderr"].splitlines() == expected(item)
    assert found["peak_mb"] < 1024 and found["seconds"] < 30, found


def test_the_shared_string_bomb_is_small_and_would_expand_to_gigabytes() -> None:
    import zipfile

    book = scenario_path(HOSTILE / "shared_string_bomb_xlsx")
    assert book.stat().st_size < 250_000
    with zipfile.ZipFile(book) as archive:
        strings = archive.read("xl/sharedStrings.xml")
        sheet = archive.read("xl/worksheets/sheet4.xml")
    assert strings.count(b"X") == 100_000 and sheet.count(b'<c t="s"><v>0</v></c>') == 100_000


@pytest.mark.parametrize("path", ["validate", "upload"])
def test_50_mb_of_blank_lines_cost_nothing(tmp_path: Path, path: str) -> None:
    folder = tmp_path / "scenario"
    shutil.copytree(Path(__file__).parent / "broken" / "_base", folder)
    text = (folder / "persons.csv").read_text(encoding="utf-8")
    header, _, rows = text.partition("\n")
    (folder / "persons.csv").write_text(header + "\n" + "\n" * 50_000_000 + rows, encoding="utf-8")
    found = measured(VALIDATE if path == "validate" else UPLOAD, str(folder))
    assert found["code"] == 0, found["stderr"]
    assert found["peak_mb"] < 1024 and found["seconds"] < 30, found
