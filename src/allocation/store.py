"""Named scenarios (and their plans) kept in a database, so a planner's work survives a restart.

SQLite under the user's data directory by default; any SQLAlchemy URL (PostgreSQL too) through
the environment variable ALLOCATION_DB_URL. Scenarios and plans are stored as JSON text, never pickled.
Each row carries a version (a save that did not see the latest version is refused, not lost) and the
municipalities it covers (a planner sees only their own). Saves, loads, deletes and solves are written
to an audit table; roles of signed-in users may be kept in a roles table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError
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
    inspect,
    make_url,
    select,
    text,
    update,
)
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from allocation.access import Access, Place, make_access, scope_of
from allocation.plan import Plan
from allocation.scenario import Scenario

ENV_URL = "ALLOCATION_DB_URL"
"""Environment variable naming the database (SQLAlchemy URL, or a plain path to an SQLite file)."""
MAX_NAME = 200
"""Longest scenario name, the same on every backend (the column is this wide)."""

metadata = MetaData()

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(MAX_NAME), nullable=False, unique=True),
    Column("scenario_json", Text, nullable=False),
    Column("plan_json", Text, nullable=True),
    Column("households", Integer, nullable=False),
    Column("persons_housed", Integer, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("scope_json", Text, nullable=True),
)
audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(320), nullable=False),
    Column("action", String(40), nullable=False),
    Column("scenario", String(MAX_NAME), nullable=True),
    Column("detail", Text, nullable=False, server_default=text("''")),
)
roles = Table(
    "roles",
    metadata,
    Column("user", String(320), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("regions", Text, nullable=False, server_default=text("''")),
    Column("municipalities", Text, nullable=False, server_default=text("''")),
)
ADDED_COLUMNS = {"version": "INTEGER NOT NULL DEFAULT 1", "scope_json": "TEXT"}
"""Columns newer than the first schema, added to an old scenarios table when the store opens."""
WRITE = "allocation_write"
"""Execution option marking a write transaction (SQLite takes its write lock at BEGIN)."""


class StoreError(Exception):
    """A store fault a planner can act on; KIND names it for translated texts.

    Kinds: unreachable, driver, url, read_only, folder, failed (the database); exists, changed,
    forbidden (a save); name_empty, name_long, name_taken (a name); not_found, unreadable (a row); role.
    """

    def __init__(
        self, kind: str, message: str, database: str, name: str | None = None, version: int | None = None
    ):
        super().__init__(f"{database}: {message}")
        self.kind = kind
        self.database = database
        self.name = name
        self.version = version
        self.detail = message


@dataclass(frozen=True)
class StoredScenario:
    """One row of the scenario list: enough to choose, without loading the JSON."""

    name: str
    households: int
    persons_housed: int | None
    has_plan: bool
    updated_at: datetime
    version: int = 1
    places: tuple[Place, ...] | None = None


class LoadedScenario(NamedTuple):
    """A stored scenario opened: its data, its plan and the version a later save must match."""

    scenario: Scenario
    plan: Plan | None
    version: int


class AuditEntry(NamedTuple):
    """Who did what to which scenario, and when."""

    at: datetime
    user: str
    action: str
    scenario: str | None
    detail: str


def default_url() -> str:
    """ALLOCATION_DB_URL if set, else an SQLite file in the user's data directory."""
    configured = os.environ.get(ENV_URL, "").strip()
    if configured:
        return as_url(configured)
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("allocation"))
    return f"sqlite:///{folder / 'scenarios.db'}"


def as_url(url_or_path: str) -> str:
    """A database URL as given, or a plain path as the URL of an SQLite file."""
    if "://" in url_or_path:
        return url_or_path
    return f"sqlite:///{Path(url_or_path).expanduser()}"


