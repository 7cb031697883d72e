"""Small real scenarios and plans for the store and app tests (imported explicitly)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from allocation import (
    Assignment,
    Dwelling,
    Household,
    Municipality,
    Person,
    Plan,
    Policy,
    QuotaLine,
    Scenario,
    SolveStats,
    Unassigned,
)
from allocation.app.session import SESSION_KEY, Session

PG_ENV = "ALLOCATION_TEST_PG_URL"
"""A PostgreSQL test database (`.ci/run` starts one on loopback); its tables are emptied per test."""


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> str:
    """A database URL with no scenario tables: an SQLite file, and PostgreSQL when configured."""
    from allocation.store import ScenarioStore, metadata

    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'scenarios.db'}"
    pg = os.environ.get(PG_ENV, "").strip()
    if not pg:
        pytest.skip(f"no PostgreSQL test database: set {PG_ENV} (e.g. postgresql+psycopg://u:p@127.0.0.1/db)")
    store = ScenarioStore(pg)
    metadata.drop_all(store.engine)
    store.close()
    return pg


def tiny_scenario(rent_limit_small: float = 713.02) -> Scenario:
    """Two municipalities in one region, two dwellings, two households."""
    return Scenario(
        municipalities=[
            Municipality(code="GM0001", name="Aadorp", region="R1", quota=5),
            Municipality(code="GM0002", name="Beekdal", region="R1", quota=3, housed=1),
        ],
        dwellings=[
            Dwelling(id="W1", municipality="GM0001", bedrooms=2, max_occupants=4, rent=700.0),
            Dwelling(id="W2", municipality="GM0002", bedrooms=1, max_occupants=2),
        ],
        households=[
            Household(id="H1", municipality="GM0001"),
            Household(id="H2", municipality="GM0002"),
        ],
        persons=[
            Person(id="P1", household="H1", role="referent", age=35),
            Person(id="P2", household="H1", role="partner", age=33),
            Person(id="P3", household="H1", role="child", age=4),
            Person(id="P4", household="H2", role="referent", age=40),
            Person(id="P5", household="H2", role="parent", age=70),
            Person(id="P6", household="H2", role="parent", age=68),
            Person(id="P7", household="H2", role="child", age=10),
        ],
        policy=Policy(rent_limit_small=rent_limit_small),
    )


def tiny_plan() -> Plan:
    """A plan for tiny_scenario: H1 moves into W1, H2 is left out."""
    return Plan(
        assignments=[
            Assignment(
                household="H1",
                dwelling="W1",
                municipality="GM0001",
                kind="move",
                persons=3,
                person_ids=["P1", "P2", "P3"],
            )
        ],
        unassigned=[
            Unassigned(household="H2", persons=4, reason_code="NO_FITTING_DWELLING", reason="too small")
        ],
        quota=[
            QuotaLine(code="GM0001", name="Aadorp", quota=5, housed_before=0, newly_counted=3, shortfall=2),
            QuotaLine(code="GM0002", name="Beekdal", quota=3, housed_before=1, newly_counted=0, shortfall=2),
        ],
        stats=SolveStats(status="optimal", solver="highs", objective=3.0, bound=3.0, gap=0.0),
    )


APP_MAIN = Path(__file__).resolve().parents[1] / "src" / "allocation" / "app" / "main.py"
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
PAGES = {
    "gegevens": "views/data_page.py",
    "regels": "views/rules_page.py",
    "oplossen": "views/solve_page.py",
    "resultaat": "views/result_page.py",
    "gezin": "views/family_page.py",
    "woning": "views/home_page.py",
    "prognose": "views/forecast_page.py",
    "scenarios": "views/scenarios_page.py",
}


def app_session(at: AppTest) -> Session:
    """The app's session object of this AppTest (what the pages read and write)."""
    return at.session_state[SESSION_KEY]


def open_app() -> AppTest:
    """The app as a new browser session would get it (first run done)."""
    at = AppTest.from_file(str(APP_MAIN), default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def goto(at: AppTest, page: str) -> AppTest:
    """Navigate to a page by its url path and run it."""
    at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, at.exception
    return at


def solve_in_app(at: AppTest, solver: str = "highs", timeout: float = 120) -> AppTest:
    """Start a solve on the Oplossen page and rerun (as the progress fragment does) until it is done."""
    goto(at, "oplossen")
    at.selectbox(key="solve_solver").select(solver)
    at.button(key="solve_start").click()
    at.run()
    end = time.monotonic() + timeout
    while app_session(at).job.poll():
        assert time.monotonic() < end, "solve did not finish"
        time.sleep(0.2)
    at.run()
    assert not at.exception, at.exception
    return at


def texts_of(elements) -> list[str]:
    """The displayed values of AppTest elements (Markdown backslash escapes as the user sees them)."""
    return [
        re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", e.value) if isinstance(e.value, str) else e.value
        for e in elements
    ]
