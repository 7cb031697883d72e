"""The Prognose page in a real browser on the bundled example: the arrival chart and the school places."""

from __future__ import annotations

import pytest

from test_browser import ARTIFACTS, CHROMIUM, _idle, _nav, _open, browser, server  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


def test_prognose_shows_the_arrival_chart_and_the_school_places(server, browser):  # noqa: F811
    page = _open(browser, server.url)
    _nav(page, "Prognose")
    _idle(page)
    page.get_by_role("heading", name="Aankomsten per maand").wait_for()
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.locator("canvas, svg").first.wait_for()
    assert chart.bounding_box()["height"] > 200
    page.get_by_role("heading", name="Schoolplaatsen").wait_for()
    page.get_by_text("Q12: kinderen van 4 tot en met 11 jaar").wait_for()
    tables = page.get_by_test_id("stDataFrame")
    tables.first.wait_for()
    assert tables.count() == 2  # school places and deadlines
    page.get_by_text("Huishoudens verwacht").wait_for()
    page.get_by_role("button", name="Agenda downloaden (.ics)").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Agenda downloaden (.ics)").click()
    assert info.value.path().read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")

    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.get_by_role("heading", name="Prognose", exact=True, level=1).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "forecast-page.png"))