def describe(url: str) -> str:
    """The database as a planner may see it: the SQLite file, or the URL without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(invalid database URL)"
    if parsed.get_backend_name() == "sqlite":
        return (parsed.database or "sqlite (memory)").removeprefix("file:")
    return parsed.render_as_string(hide_password=True)


def check_name(name: str, database: str = "") -> str:
    """The name as stored (stripped); empty or longer than MAX_NAME is refused."""
    name = name.strip()
    if not name:
        raise StoreError("name_empty", "a scenario needs a name", database)
    if len(name) > MAX_NAME:
        raise StoreError(
            "name_long",
            f"a scenario name has at most {MAX_NAME} characters ({len(name)} given)",
            database,
            name,
        )
    return name


def _fault(exc: BaseException, database: str) -> StoreError:
    """A driver or database error as a StoreError of the right kind."""
    said = str(getattr(exc, "orig", None) or exc).strip()
    message = said.splitlines()[0] if said else type(exc).__name__
    low = message.lower()
    if isinstance(exc, NoSuchModuleError | ModuleNotFoundError | ImportError):
        return StoreError("driver", f"the database driver is not installed ({message})", database)
    if isinstance(exc, ArgumentError):
        return StoreError("url", f"the database URL is not valid ({message})", database)
    if isinstance(exc, OSError):
        return StoreError("folder", f"the data folder cannot be written ({message})", database)
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreError("read_only", f"the database is read-only ({message})", database)
    if "unable to open database file" in low:
        return StoreError("folder", f"the database file cannot be opened or created ({message})", database)
    if isinstance(exc, OperationalError):
        return StoreError("unreachable", f"the database cannot be reached ({message})", database)
    return StoreError("failed", f"the database refused the request ({message})", database)


def _make_engine(url: str) -> Engine:
    """An engine; for SQLite the folder is created and the journal set to WAL."""
    parsed = make_url(url)
    on_disk = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if on_disk and not parsed.query.get("uri"):  # a file: URI opens an existing file (e.g. mode=ro)
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:
            dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout=5000")
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn) -> None:
            # a write takes the lock at once: a read-then-write cannot fail on a snapshot another
            # session has moved on from, it waits for that session instead
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine


def _create_tables(engine: Engine) -> None:
    """The tables if missing; another session creating them at the same moment is no error."""
    for attempt in range(2):
        try:
            with engine.connect() as conn:
                conn.execution_options(**{WRITE: True})
                with conn.begin():
                    metadata.create_all(conn)
            return
        except DBAPIError:  # lost the race to create one (table or type "already exists"): it is there now
            if attempt:
                raise


def _scope_text(scenario: Scenario) -> str:
    """A scenario's municipalities and regions as stored JSON."""
    return json.dumps([list(p) for p in scope_of(scenario)])


def _places(scope_json: str | None) -> tuple[Place, ...] | None:
    """The stored scope (None when unknown, e.g. a row that could not be read)."""
    if scope_json is None:
        return None
    return tuple(Place(code, region) for code, region in json.loads(scope_json))


def _who(access: Access | None) -> str:
    """The user named in the audit log."""
    return access.user if access is not None else "-"


