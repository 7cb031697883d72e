"""The Scenario's page when saves collide, names are bad and the database fails (Streamlit AppTest)."""

from __future__ import annotations

import json
import socket
import sqlite3

import pytest

import allocation
from allocation.store import ScenarioStore
from app_fixtures import EXAMPLE, app_session, goto, open_app, solve_in_app, texts_of, tiny_scenario


@pytest.fixture(autouse=True)
def tmp_store(tmp_path, monkeypatch):
    db = tmp_path / "scenarios.db"
    monkeypatch.setenv("ALLOCATION_DB_URL", str(db))
    monkeypatch.delenv("ALLOCATION_APP_SCENARIO", raising=False)
    return db


def _save(at, name: str):
    at.text_input(key="save_name").input(name)
    at.button(key="save_button").click().run()
    assert not at.exception, at.exception
    return at


def test_saving_under_an_existing_name_asks_and_overwrites_only_when_confirmed(tmp_store):
    store = ScenarioStore(str(tmp_store))
    store.save("voorjaar", tiny_scenario())
    at = _save(goto(open_app(), "scenarios"), "voorjaar")
    assert "Er is al een scenario 'voorjaar'. Wilt u het overschrijven?" in texts_of(at.warning)
    assert store.open("voorjaar").scenario == tiny_scenario()  # nothing replaced yet

    at.button(key="overwrite_no").click().run()
    assert store.open("voorjaar").scenario == tiny_scenario()
    _save(at, "voorjaar")
    at.button(key="overwrite_yes").click().run()
    assert "Bewaard als 'voorjaar'." in texts_of(at.success)
    kept = store.open("voorjaar")
    assert kept.version == 2 and kept.scenario == allocation.load_scenario(EXAMPLE)


def test_two_sessions_open_v1_and_both_save_the_second_is_told_it_changed(tmp_store):
    ScenarioStore(str(tmp_store)).save("voorjaar", allocation.load_scenario(EXAMPLE))
    sessions = []
    for _ in range(2):
        at = goto(open_app(), "scenarios")
        at.selectbox(key="scen_chosen").select("voorjaar")
        at.button(key="scen_load").click().run()
        assert app_session(at).stored == ("voorjaar", 1)
        sessions.append(at)
    first, second = sessions
    for at in sessions:
        _save(at, "voorjaar")
        at.button(key="overwrite_yes").click().run()
    assert "Bewaard als 'voorjaar'." in texts_of(first.success)
    assert any("intussen door iemand anders gewijzigd" in e for e in texts_of(second.error))
    assert ScenarioStore(str(tmp_store)).open("voorjaar").version == 2


def test_a_name_too_long_is_a_message_not_a_database_error():
    at = _save(goto(open_app(), "scenarios"), "x" * 10_000)
    assert "Een scenarionaam heeft hoogstens 200 tekens; deze heeft er 10000." in texts_of(at.error)


def test_an_unreachable_database_is_a_message_naming_it(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ALLOCATION_DB_URL", f"postgresql+psycopg://planner:geheim@127.0.0.1:{port}/scenarios")
    at = goto(open_app(), "scenarios")
    errors = texts_of(at.error)
    assert any(
        f"De database postgresql+psycopg://planner:***@127.0.0.1:{port}/scenarios is niet bereikbaar" in e
        for e in errors
    ), errors
    assert not any("geheim" in e for e in errors)


def test_an_old_row_is_reported_and_the_compare_section_still_works(tmp_store):
    store = ScenarioStore(str(tmp_store))
    store.save("goed", tiny_scenario())
    store.save("ook goed", tiny_scenario(600.0))
    store.close()
    broken = json.loads(tiny_scenario().model_dump_json())
    del broken["households"][0]["id"]
    con = sqlite3.connect(tmp_store)
    con.execute("UPDATE scenarios SET scenario_json = ? WHERE name = 'ook goed'", (json.dumps(broken),))
    con.commit()
    con.close()
    for _ in range(2):  # every visit, not just the first
        at = goto(open_app(), "scenarios")
        at.selectbox(key="cmp_a").select("goed")
        at.selectbox(key="cmp_b").select("ook goed")
        at.run()
        assert not at.exception
        assert any("bewaard in een oudere vorm" in e for e in texts_of(at.error))


def test_a_solve_and_a_save_are_written_to_the_audit_log(tmp_store):
    at = solve_in_app(open_app())
    goto(at, "scenarios")
    _save(at, "basis")
    log = [(e.user, e.action, e.scenario) for e in ScenarioStore(str(tmp_store)).audit_log()]
    assert log == [("local", "save", "basis"), ("local", "solve", "example")]
    assert "households" in ScenarioStore(str(tmp_store)).audit_log()[1].detail


def test_an_unwritable_data_folder_is_a_message(tmp_path, monkeypatch):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("ALLOCATION_DB_URL", str(blocker / "scenarios.db"))
    at = goto(open_app(), "scenarios")
    assert not at.exception
    assert any(
        f"De gegevensmap van de database {blocker / 'scenarios.db'} kan niet worden aangemaakt" in e
        for e in texts_of(at.error)
    ), texts_of(at.error)


def _edit_first_quota(at, value: str) -> None:
    """Change a quota as the data editor would hand it over, and rerun."""
    municipalities = app_session(at).tables["municipalities"].copy()
    municipalities.loc[1, "quota"] = value
    app_session(at).tables["municipalities"] = municipalities
    app_session(at).edited_names = {"municipalities"}
    app_session(at).tables_dirty = True
    at.run()


def test_opening_another_scenario_over_unsaved_edits_asks_first(tmp_store):
    ScenarioStore(str(tmp_store)).save("klein", tiny_scenario())
    at = open_app()
    _edit_first_quota(at, "170")
    first = app_session(at).scenario.municipalities[0]
    assert first.quota == 170
    kept = "U hebt de gegevens aangepast; de aanpassingen worden gebruikt bij oplossen en bewaren."
    assert kept in texts_of(at.info)

    at.button(key="example_button").click().run()
    assert any("gaan die aanpassingen verloren" in w for w in texts_of(at.warning))
    assert app_session(at).scenario.municipality(first.code).quota == 170  # nothing opened yet
    at.button(key="open_no").click().run()
    assert app_session(at).scenario.municipality(first.code).quota == 170

    goto(at, "scenarios")
    at.selectbox(key="scen_chosen").select("klein")
    at.button(key="scen_load").click().run()
    assert any("gaan die aanpassingen verloren" in w for w in texts_of(at.warning))
    assert len(app_session(at).scenario.municipalities) > 2  # still the edited example
    at.button(key="load_yes").click().run()
    assert app_session(at).scenario == tiny_scenario()
    assert "'klein' is geopend." in texts_of(at.success)
