"""Named scenarios (and their plans) kept in a database, so a planner's work survives a restart.

SQLite under the user's data directory by default; any SQLAlchemy URL (PostgreSQL too) through
the environment variable ALLOCATION_DB_URL. Scenarios and plans are stored as JSON text, never pickled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from allocation.plan import Plan
from allocation.scenario import Scenario

ENV_URL = "ALLOCATION_DB_URL"
"""Environment variable naming the database (SQLAlchemy URL, or a plain path to an SQLite file)."""

metadata = MetaData()
UPSERT = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}
"""Dialects with INSERT ... ON CONFLICT DO UPDATE."""

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("scenario_json", Text, nullable=False),
    Column("plan_json", Text, nullable=True),
    Column("households", Integer, nullable=False),
    Column("persons_housed", Integer, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class StoredScenario:
    """One row of the scenario list: enough to choose, without loading the JSON."""

    name: str
    households: int
    persons_housed: int | None
    has_plan: bool
    updated_at: datetime


def default_url() -> str:
    """ALLOCATION_DB_URL if set, else an SQLite file in the user's data directory."""
    configured = os.environ.get(ENV_URL, "").strip()
    if configured:
        return configured if "://" in configured else f"sqlite:///{Path(configured).expanduser()}"
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("allocation"))
    return f"sqlite:///{folder / 'scenarios.db'}"


def _make_engine(url: str) -> Engine:
    """An engine; for SQLite the folder is created and the journal set to WAL."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=5000")
            cur.close()

    return engine


def _create_tables(engine: Engine) -> None:
    """The table if missing; another session creating it at the same moment is no error."""
    try:
        metadata.create_all(engine)
    except DBAPIError:  # lost the race to create it (table or type "already exists"): it is there now
        metadata.create_all(engine)


class ScenarioStore:
    """Save, list, load and delete named scenarios; every write is one transaction."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.engine = _make_engine(self.url)
        _create_tables(self.engine)

    def save(self, name: str, scenario: Scenario, plan: Plan | None = None) -> None:
        """Store under NAME, replacing an earlier scenario of that name."""
        name = name.strip()
        if not name:
            raise ValueError("a scenario needs a name")
        now = datetime.now(UTC)
        values = {
            "scenario_json": scenario.model_dump_json(),
            "plan_json": plan.model_dump_json() if plan is not None else None,
            "households": len(scenario.households),
            "persons_housed": sum(a.persons for a in plan.assignments) if plan is not None else None,
            "updated_at": now,
        }
        dialect = self.engine.dialect.name
        if dialect in UPSERT:  # one statement: two sessions saving the same new name cannot collide
            row = UPSERT[dialect](scenarios).values(name=name, created_at=now, **values)
            with self.engine.begin() as conn:
                conn.execute(row.on_conflict_do_update(index_elements=[scenarios.c.name], set_=values))
            return
        for attempt in range(2):
            try:
                with self.engine.begin() as conn:
                    found = conn.execute(select(scenarios.c.id).where(scenarios.c.name == name)).first()
                    if found is None:
                        conn.execute(insert(scenarios).values(name=name, created_at=now, **values))
                    else:
                        conn.execute(update(scenarios).where(scenarios.c.id == found.id).values(**values))
                return
            except IntegrityError:  # another session inserted this name first: replace theirs
                if attempt:
                    raise

    def list(self) -> list[StoredScenario]:
        """All stored scenarios, most recently saved first."""
        cols = [
            scenarios.c.name,
            scenarios.c.households,
            scenarios.c.persons_housed,
            scenarios.c.plan_json.is_not(None).label("has_plan"),
            scenarios.c.updated_at,
        ]
        query = select(*cols).order_by(scenarios.c.updated_at.desc(), scenarios.c.name)
        with self.engine.connect() as conn:
            return [
                StoredScenario(r.name, r.households, r.persons_housed, bool(r.has_plan), r.updated_at)
                for r in conn.execute(query)
            ]

    def names(self) -> list[str]:
        """Stored names, most recently saved first."""
        return [s.name for s in self.list()]

    def load(self, name: str) -> tuple[Scenario, Plan | None]:
        """The scenario and its plan (None when saved without one); KeyError if unknown."""
        query = select(scenarios.c.scenario_json, scenarios.c.plan_json).where(scenarios.c.name == name)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise KeyError(name)
        scenario = Scenario.model_validate_json(row.scenario_json)
        plan = Plan.model_validate_json(row.plan_json) if row.plan_json else None
        return scenario, plan

    def delete(self, name: str) -> bool:
        """Remove NAME; False when there was nothing to remove."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(scenarios).where(scenarios.c.name == name))
        return result.rowcount > 0

    def close(self) -> None:
        """Release pooled connections (tests and restarts)."""
        self.engine.dispose()