class ScenarioStore:
    """Save, list, load and delete named scenarios; every write is one transaction."""

    def __init__(self, url: str | None = None):
        self.url = as_url(url) if url else default_url()
        self.database = describe(self.url)
        with self._faults():
            self.engine = _make_engine(self.url)
            _create_tables(self.engine)
            self._migrate()

    @contextmanager
    def _faults(self) -> Iterator[None]:
        """Turn driver, network and file errors into a StoreError naming this database."""
        try:
            yield
        except StoreError:
            raise
        except (SQLAlchemyError, OSError, ImportError) as exc:
            raise _fault(exc, self.database) from exc

    @contextmanager
    def _write(self) -> Iterator:
        """A write transaction (one connection, committed at the end, rolled back on error)."""
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    def _migrate(self) -> None:
        """Bring a scenarios table of an older schema up to date; fill in the scope of old rows."""
        present = {c["name"] for c in inspect(self.engine).get_columns("scenarios")}
        guard = "IF NOT EXISTS " if self.engine.dialect.name == "postgresql" else ""
        with self._write() as conn:
            for column, ddl in ADDED_COLUMNS.items():
                if column not in present:  # another session may add it at the same time: IF NOT EXISTS
                    conn.execute(text(f"ALTER TABLE scenarios ADD COLUMN {guard}{column} {ddl}"))
            rows = conn.execute(
                select(scenarios.c.id, scenarios.c.scenario_json).where(scenarios.c.scope_json.is_(None))
            ).all()
            for row in rows:  # rows saved before scopes were kept; unreadable rows stay unknown
                try:
                    scope = _scope_text(Scenario.model_validate_json(row.scenario_json))
                except ValidationError:
                    continue
                conn.execute(update(scenarios).where(scenarios.c.id == row.id).values(scope_json=scope))

    def _row(self, conn, name: str):
        """The stored row of NAME (None when there is none)."""
        cols = (scenarios.c.id, scenarios.c.version, scenarios.c.scope_json)
        return conn.execute(select(*cols).where(scenarios.c.name == name)).first()

    def _not_found(self, name: str) -> StoreError:
        """Unknown, or not this user's: the same answer, so names of other regions are not revealed."""
        message = f"there is no scenario '{name}' that you may open"
        return StoreError("not_found", message, self.database, name)

    def _log(self, conn, access: Access | None, action: str, name: str | None, detail: str = "") -> None:
        """One audit line in the caller's transaction."""
        conn.execute(
            insert(audit).values(
                at=datetime.now(UTC), user=_who(access), action=action, scenario=name, detail=detail
            )
        )

    def save(
        self,
        name: str,
        scenario: Scenario,
        plan: Plan | None = None,
        *,
        overwrite: bool = False,
        version: int | None = None,
        access: Access | None = None,
    ) -> int:
        """Store under NAME and return the new version.

        An existing NAME is replaced only with OVERWRITE, and, when VERSION is given, only if the stored
        row is still that version (another session's save in between is refused: kind 'changed').
        """
        name = check_name(name, self.database)
        if access is not None and access.outside(scenario):
            raise StoreError(
                "forbidden",
                "this scenario holds municipalities outside your region: "
                + ", ".join(access.outside(scenario)),
                self.database,
                name,
            )
        now = datetime.now(UTC)
        values = {
            "scenario_json": scenario.model_dump_json(),
            "plan_json": plan.model_dump_json() if plan is not None else None,
            "households": len(scenario.households),
            "persons_housed": sum(a.persons for a in plan.assignments) if plan is not None else None,
            "updated_at": now,
            "scope_json": _scope_text(scenario),
        }
        detail = f"{len(scenario.households)} households" + (", with plan" if plan is not None else "")
        with self._faults():
            try:
                with self._write() as conn:
                    found = self._row(conn, name)
                    if found is None:
                        conn.execute(insert(scenarios).values(name=name, created_at=now, version=1, **values))
                        self._log(conn, access, "save", name, detail)
                        return 1
                    if access is not None and not access.allows(_places(found.scope_json)):
                        message = f"the name '{name}' is taken; choose another name"
                        raise StoreError("name_taken", message, self.database, name)
                    if not overwrite:
                        message = f"a scenario '{name}' exists already"
                        raise StoreError("exists", message, self.database, name, found.version)
                    if version is not None and found.version != version:
                        raise self._changed(name, found.version)
                    new = found.version + 1
                    done = conn.execute(
                        update(scenarios)
                        .where(scenarios.c.id == found.id, scenarios.c.version == found.version)
                        .values(version=new, **values)
                    )
                    if done.rowcount != 1:  # another session saved between our read and this write
                        raise self._changed(name, None)
                    self._log(conn, access, "overwrite", name, f"version {new}, {detail}")
                    return new
            except IntegrityError as exc:  # another session inserted this name first
                raise StoreError(
                    "changed", f"a scenario '{name}' was saved by someone else meanwhile", self.database, name
                ) from exc

    def _changed(self, name: str, current: int | None) -> StoreError:
        """A save that did not see the latest version."""
        message = f"scenario '{name}' was changed by someone else meanwhile"
        return StoreError("changed", message, self.database, name, current)

    def list(self, access: Access | None = None) -> list[StoredScenario]:
        """The stored scenarios this user may see, most recently saved first."""
        cols = [
            scenarios.c.name,
            scenarios.c.households,
            scenarios.c.persons_housed,
            scenarios.c.plan_json.is_not(None).label("has_plan"),
            scenarios.c.updated_at,
            scenarios.c.version,
            scenarios.c.scope_json,
        ]
        query = select(*cols).order_by(scenarios.c.updated_at.desc(), scenarios.c.name)
        with self._faults(), self.engine.connect() as conn:
            rows = conn.execute(query).all()
        listed = [
            StoredScenario(
                r.name,
                r.households,
                r.persons_housed,
                bool(r.has_plan),
                r.updated_at,
                r.version,
                _places(r.scope_json),
            )
            for r in rows
        ]
        return [s for s in listed if access is None or access.allows(s.places)]

    def names(self, access: Access | None = None) -> list[str]:
        """Stored names this user may see, most recently saved first."""
        return [s.name for s in self.list(access)]

    def open(self, name: str, access: Access | None = None, *, log: bool = True) -> LoadedScenario:
        """The scenario, its plan and version; not_found when unknown or not this user's."""
        query = select(
            scenarios.c.scenario_json, scenarios.c.plan_json, scenarios.c.version, scenarios.c.scope_json
        ).where(scenarios.c.name == name)
        with self._faults():
            with self.engine.connect() as conn:
                row = conn.execute(query).first()
            allowed = row is not None and (access is None or access.allows(_places(row.scope_json)))
            if log and access is not None:
                with self._write() as conn:
                    self._log(conn, access, "load" if allowed else "load refused", name)
        if not allowed:
            raise self._not_found(name)
        try:
            scenario = Scenario.model_validate_json(row.scenario_json)
            plan = Plan.model_validate_json(row.plan_json) if row.plan_json else None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise StoreError(
                "unreadable",
                f"scenario '{name}' was saved in an older format and cannot be opened "
                f"({where}: {first['msg']}); delete it and save it again from its files",
                self.database,
                name,
            ) from exc
        return LoadedScenario(scenario, plan, row.version)

    def load(self, name: str, access: Access | None = None) -> tuple[Scenario, Plan | None]:
        """The scenario and its plan (None when saved without one)."""
        loaded = self.open(name, access)
        return loaded.scenario, loaded.plan

    def delete(self, name: str, access: Access | None = None) -> bool:
        """Remove NAME; False when there was nothing (of this user's) to remove."""
        with self._faults(), self._write() as conn:
            found = self._row(conn, name)
            if found is None or (access is not None and not access.allows(_places(found.scope_json))):
                return False
            conn.execute(delete(scenarios).where(scenarios.c.id == found.id))
            self._log(conn, access, "delete", name, f"version {found.version}")
        return True

    def record(self, access: Access | None, action: str, name: str | None, detail: str = "") -> None:
        """An audit line for an action outside the store (a solve)."""
        with self._faults(), self._write() as conn:
            self._log(conn, access, action, name, detail)

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        """The latest audit lines, newest first."""
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        with self._faults(), self.engine.connect() as conn:
            return [AuditEntry(r.at, r.user, r.action, r.scenario, r.detail) for r in conn.execute(query)]

    def set_role(self, user: str, role: str, regions: str = "", municipalities: str = "") -> None:
        """Give USER a role (planner of comma-separated regions or municipalities, or coordinator)."""
        if make_access(user, role, regions, municipalities) is None:
            raise StoreError("role", f"'{role}' for {user} is not a role with a scope", self.database)
        values = {"role": role.strip().lower(), "regions": regions, "municipalities": municipalities}
        with self._faults(), self._write() as conn:
            if conn.execute(select(roles.c.user).where(roles.c.user == user)).first() is None:
                conn.execute(insert(roles).values(user=user, **values))
            else:
                conn.execute(update(roles).where(roles.c.user == user).values(**values))

    def role_of(self, user: str) -> Access | None:
        """The role kept for USER in the roles table (None when none is)."""
        with self._faults(), self.engine.connect() as conn:
            row = conn.execute(select(roles).where(roles.c.user == user)).first()
        if row is None:
            return None
        return make_access(user, row.role, row.regions, row.municipalities)

    def close(self) -> None:
        """Release pooled connections (tests and restarts)."""
        self.engine.dispose()
