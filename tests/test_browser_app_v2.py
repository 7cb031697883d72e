"""The planner app v2 in a real browser, in Dutch: bad files fixed in place, pins by picker, confirmations,
family and home views, Dutch downloads, and every page photographed under test-artifacts/.

The app runs as `allocation app` runs it (127.0.0.1, no usage statistics) against a database in tmp_path.
"""

from __future__ import annotations

import io
import re
import time
from datetime import date

import icalendar
import openpyxl
import pytest
from playwright.sync_api import expect

import allocation
from allocation.generate import generate, generate_family
from app_fixtures import EXAMPLE
from test_browser import ARTIFACTS, CHROMIUM, AppServer, _download, _idle, _nav, _open, browser  # noqa: F401

PLANNING_DATE = date(2026, 12, 1)
"""The example is planned with time (as `allocation solve` plans it) on this day, whatever today is."""


@pytest.fixture
def server(tmp_path):
    """The app opening the example with a planning date in its policy (so its plan is the same any day)."""
    example = allocation.load_scenario(EXAMPLE)
    policy = example.policy.model_copy(update={"planning_date": PLANNING_DATE})
    folder = tmp_path / "voorbeeld"
    allocation.write_scenario(example.model_copy(update={"policy": policy}), folder)
    env = {"ALLOCATION_APP_SCENARIO": str(folder)}
    app = AppServer(tmp_path / "scenarios.db", tmp_path / "streamlit.log", env=env).start()
    yield app
    app.stop()


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


def _shot(page, name: str) -> None:
    """A screenshot of the whole page (the app scrolls inside its own container, so make it tall)."""
    ARTIFACTS.mkdir(exist_ok=True)
    _idle(page)
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.wait_for_timeout(1200)  # the grids and charts draw again at the new size
    _idle(page)
    page.screenshot(path=str(ARTIFACTS / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def _grid(page, n: int = 0):
    """The N-th visible table."""
    return page.locator("[data-testid='stDataFrameResizable']:visible").nth(n)


def _editor(page):
    """The data editor of the open tab on Gegevens."""
    return page.get_by_role("tabpanel").locator("[data-testid='stDataFrameResizable']:visible").first


def _type_in_row(page, row: int, rights: int, value: str, then: str) -> None:
    """Select row ROW's problem mark cell of the visible editor, step RIGHTS cells right, type VALUE;
    done when the text THEN shows (the server took the edit)."""
    for _ in range(5):  # the grid takes clicks only once it is drawn; a busy machine is slow
        _idle(page)
        grid = _editor(page)
        grid.wait_for()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 120, box["y"] + 35 + 17 + 35 * row)
        page.wait_for_timeout(300)  # the grid takes the keyboard once the click selected the cell
        for _ in range(rights):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(50)
        page.keyboard.type(value, delay=30)
        page.keyboard.press("Enter")
        try:
            page.get_by_text(then).first.wait_for(timeout=8_000)
            _idle(page)
            return
        except Exception:
            page.keyboard.press("Escape")
    _shot(page, "failed-edit.png")
    raise AssertionError(f"could not type {value} in row {row}")


def _cell_with(page, text: str):
    """An accessible grid cell (the text behind the canvas) that contains TEXT."""
    return page.locator("[data-testid^='glide-cell-']").filter(has_text=text).first


def _pick(page, label: str, text: str) -> None:
    """Choose the option containing TEXT in the select box labelled LABEL; done when the box shows it.

    The box is found by its own label (not by any text inside it: a chosen option may contain another
    box's label), it has the focus before anything is typed, and its list is closed after the choice.
    """
    _idle(page)
    box = page.get_by_test_id("stSelectbox").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    )
    field = box.get_by_role("combobox")
    field.click()
    expect(field).to_be_focused()  # typed text goes to this box, not to whatever had the focus
    page.keyboard.type(text, delay=20)
    listbox = page.get_by_role("listbox")
    listbox.get_by_role("option").filter(has_text=text).first.click()
    listbox.wait_for(state="detached")
    expect(field).to_have_value(re.compile(re.escape(text)))  # the box shows the choice
    _idle(page)


