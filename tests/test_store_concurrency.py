"""The scenario store under two app sessions at once and under a crash mid-save.

Runs against SQLite in WAL mode, and against PostgreSQL when ALLOCATION_TEST_PG_URL names a
test database (`.ci/run` starts one on loopback); every test empties the store's table first.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from allocation.generate import generate
from allocation.scenario import Scenario
from allocation.store import ScenarioStore, StoreError, scenarios
from app_fixtures import store_url  # noqa: F401 (a fixture)


@pytest.fixture
def url(store_url: str) -> str:  # noqa: F811
    """SQLite, and PostgreSQL when ALLOCATION_TEST_PG_URL is set, each with empty tables."""
    return store_url


def variant(seed: int, households: int = 40) -> Scenario:
    """A small generated scenario; the seed makes each version recognisable."""
    return generate(households, households, 3, 1, seed)


def test_two_sessions_saving_at_once_lose_nothing_and_the_second_of_a_name_is_told(url: str) -> None:
    versions = {"a": variant(1), "b": variant(2)}
    errors: list[BaseException] = []
    won: dict[str, list[str]] = {f"shared-{i}": [] for i in range(15)}
    start = threading.Barrier(2)

    def session(who: str) -> None:
        start.wait(timeout=60)
        store = None
        try:
            store = ScenarioStore(url)  # both sessions open a fresh database at the same moment
            for i in range(15):
                store.save(f"{who}-{i}", versions[who])
                try:
                    store.save(f"shared-{i}", versions[who])
                    won[f"shared-{i}"].append(who)
                except StoreError as refused:  # the other session saved this name first: told so
                    assert refused.kind in ("exists", "changed"), refused
        except BaseException as err:
            errors.append(err)
        finally:
            if store is not None:
                store.close()

    threads = [threading.Thread(target=session, args=(who,)) for who in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert [repr(e) for e in errors] == []
    store = ScenarioStore(url)
    names = store.names()
    assert sorted(names) == sorted(
        [f"{w}-{i}" for w in "ab" for i in range(15)] + [f"shared-{i}" for i in range(15)]
    )
    for name in names:
        scenario, _ = store.load(name)
        owner = name.split("-")[0]
        if owner == "shared":  # exactly one session saved it, and its version is the one kept
            assert len(won[name]) == 1, won[name]
            assert scenario == versions[won[name][0]]
        else:
            assert scenario == versions[owner]
    store.close()


SAVE_LOOP = r"""
import sys
from allocation.generate import generate
from allocation.store import ScenarioStore

store = ScenarioStore(sys.argv[1])
versions = [generate(300, 300, 4, 1, seed) for seed in (1, 2, 3)]
i = 0
while True:
    store.save(f"crash-{i % 4}", versions[i % 3], overwrite=True)
    i += 1
    print(i, flush=True)
"""


def test_a_crash_mid_save_leaves_every_listed_scenario_loadable(url: str, tmp_path: Path) -> None:
    expected = {len(generate(300, 300, 4, 1, seed).households) for seed in (1, 2, 3)}
    store = ScenarioStore(url)
    store.save("kept", variant(7))
    for kill in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3 + kill * 5):  # let it save a few times, then kill it in the middle of one
            assert proc.stdout.readline(), proc.stderr.read()
        time.sleep(0.003 * kill)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        listed = store.list()
        assert {s.name for s in listed} >= {"kept", "crash-0"}
        for item in listed:
            scenario, plan = store.load(item.name)
            assert plan is None and item.households == len(scenario.households)
            assert item.name == "kept" or len(scenario.households) in expected
    assert store.load("kept")[0] == variant(7)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(scenarios)).scalar_one() == len(store.list())
    store.close()
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.close()
