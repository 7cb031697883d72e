"""Nothing of a planner's lost or exposed, in a real browser: kept edits, names as text, solvers that end.

The app runs as `allocation app` runs it (`streamlit run`, 127.0.0.1, no usage statistics) against a
scenario database in tmp_path; Debian's chromium drives it.
"""

from __future__ import annotations

import csv
import http.server
import io
import os
import signal
import threading
import time
import zipfile
from typing import ClassVar

import psutil
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import allocation
from allocation.generate import generate
from allocation.store import ScenarioStore
from app_fixtures import EXAMPLE, tiny_plan, tiny_scenario
from test_browser import CHROMIUM, CHROMIUM_ARGS, AppServer, _download, _idle, _nav, _open

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture
def app(tmp_path):
    """The app on the bundled example, with its own scenario database."""
    started = AppServer(tmp_path / "scenarios.db", tmp_path / "streamlit.log").start()
    yield started
    started.stop()


@pytest.fixture
def chromium():
    """Debian's chromium through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _wait_cell(page, col: int, row: int, text: str, timeout: float = 30_000) -> None:
    """Wait until one cell of the first data editor (its accessible table) shows TEXT."""
    page.wait_for_function(
        f"(() => {{ const c = document.querySelector(\"[data-testid='glide-cell-{col}-{row}']\");"
        f" return c && c.textContent === {text!r}; }})()",
        timeout=timeout,
    )


GRIDS_MARKED = """() => document.querySelectorAll("[data-testid='stDataFrameResizable']")
    .forEach(grid => { grid.dataset.testBefore = "1"; })"""
"""Marks every data editor on the page; an editor the server builds afresh comes without the mark."""


def _server_has_cell(page, col: int, row: int, text: str, timeout: float) -> None:
    """Wait until the server holds TEXT in one cell of the first data editor.

    What the grid shows after Enter is only what was typed; the app builds every editor afresh (a new
    widget key) once it took an edit, so an editor without the GRIDS_MARKED mark shows the server's
    table. The script state alone cannot tell: it reads idle until the server starts the rerun the edit
    asked for, and a text such as "U hebt de gegevens aangepast" may stand from an earlier edit.
    """
    page.wait_for_function(
        f"""(() => {{
            const grids = [...document.querySelectorAll("[data-testid='stDataFrameResizable']")];
            const cell = document.querySelector("[data-testid='glide-cell-{col}-{row}']");
            return grids.length > 0 && grids.every(g => !g.dataset.testBefore)
                && cell !== null && cell.textContent === {text!r};
        }})()""",
        timeout=timeout,
    )


def _cell_text(page, col: int, row: int) -> str | None:
    """The text of one cell of the first data editor (its accessible table)."""
    return page.evaluate(
        f"document.querySelector(\"[data-testid='glide-cell-{col}-{row}']\")?.textContent ?? null"
    )


EDITING = """(old) => {
    const field = document.activeElement;
    return field !== null && ["TEXTAREA", "INPUT"].includes(field.tagName) && field.value === old;
}"""
"""The grid's cell editor is open on the cell that holds OLD (not on a neighbour)."""