def _solve(page) -> None:
    _nav(page, "Oplossen")
    _idle(page)
    page.get_by_role("button", name="Start berekening").click()
    page.get_by_text("Klaar:").or_(page.get_by_text("De berekening is mislukt")).wait_for(timeout=120_000)
    assert page.get_by_text("Klaar:").count() == 1, page.get_by_test_id("stAlert").all_inner_texts()


@pytest.fixture
def bad_workbook(tmp_path):
    """A small region's workbook without the quota column and with a date that does not exist."""
    scenario = generate(households=6, dwellings=8, municipalities=2, regions=1, seed=3)
    path = tmp_path / "regio-met-fouten.xlsx"
    allocation.write_scenario(scenario, path)
    book = openpyxl.load_workbook(path)
    sheet = book["municipalities"]
    header = [c.value for c in sheet[1]]
    sheet.delete_cols(header.index("quota") + 1)
    households = book["households"]
    header = [c.value for c in households[1]]
    households.cell(row=2, column=header.index("arrival") + 1, value="31-02-2026")
    book.save(path)
    return path


def test_a_bad_workbook_opens_marked_is_fixed_in_place_and_solves(server, browser, bad_workbook):  # noqa: F811
    page = _open(browser, server.url)
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(bad_workbook))
    page.get_by_role("button", name="Bestanden openen").click()
    page.get_by_text("problemen in de gegevens").wait_for()
    assert page.get_by_text("De gegevens zijn in orde.").count() == 0
    assert page.get_by_test_id("stFileUploaderFile").count() == 0  # the box is empty for the next file
    page.get_by_text("Scenario: regio-met-fouten.xlsx").wait_for()
    # the missing column is named above the tables, and every cell it leaves empty is marked
    _cell_with(page, "verplichte kolom ontbreekt").wait_for(state="attached")
    _cell_with(page, "⚠ taakstelling: geen waarde; deze kolom is verplicht").wait_for(state="attached")
    page.get_by_role("tab", name="Huishoudens").click()
    _cell_with(page, "⚠ aankomst: '31-02-2026' is geen datum").wait_for(state="attached")
    _shot(page, "data-page-problems.png")

    _nav(page, "Oplossen")
    assert page.get_by_role("button", name="Start berekening").is_disabled()
    page.get_by_text("Er kan nog niet gerekend worden").wait_for()

    _nav(page, "Gegevens")
    page.get_by_role("tab", name="Huishoudens").click()
    # from the mark: id, gemeente, huidige woning, aankomst
    _type_in_row(page, 0, 4, "2026-03-01", then="2 problemen in de gegevens")
    page.get_by_role("tab", name="Gemeenten").click()
    # from the mark: code, naam, regio, taakstelling
    _type_in_row(page, 0, 4, "5", then="1 probleem in de gegevens")
    _type_in_row(page, 1, 4, "4", then="De gegevens zijn in orde.")

    _solve(page)
    _nav(page, "Resultaat")
    page.get_by_text("Personen gehuisvest").first.wait_for()


def _example_solved(page) -> None:
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    _solve(page)


def test_pin_by_the_pickers_solves_again_and_says_what_changed(server, browser):  # noqa: F811
    example = allocation.load_scenario(EXAMPLE)
    page = _open(browser, server.url)
    _example_solved(page)
    _nav(page, "Resultaat")
    page.get_by_role("heading", name="Toewijzingen vastzetten").wait_for()
    _pick(page, "Huishouden", "H007")  # housed in D091; D097, which the plan leaves empty, fits it too
    page.get_by_text("Huishouden H007 heeft in dit plan: D091.").wait_for()  # the server has the pick
    _pick(page, "Woning", "D097")
    page.get_by_text("Woning D097 gaat in dit plan naar: niemand (vrij).").wait_for()
    _idle(page)  # the hand-pick section's own button (the pin list above has one of the same name)
    section = page.locator(".st-key-pin_hand_button")
    section.get_by_role("button", name="Vastzetten en opnieuw berekenen").click()
    page.get_by_role("heading", name="Oplossen", exact=True, level=1).wait_for()
    page.get_by_text("Klaar:").wait_for(timeout=120_000)
    _nav(page, "Resultaat")
    page.get_by_role("heading", name="Wat is er veranderd").wait_for()
    _shot(page, "result-page-changes.png")
    _cell_with(page, "vastgezet door de planner op D097").wait_for(state="attached")
    assert example.household("H007").pinned_dwelling is None  # the file is untouched; the session has the pin
    _shot(page, "result-page-changes.png")

    _nav(page, "Gegevens")  # the pin is an edit of the households table, kept like any other
    page.get_by_text("U hebt de gegevens aangepast").wait_for()


