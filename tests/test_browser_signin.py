"""Sign-in and roles in a real browser, against a real OpenID Connect provider on loopback.

The provider is `oidc-provider-mock` (its authorize page lets the test choose the subject; the claims
of each subject are set through its /users API). The app gets it through `.streamlit/secrets.toml`
in its working directory, exactly as a deployment would, and signs in with Streamlit's st.login.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from allocation.access import Access
from allocation.store import ScenarioStore
from app_fixtures import tiny_plan, tiny_scenario
from test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT, AppServer, _idle, _nav

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

ANNA = "anna@twente.example"  # planner of Twente, role in her token
BERT = "bert@achterhoek.example"  # planner of Achterhoek, role in the store's roles table
CARLA = "carla@regio.example"  # coordinator, role in her token
NOBODY = "dirk@elders.example"  # signed in, but no role anywhere


def _in_region(region: str, rent_limit_small: float = 713.02):
    """The tiny scenario with its municipalities in REGION."""
    scenario = tiny_scenario(rent_limit_small)
    return scenario.model_copy(
        update={"municipalities": [m.model_copy(update={"region": region}) for m in scenario.municipalities]}
    )


@pytest.fixture
def provider():
    """A real OpenID Connect provider on loopback, with the test's users and their claims."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        url = f"http://localhost:{server.server_port}"
        claims = {
            ANNA: {"allocation_role": "planner", "allocation_regions": ["Twente"], "name": "Anna"},
            BERT: {"name": "Bert"},
            CARLA: {"allocation_role": "coordinator", "name": "Carla"},
            NOBODY: {"name": "Dirk"},
        }
        for sub, values in claims.items():
            request = urllib.request.Request(
                f"{url}/users/{urllib.parse.quote(sub)}",
                data=json.dumps({"email": sub, **values}).encode(),
                method="PUT",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 204
        yield url


@pytest.fixture
def app(tmp_path, provider):
    """The app with sign-in configured, a store holding one scenario of each region."""
    site = tmp_path / "site"
    (site / ".streamlit").mkdir(parents=True)
    server = AppServer(tmp_path / "scenarios.db", tmp_path / "streamlit.log", cwd=site)
    (site / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{server.port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-cookie-secret-for-the-test-only-0123456789"\n'
        'client_id = "allocation-app"\n'
        'client_secret = "allocation-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    store = ScenarioStore(str(server.db))
    store.save(
        "Twente voorjaar",
        _in_region("Twente"),
        tiny_plan(),
        access=Access(ANNA, "planner", frozenset({"Twente"})),
    )
    bert = Access(BERT, "planner", frozenset({"Achterhoek"}))
    store.save("Achterhoek najaar", _in_region("Achterhoek", 650.0), access=bert)
    store.set_role(BERT, "planner", regions="Achterhoek")
    store.close()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _sign_in(chromium, url: str, sub: str, lands_on: str = "Gegevens"):
    """A fresh browser (own cookies) signs in as SUB on the provider's authorize page."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(url)
    page.get_by_role("heading", name="Aanmelden", exact=True, level=1).wait_for()
    assert page.get_by_test_id("stSidebarNav").count() == 0  # nothing but the sign-in page
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.get_by_role("heading", name=lands_on, exact=True, level=1).wait_for()
    return page


def _listed(page) -> list[str]:
    """The options of the saved-scenario choice on the Scenario's page.

    A click that lands while the page is being drawn again opens nothing (seen in three full runs
    on a busy machine, never alone): then the choice is clicked again, three times at most.
    """
    _idle(page)
    # the choice labelled exactly "Scenario" (a substring match may find another page's choice)
    label = page.get_by_test_id("stWidgetLabel").get_by_text("Scenario", exact=True)
    choice = page.get_by_test_id("stSelectbox").filter(has=label).first
    options = page.get_by_role("option")
    for _ in range(3):
        choice.click()
        try:
            options.first.wait_for(timeout=WAIT / 3)  # the list opens a moment after the click
            break
        except PlaywrightTimeout:
            _idle(page)
    listed = options.all_inner_texts()
    page.keyboard.press("Escape")
    return listed


def test_a_planner_sees_only_their_region_and_a_coordinator_sees_the_audit_of_both(app, chromium):
    anna = _sign_in(chromium, app.url, ANNA)
    anna.get_by_text(f"Aangemeld als {ANNA} (planner: Twente)").wait_for()
    anna.get_by_text("Het startscenario bevat gemeenten buiten uw regio").wait_for()  # example: 2 regions
    assert anna.get_by_text("Almelo").count() == 0
    _nav(anna, "Scenario's")
    assert _listed(anna) == ["Twente voorjaar"]
    assert anna.get_by_text("Achterhoek najaar").count() == 0

    for name in ("Achterhoek najaar", "Bestaat niet"):  # by URL: the same answer, nothing revealed
        anna.goto(f"{app.url}/scenarios?scenario={urllib.parse.quote(name)}")
        anna.get_by_text(f"Er is geen scenario '{name}' dat u mag openen.").wait_for()
    assert anna.get_by_text("2 gemeenten").count() == 0
    anna.goto(f"{app.url}/scenarios?scenario={urllib.parse.quote('Twente voorjaar')}")
    anna.get_by_text("'Twente voorjaar' is geopend.").wait_for()
    anna.get_by_test_id("stSidebar").get_by_text("Scenario: Twente voorjaar").wait_for()
    assert anna.get_by_role("heading", name="Logboek").count() == 0  # planners get no audit log

    bert = _sign_in(chromium, app.url, BERT)  # role from the roles table
    bert.get_by_text(f"Aangemeld als {BERT} (planner: Achterhoek)").wait_for()
    _nav(bert, "Scenario's")
    assert _listed(bert) == ["Achterhoek najaar"]
    _idle(bert)
    bert.get_by_role("button", name="Openen").click()
    bert.get_by_text("'Achterhoek najaar' is geopend.").wait_for()

    carla = _sign_in(chromium, app.url, CARLA)
    carla.get_by_text(f"Aangemeld als {CARLA} (coördinator: alle regio's)").wait_for()
    _nav(carla, "Scenario's")
    assert sorted(_listed(carla)) == ["Achterhoek najaar", "Twente voorjaar"]
    carla.get_by_role("heading", name="Logboek").wait_for()
    audit = ScenarioStore(str(app.db)).audit_log()
    seen = {(e.user, e.action, e.scenario) for e in audit}
    assert {
        (ANNA, "save", "Twente voorjaar"),
        (ANNA, "load refused", "Achterhoek najaar"),
        (ANNA, "load refused", "Bestaat niet"),
        (ANNA, "load", "Twente voorjaar"),
        (BERT, "save", "Achterhoek najaar"),
        (BERT, "load", "Achterhoek najaar"),
    } <= seen
    table = carla.get_by_test_id("stDataFrame").last
    for user in (ANNA, BERT):
        table.get_by_text(user).first.wait_for(state="attached")
    table.get_by_text("load refused").first.wait_for(state="attached")


def test_a_signed_in_user_without_a_role_sees_no_data(app, chromium):
    page = _sign_in(chromium, app.url, NOBODY, lands_on="Aanmelden")
    page.get_by_text(f"U bent aangemeld als {NOBODY}, maar u hebt geen rol in deze app.").wait_for()
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