def _edit_quota_of_first_municipality(page, value: str) -> None:
    """Select the first row's name cell, step right to the quota, open its editor, type, Enter; done
    once the server holds the new value (then the app is idle).

    Typing on a merely selected cell opens the editor with the first key as selected text, which the
    second key replaces (80 became 0), and a step right taken before the click's selection landed
    opens the neighbour: the editor is opened with Enter, and typed into only when it holds the
    quota's current text.
    """
    grid = page.get_by_test_id("stDataFrameResizable").first
    grid.wait_for()
    page.get_by_test_id("glide-cell-5-0").wait_for(state="attached")  # marker, row number, code, name, region
    for _ in range(5):  # the grid takes clicks only once it is drawn; a busy machine is slow
        _idle(page)
        old = _cell_text(page, 5, 0)
        page.evaluate(GRIDS_MARKED)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 260, box["y"] + 35 + 17)  # row 1, the name column
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # region, then quota
        page.keyboard.press("Enter")  # open the cell's editor
        try:
            page.wait_for_function(EDITING, arg=old, timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")  # another cell, or none: nothing typed, try again
            continue
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(value, delay=30)
        page.keyboard.press("Enter")
        try:
            _server_has_cell(page, 5, 0, value, timeout=15_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        _idle(page)
        return
    raise AssertionError(f"could not type {value} into the quota cell")


def test_an_edit_is_kept_across_pages_used_by_the_solve_and_saved(app, chromium):
    example = allocation.load_scenario(EXAMPLE)
    first = example.municipalities[0]
    assert first.quota != 80
    page = _open(chromium, app.url)
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    _wait_cell(page, 5, 0, str(first.quota))
    _edit_quota_of_first_municipality(page, "80")
    page.get_by_text("U hebt de gegevens aangepast").wait_for()

    _nav(page, "Oplossen")
    page.get_by_role("button", name="Start berekening").click()
    page.get_by_text("Klaar:").or_(page.get_by_text("De berekening is mislukt")).wait_for(timeout=120_000)
    assert page.get_by_text("Klaar:").count() == 1

    _nav(page, "Gegevens")  # back: the edit is still there, not the opened 75
    _wait_cell(page, 5, 0, "80")
    page.get_by_text("U hebt de gegevens aangepast").wait_for()

    _nav(page, "Resultaat")  # the plan used it
    page.get_by_text("Personen gehuisvest").first.wait_for()
    with zipfile.ZipFile(io.BytesIO(_download(page, "Plan downloaden (CSV, zip)"))) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("gemeenten.csv").decode())))
    line = next(r for r in rows if first.code in r.values())
    assert line["taakstelling"] == "80"

    _nav(page, "Scenario's")  # and a save after coming back holds it, with its plan
    _idle(page)
    page.get_by_label("Naam").fill("met 80")
    page.get_by_role("button", name="Scenario bewaren").click()
    page.get_by_text("Bewaard als 'met 80'.").wait_for()
    saved = ScenarioStore(str(app.db)).open("met 80")
    assert saved.scenario.municipality(first.code).quota == 80
    assert saved.plan is not None
    assert next(q for q in saved.plan.quota if q.code == first.code).quota == 80
    assert allocation.verify(saved.scenario, saved.plan) == []

    _nav(page, "Gegevens")  # saved: the saved table is the one open, a new edit can be discarded
    _wait_cell(page, 5, 0, "80")
    assert page.get_by_text("U hebt de gegevens aangepast").count() == 0
    _edit_quota_of_first_municipality(page, "90")
    _idle(page)
    page.get_by_role("button", name="Aanpassingen ongedaan maken").click()
    _wait_cell(page, 5, 0, "80")
    _idle(page)
    assert page.get_by_text("U hebt de gegevens aangepast").count() == 0


class _Counter(http.server.BaseHTTPRequestHandler):
    """Counts every request that reaches the test's little server."""

    hits: ClassVar[list[str]] = []

    def do_GET(self):
        _Counter.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_scenario_names_are_shown_as_text_and_fetch_nothing(app, chromium):
    listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    _Counter.hits = []
    port = listener.server_address[1]
    image = f"<img src=http://127.0.0.1:{port}/x>"
    markdown = f"![foto](http://127.0.0.1:{port}/y) **vet**"
    store = ScenarioStore(str(app.db))
    store.save(image, tiny_scenario(), tiny_plan())
    store.save(markdown, tiny_scenario(600.0), tiny_plan())
    try:
        page = _open(chromium, app.url)
        page.get_by_test_id("stSidebar").get_by_text("Eén gebruiker, zonder aanmelding").wait_for()
        _nav(page, "Scenario's")
        _idle(page)
        page.get_by_test_id("stSelectbox").filter(has_text="Scenario").first.click()
        page.get_by_role("option", name=image).click()
        _idle(page)
        page.get_by_role("button", name="Openen").click()
        page.get_by_text(f"'{image}' is geopend.", exact=True).wait_for()
        page.get_by_test_id("stSidebar").get_by_text(f"Scenario: {image}", exact=True).wait_for()
        page.get_by_text(f"nieuw geteld in {image} min {markdown})", exact=False).wait_for()
        time.sleep(1.0)
        assert page.locator(f"img[src*='{port}']").count() == 0
        assert page.locator("strong", has_text="vet").count() == 0
        assert _Counter.hits == []
    finally:
        listener.shutdown()


