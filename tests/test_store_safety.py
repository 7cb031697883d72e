"""The store refuses rather than loses: explicit overwrite, versions, names, faults as messages, old rows.

Each test runs on SQLite, and on PostgreSQL when ALLOCATION_TEST_PG_URL names a test database.
"""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime

import pytest

from allocation.access import Access
from allocation.store import MAX_NAME, ScenarioStore, StoreError
from app_fixtures import store_url, tiny_plan, tiny_scenario  # noqa: F401 (store_url is a fixture)


@pytest.fixture
def store(store_url: str):  # noqa: F811
    opened = ScenarioStore(store_url)
    yield opened
    opened.close()


def test_two_sessions_load_v1_and_both_save_the_second_is_told(store, store_url):  # noqa: F811
    store.save("voorjaar", tiny_scenario())
    other = ScenarioStore(store_url)
    first, second = store.open("voorjaar"), other.open("voorjaar")
    assert first.version == second.version == 1

    assert store.save("voorjaar", tiny_scenario(600.0), overwrite=True, version=first.version) == 2
    with pytest.raises(StoreError) as err:
        other.save("voorjaar", tiny_scenario(650.0), tiny_plan(), overwrite=True, version=second.version)
    assert err.value.kind == "changed"
    assert "changed by someone else meanwhile" in str(err.value)
    kept = other.open("voorjaar")
    assert (kept.version, kept.scenario.policy.rent_limit_small, kept.plan) == (2, 600.0, None)
    other.close()


def test_saving_under_an_existing_name_needs_an_explicit_overwrite(store):
    store.save("basis", tiny_scenario(), tiny_plan())
    with pytest.raises(StoreError) as err:
        store.save("basis", tiny_scenario(500.0))
    assert (err.value.kind, err.value.version) == ("exists", 1)
    assert store.open("basis").plan is not None  # nothing replaced
    assert store.save("basis", tiny_scenario(500.0), overwrite=True, version=err.value.version) == 2
    assert store.open("basis").scenario.policy.rent_limit_small == 500.0


def test_names_are_length_checked_the_same_on_every_backend(store):
    longest = "n" * MAX_NAME
    store.save(longest, tiny_scenario())
    assert store.names() == [longest]
    with pytest.raises(StoreError) as err:
        store.save("x" * 10_000, tiny_scenario())
    assert err.value.kind == "name_long"
    assert f"at most {MAX_NAME} characters (10000 given)" in str(err.value)
    assert store.names() == [longest]


def test_a_planner_sees_loads_and_overwrites_only_their_region(store):
    region_a = tiny_scenario()
    region_b = tiny_scenario().model_copy(
        update={
            "municipalities": [m.model_copy(update={"region": "R2"}) for m in tiny_scenario().municipalities]
        }
    )
    store.save("oost", region_a)
    store.save("west", region_b)
    anna = Access("anna@oost.example", "planner", regions=frozenset({"R1"}))
    assert store.names(anna) == ["oost"]
    assert store.open("oost", anna).scenario == region_a
    with pytest.raises(StoreError) as err:
        store.open("west", anna)
    assert err.value.kind == "not_found"
    with pytest.raises(StoreError) as err:
        store.save("west", region_a, overwrite=True, access=anna)
    assert err.value.kind == "name_taken"
    assert store.open("west").scenario == region_b
    with pytest.raises(StoreError) as err:
        store.save("nieuw", region_b, access=anna)
    assert err.value.kind == "forbidden" and "Aadorp" in str(err.value)
    assert store.delete("west", anna) is False
    assert sorted(store.names()) == ["oost", "west"]
    log = [(e.user, e.action, e.scenario) for e in store.audit_log()]
    assert ("anna@oost.example", "load", "oost") in log
    assert ("anna@oost.example", "load refused", "west") in log


def _first_schema(url: str) -> None:
    """A scenarios table as the first version of the store made it (no version, no scope), with two rows."""
    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, create_engine, insert

    old = MetaData()
    table = Table(
        "scenarios",
        old,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(200), nullable=False, unique=True),
        Column("scenario_json", Text, nullable=False),
        Column("plan_json", Text, nullable=True),
        Column("households", Integer, nullable=False),
        Column("persons_housed", Integer, nullable=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    broken = json.loads(tiny_scenario().model_dump_json())
    broken["households"][0]["municipality"] = None  # a field an older version left empty
    when = datetime(2025, 1, 1, 10, 0, tzinfo=UTC)
    engine = create_engine(url)
    old.create_all(engine)
    with engine.begin() as conn:
        for name, data in (("goed", tiny_scenario().model_dump_json()), ("oud", json.dumps(broken))):
            conn.execute(
                insert(table).values(
                    name=name, scenario_json=data, households=2, created_at=when, updated_at=when
                )
            )
    engine.dispose()


def test_an_old_row_is_migrated_or_reported_never_a_traceback(store_url):  # noqa: F811
    _first_schema(store_url)
    store = ScenarioStore(store_url)
    listed = {s.name: s for s in store.list()}
    assert listed["goed"].version == 1 and listed["goed"].places is not None
    assert store.open("goed").scenario == tiny_scenario()
    with pytest.raises(StoreError) as err:
        store.open("oud")
    assert err.value.kind == "unreadable"
    assert "saved in an older format" in str(err.value) and "households.0.municipality" in str(err.value)
    planner = Access("p", "planner", regions=frozenset({"R1"}))
    assert store.names(planner) == ["goed"]  # an unreadable row's region is unknown: coordinators only
    assert store.delete("oud") is True
    store.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("url", "kind", "words"),
    [
        ("postgresql+psycopg://u:secret@127.0.0.1:{port}/db", "unreachable", "cannot be reached"),
        ("postgresql+pg8000://u:secret@127.0.0.1/db", "driver", "driver is not installed"),
        ("nosuchdb://u@h/db", "driver", "driver is not installed"),
    ],
    ids=["unreachable", "missing-driver", "unknown-dialect"],
)
def test_database_faults_are_messages_naming_the_database(url, kind, words):
    url = url.format(port=_closed_port())
    with pytest.raises(StoreError) as err:
        ScenarioStore(url)
    assert err.value.kind == kind
    assert words in str(err.value)
    assert "secret" not in str(err.value)  # the password never shown
    assert err.value.database.startswith(url.split("://")[0])


def test_an_unwritable_data_folder_is_a_message(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError) as err:
        ScenarioStore(f"sqlite:///{blocker / 'scenarios.db'}")
    assert err.value.kind == "folder"
    assert str(blocker / "scenarios.db") in str(err.value)


def test_a_read_only_sqlite_database_is_a_message(tmp_path):
    db = tmp_path / "scenarios.db"
    ScenarioStore(f"sqlite:///{db}").close()
    store = ScenarioStore(f"sqlite:///file:{db}?mode=ro&uri=true")  # as on a read-only mount
    assert store.names() == []  # reading still works
    with pytest.raises(StoreError) as err:
        store.save("nieuw", tiny_scenario())
    assert err.value.kind == "read_only"
    assert str(err.value).startswith(f"{db}: the database is read-only")
    store.close()
