"""The scenario store keeps named scenarios and plans across engines (restarts), as JSON."""

from __future__ import annotations

import sqlite3

import pytest

from allocation.store import ScenarioStore, StoreError, default_url
from app_fixtures import tiny_plan, tiny_scenario


def test_save_list_load_delete_roundtrip(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    store.save("basis", tiny_scenario(), tiny_plan())
    store.save("zonder plan", tiny_scenario(rent_limit_small=650.0))

    listed = {s.name: s for s in store.list()}
    assert set(listed) == {"basis", "zonder plan"}
    assert listed["basis"].has_plan and listed["basis"].persons_housed == 3
    assert not listed["zonder plan"].has_plan and listed["zonder plan"].households == 2

    scenario, plan = store.load("basis")
    assert scenario == tiny_scenario()
    assert plan is not None and plan.assignments[0].dwelling == "W1"
    scenario2, plan2 = store.load("zonder plan")
    assert scenario2.policy.rent_limit_small == 650.0 and plan2 is None

    assert store.delete("basis") is True
    assert store.delete("basis") is False
    assert store.names() == ["zonder plan"]
    with pytest.raises(StoreError) as err:
        store.load("basis")
    assert err.value.kind == "not_found"


def test_save_under_existing_name_replaces_only_when_asked(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    assert store.save("a", tiny_scenario()) == 1
    with pytest.raises(StoreError) as err:
        store.save("a", tiny_scenario(rent_limit_small=600.0), tiny_plan())
    assert (err.value.kind, err.value.version) == ("exists", 1)
    assert store.load("a")[0].policy.rent_limit_small == 713.02
    assert store.save("a", tiny_scenario(rent_limit_small=600.0), tiny_plan(), overwrite=True) == 2
    assert store.names() == ["a"]
    scenario, plan = store.load("a")
    assert scenario.policy.rent_limit_small == 600.0 and plan is not None


def test_survives_a_new_engine_and_uses_wal_and_json(tmp_path):
    db = tmp_path / "sub" / "s.db"
    first = ScenarioStore(f"sqlite:///{db}")
    first.save("bewaard", tiny_scenario(), tiny_plan())
    first.close()

    second = ScenarioStore(f"sqlite:///{db}")
    assert second.names() == ["bewaard"]
    second.close()

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    text = con.execute("SELECT scenario_json FROM scenarios").fetchone()[0]
    assert text.startswith("{") and '"GM0001"' in text
    con.close()


def test_env_var_chooses_database(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATION_DB_URL", str(tmp_path / "plain.db"))
    assert default_url() == f"sqlite:///{tmp_path / 'plain.db'}"
    monkeypatch.setenv("ALLOCATION_DB_URL", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("ALLOCATION_DB_URL")
    assert default_url().startswith("sqlite:///") and default_url().endswith("scenarios.db")


def test_empty_name_is_refused(tmp_path):
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    with pytest.raises(StoreError) as err:
        store.save("  ", tiny_scenario())
    assert err.value.kind == "name_empty"