def test_an_upload_file_name_is_shown_as_text(app, chromium, tmp_path):
    named = tmp_path / "**vet** _schuin_ [link](javascript:alert(1)) <b>x<b>.xlsx"
    allocation.write_scenario(allocation.load_scenario(EXAMPLE), named)
    page = _open(chromium, app.url)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(named))
    _idle(page)
    page.get_by_role("button", name="Bestanden openen").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(f"Scenario: {named.name}", exact=True).wait_for()
    caption = sidebar.get_by_test_id("stCaptionContainer").filter(has_text="Scenario:")
    assert caption.count() == 1
    assert caption.locator("strong, em, a, b").count() == 0


def _solver_of(app_server: AppServer, timeout: float = 30) -> psutil.Process:
    """The solver process the app started: forked by its fork server (a child of a process that
    runs multiprocessing's forkserver, with its command line), or spawned where there is none."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for child in psutil.Process(app_server.process.pid).children(recursive=True):
            try:
                command = " ".join(child.cmdline())
                parent = child.parent()
                forked = parent is not None and "forkserver" in " ".join(parent.cmdline())
                if "spawn_main" in command or ("forkserver" in command and forked):
                    return child
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.2)
    raise AssertionError("no solver process was started")


def _ends_within(process: psutil.Process, seconds: float) -> bool:
    """Whether the process is gone (or a zombie nobody reaped yet) within SECONDS."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def big_server(tmp_path):
    """The app opened on a region large enough that its solve runs for a while."""
    folder = tmp_path / "groot"
    allocation.write_scenario(
        generate(households=3000, dwellings=3000, municipalities=40, regions=4, seed=3), folder
    )
    app = AppServer(tmp_path / "s.db", tmp_path / "app.log", env={"ALLOCATION_APP_SCENARIO": str(folder)})
    app.start()
    yield app
    app.stop()


def _start_long_solve(page) -> None:
    """CP-SAT on 3000 households: it runs for far longer than the test waits."""
    _nav(page, "Oplossen")
    page.get_by_test_id("stSelectbox").filter(has_text="Rekenmethode").click()
    page.get_by_role("option", name="Optimaal, CP-SAT", exact=True).click()
    _idle(page)
    page.get_by_role("button", name="Start berekening").click()
    page.get_by_text("De berekening loopt op de achtergrond").wait_for()


def test_closing_the_tab_ends_its_solver_within_5_seconds(big_server, chromium):
    page = _open(chromium, big_server.url)
    _start_long_solve(page)
    solver = _solver_of(big_server)
    assert not _ends_within(solver, 1.0)  # it is solving
    page.close()
    assert _ends_within(solver, 5.0), "the solver outlived its closed tab by 5 s"
    assert big_server.process.poll() is None  # the server serves on


def test_killing_the_server_ends_its_solver_within_5_seconds(big_server, chromium):
    page = _open(chromium, big_server.url)
    _start_long_solve(page)
    solver = _solver_of(big_server)
    assert not _ends_within(solver, 1.0)
    os.kill(big_server.process.pid, signal.SIGKILL)
    big_server.process.wait(timeout=10)
    assert _ends_within(solver, 5.0), "the solver outlived the killed server by 5 s"


def test_stopping_the_server_ends_its_solver_within_5_seconds(big_server, chromium):
    page = _open(chromium, big_server.url)
    _start_long_solve(page)
    solver = _solver_of(big_server)
    assert not _ends_within(solver, 1.0)
    big_server.process.send_signal(signal.SIGTERM)  # Ctrl-C or a service manager's stop
    big_server.process.wait(timeout=20)
    assert _ends_within(solver, 5.0), "the solver outlived the stopped server by 5 s"
