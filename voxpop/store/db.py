"""Opening a workspace's database: engine, SQLite pragmas, the single-writer rule, migrations."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from voxpop.settings import Settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """The database cannot be used as asked (unreachable, not migrated, wrong URL)."""


class Store:
    """A workspace's database. Reads use ``read()``; every write goes through ``write()``.

    On SQLite there is one writer per process (a lock) and the database runs in WAL mode so
    readers never block it; on PostgreSQL ``write()`` is an ordinary transaction.
    """

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.dialect = engine.dialect.name
        self._write_lock = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(voxpop_write=True)  # SQLite: BEGIN IMMEDIATE (see _sqlite_begin)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to date (idempotent)."""
        from alembic import command

        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(voxpop_write=True)
            conn.begin()
            cfg = alembic_config(self)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config(self)).get_current_head()

    def ensure_current(self) -> None:
        """Raise StoreError unless the schema is at the latest revision."""
        current, head = self.current_revision(), self.head_revision()
        if current != head:
            raise StoreError(
                f"the database schema is at {current or 'nothing'} but this voxpop needs {head}; "
                "run 'voxpop db upgrade'"
            )

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(store: Store) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", store.engine.url.render_as_string(hide_password=False))
    return cfg


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own transaction handling is turned off; SQLAlchemy's "begin" event issues BEGIN.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA cache_size=-65536")
    # Checkpoint every ~40 MB of WAL rather than 4 MB: bulk imports fsync ten times less often.
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the lock up front (IMMEDIATE), so two processes never deadlock upgrading a
    # read to a write. A read begins DEFERRED: in WAL mode it then never waits for a writer, so
    # searches and the web app stay fast while an import or the service writes.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("voxpop_write") else "BEGIN")


def create_engine(settings: Settings, url: str | None = None) -> Engine:
    url = url or settings.resolved_database_url
    try:
        sa_url = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"VOXPOP_DATABASE_URL is not a database URL: {exc}") from exc
    if sa_url.get_backend_name() == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            folder = Path(sa_url.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the data directory {folder}: {exc.strerror}") from exc
        engine = sa.create_engine(sa_url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if sa_url.get_backend_name() == "postgresql":
        # No server-side prepared statements: their generic plans picked sequential scans for the
        # upsert's key lookups on a freshly loaded table (measured: 40x slower imports).
        return sa.create_engine(sa_url, pool_pre_ping=True, connect_args={"prepare_threshold": None})
    raise StoreError(f"unsupported database {sa_url.get_backend_name()!r}: use SQLite or PostgreSQL")


def open_store(settings: Settings, *, url: str | None = None, upgrade: bool = False) -> Store:
    """Open the workspace's store; with ``upgrade`` bring its schema up to date first."""
    engine = create_engine(settings, url)
    store = Store(engine, settings)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as exc:  # unreachable server, bad credentials, not a database file
        engine.dispose()
        raise StoreError(f"cannot open the database {engine.url.render_as_string()}: {exc.orig}") from exc
    if upgrade:
        store.upgrade()
    return store