def _pick_many(page, label: str, text: str) -> None:
    """Add the option containing TEXT to the multi-select box whose label starts with LABEL."""
    _idle(page)
    box = page.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label)
    )
    field = box.get_by_role("combobox")
    field.click()
    expect(field).to_be_focused()
    page.keyboard.type(text, delay=20)
    page.get_by_role("listbox").get_by_role("option").filter(has_text=text).first.click()
    page.keyboard.press("Escape")
    _idle(page)


def test_a_family_marked_announced_keeps_its_home_when_solved_again_and_next_week(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    _example_solved(page)
    _nav(page, "Resultaat")
    page.get_by_role("heading", name="Aangekondigd en verhuisd").wait_for()
    _pick_many(page, "Aangekondigd:", "H007")  # housed in D091
    page.get_by_text("1 aangekondigd, 0 verhuisd; opnieuw berekenen houdt ze waar ze zijn.").wait_for()
    _cell_with(page, "aangekondigd").wait_for(state="attached")  # the table's status column says it
    page.get_by_role("button", name="Opnieuw berekenen", exact=True).click()
    page.get_by_role("heading", name="Oplossen", exact=True, level=1).wait_for()
    page.get_by_text("Klaar:").wait_for(timeout=120_000)
    _nav(page, "Resultaat")
    page.get_by_role("heading", name="Wat is er veranderd").wait_for()
    # still in D091, so still marked; the mark is the planner's, the data files are untouched
    page.get_by_text("1 aangekondigd, 0 verhuisd; opnieuw berekenen houdt ze waar ze zijn.").wait_for()
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Aangekondigd:")
    expect(box).to_contain_text("H007 → D091")
    _shot(page, "result-page-marks.png")

    # saved with its marks; next week a new session re-plans against it
    _nav(page, "Scenario's")
    _idle(page)
    page.get_by_label("Naam").fill("week 49")
    page.get_by_role("button", name="Scenario bewaren").click()
    page.get_by_text("Bewaard als 'week 49'.").wait_for()
    later = _open(browser, server.url)
    _nav(later, "Oplossen")
    _pick(later, "Opnieuw plannen ten opzichte van", "week 49")
    _shot(later, "solve-page-previous.png")
    later.get_by_role("button", name="Start berekening").click()
    later.get_by_text("Klaar:").wait_for(timeout=120_000)
    _nav(later, "Resultaat")
    later.get_by_text("1 aangekondigd, 0 verhuisd; opnieuw berekenen houdt ze waar ze zijn.").wait_for()
    later.get_by_role("heading", name="Wat is er veranderd").wait_for()


def test_delete_and_overwrite_ask_first(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    _nav(page, "Scenario's")
    _idle(page)
    page.get_by_label("Naam").fill("voorjaar")
    page.get_by_role("button", name="Scenario bewaren").click()
    page.get_by_text("Bewaard als 'voorjaar'.").wait_for()
    _idle(page)
    page.get_by_label("Naam").fill("voorjaar")
    page.get_by_role("button", name="Scenario bewaren").click()
    asked = page.get_by_text("Er is al een scenario 'voorjaar'. Wilt u het overschrijven?")
    asked.wait_for()
    page.get_by_role("button", name="Annuleren", exact=True).click()
    asked.wait_for(state="detached")
    _idle(page)
    assert page.get_by_text("Bewaard als").count() == 0

    page.get_by_role("button", name="Verwijderen", exact=True).click()
    asked = page.get_by_text("Scenario 'voorjaar' definitief verwijderen?")
    asked.wait_for()
    _shot(page, "scenarios-page-confirm.png")
    page.get_by_role("button", name="Annuleren", exact=True).click()
    asked.wait_for(state="detached")
    assert page.get_by_text("is verwijderd").count() == 0
    _idle(page)
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.get_by_text("'voorjaar' is verwijderd.").wait_for()


def test_family_and_home_views_of_one_household(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    _example_solved(page)
    _nav(page, "Gezin")
    _pick(page, "Huishouden", "H087")
    page.get_by_text("TVS-stap: aanvraag ingediend, bereikt op").wait_for()  # the step whole, with its date
    _pick(page, "Huishouden", "H075")  # left out of the example's plan: no home free in time
    page.get_by_text("Nu:").first.wait_for()
    page.get_by_text("Geen woning in dit plan. Reden:").wait_for()
    page.get_by_text("geen op tijd vrij").wait_for()
    page.get_by_role("heading", name="Gezinsleden").wait_for()
    _cell_with(page, "P0316").wait_for(state="attached")
    page.get_by_role("heading", name="Woningen die het hele gezin zouden passen").wait_for()
    _cell_with(page, "gaat naar huishouden H039").wait_for(state="attached")
    _shot(page, "family-page.png")

    _nav(page, "Woning")
    _pick(page, "Woning", "D006")  # H075 ranks first among the families that would fit it
    page.get_by_role("heading", name="Bewoners in het plan").wait_for()
    page.get_by_text("Soort: zelfstandig").wait_for()
    page.get_by_text("€ 749,00").wait_for()  # the rent as a Dutch planner writes it
    page.get_by_text("Huishouden H001: 7 personen").wait_for()
    page.get_by_role("heading", name="Gezinnen die erin zouden passen").wait_for()
    _cell_with(page, "H075").wait_for(state="attached")
    _cell_with(page, "niet gehuisvest").wait_for(state="attached")
    _shot(page, "home-page.png")


def test_plan_workbook_and_calendar_are_dutch(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    _example_solved(page)
    _nav(page, "Resultaat")
    page.get_by_text("Personen gehuisvest").first.wait_for()
    book = openpyxl.load_workbook(io.BytesIO(_download(page, "Plan downloaden (.xlsx)")), read_only=True)
    assert book.sheetnames == ["Toewijzingen", "Niet gehuisvest", "Gemeenten", "Samenvatting"]
    rows = list(book["Toewijzingen"].iter_rows(values_only=True))
    assert rows[0][:4] == ("huishouden", "woning", "gemeente", "gemeentenaam")
    assert all(r[3] for r in rows[1:])  # a name beside every code
    left = list(book["Niet gehuisvest"].iter_rows(values_only=True))
    assert left[0] == ("huishouden", "personen", "redencode", "reden")
    assert any("passende woning" in r[3] for r in left[1:]), left[1]
    _shot(page, "result-page.png")

    _nav(page, "Prognose")
    page.get_by_role("heading", name="Aankomsten per maand").wait_for()
    calendar = icalendar.Calendar.from_ical(_download(page, "Agenda downloaden (.ics)"))
    events = list(calendar.walk("VEVENT"))
    assert events
    titles = {str(e["SUMMARY"]).split(":")[0] for e in events}
    assert titles <= {
        "Verwachte aankomst",
        "Afspraak IND uiterlijk",
        "Intake huisarts uiterlijk",
        "Telt mee voor de taakstelling zodra gehuisvest",
    }, titles
    assert all("huishouden" in str(e["SUMMARY"]) and "personen" in str(e["SUMMARY"]) for e in events)
    assert all("Gemeente " in str(e["DESCRIPTION"]) for e in events)
    assert any("(plan: " in str(e["DESCRIPTION"]) for e in events)  # quota day from the plan
    _shot(page, "forecast-page.png")


UPLOADER_TEXTS = """() => [
    "[data-testid='stFileUploaderDropzone'] [data-testid='stBaseButton-secondary'] p",
    "[data-testid='stFileUploaderDropzoneInstructions'] span",
].map(q => document.querySelector(q)).map(e => [
    getComputedStyle(e).fontSize, getComputedStyle(e, "::after").content, e.textContent])"""
"""Per text of Streamlit's own in the uploader: its size, what shows after it, its own words."""
UPLOADER_REPLACED = """() => {
    const e = document.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span");
    return e ? getComputedStyle(e, "::after").content !== "none" : null;
}"""
"""Whether the language's text stands in for Streamlit's (null while the uploader is not drawn)."""


def test_the_uploader_says_its_button_and_limit_in_dutch(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInstructions").wait_for()
    page.wait_for_function(f"({UPLOADER_REPLACED})() === true")  # the style arrives after the box
    (button, limit) = page.evaluate(UPLOADER_TEXTS)
    # Streamlit's English is there but shows in no size; the Dutch shows in its place
    assert button == ["0px", '"Bestanden kiezen"', "Upload"], button
    assert limit == ["0px", '"Tot 20 MB per bestand • XLSX, CSV, TOML"', "20MB per file • XLSX, CSV, TOML"]
    page.get_by_test_id("stFileUploader").screenshot(path=str(ARTIFACTS / "uploader.png"))
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").get_by_role("combobox").click()
    page.get_by_role("option", name="English").click()
    page.get_by_role("heading", name="Data", exact=True, level=1).wait_for()
    page.get_by_text("The data is valid.").wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInstructions").wait_for()
    page.wait_for_function(f"({UPLOADER_REPLACED})() === false")
    (button, limit) = page.evaluate(UPLOADER_TEXTS)
    assert button[0] == "14px" and button[1] == "none"  # in English Streamlit's own words
    assert limit[2] == "20MB per file • XLSX, CSV, TOML"


def test_screenshots_of_the_other_pages_in_dutch(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    _shot(page, "data-page.png")
    page.get_by_role("tab", name="Huishoudens").click()
    _editor(page).wait_for()
    _shot(page, "data-page-households.png")
    for title, name in (("Regels", "rules-page.png"), ("Oplossen", "solve-page.png")):
        _nav(page, title)
        _shot(page, name)
    _nav(page, "Scenario's")
    _shot(page, "scenarios-page.png")


def test_two_thousand_households_upload_and_solve_times(server, browser, tmp_path):  # noqa: F811
    region = generate_family("regional", 2000, seed=1)  # as `allocation generate --family regional`
    path = tmp_path / "regio-2000.xlsx"
    allocation.write_scenario(region, path)
    page = _open(browser, server.url)
    page.get_by_text("De gegevens zijn in orde.").wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    _idle(page)
    start = time.perf_counter()
    page.get_by_role("button", name="Bestanden openen").click()
    page.get_by_text("Scenario: regio-2000.xlsx").wait_for()
    _grid(page).wait_for()
    page.get_by_text("De gegevens zijn in orde.").or_(page.get_by_text("in de gegevens")).wait_for()
    upload = time.perf_counter() - start
    _nav(page, "Oplossen")
    _idle(page)
    start = time.perf_counter()
    page.get_by_role("button", name="Start berekening").click()
    page.get_by_text("Klaar:").or_(page.get_by_text("De berekening is mislukt")).wait_for(timeout=120_000)
    solved = time.perf_counter() - start
    page.get_by_role("link", name="Naar het resultaat").click()
    page.get_by_role("heading", name="Toewijzingen", exact=False).first.wait_for()
    _grid(page).wait_for()
    solve = time.perf_counter() - start
    print(
        f"browser, 2000 households: upload to editors ready {upload:.2f} s;"
        f" click-solve to result {solve:.2f} s (solve done after {solved:.2f} s)"
    )
    assert upload < 20 and solve < 60
