"""Shared fixtures: settings in a temporary data directory, and a migrated store on each database.

The ``store`` fixture runs every test that uses it twice: on a SQLite file and on PostgreSQL
(a fresh database created for this test session on VOXPOP_TEST_POSTGRES_URL's server, dropped at
the end). When VOXPOP_REQUIRE_POSTGRES=1 (CI), an unreachable server fails the run instead of
skipping those tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from voxpop.settings import Settings
from voxpop.store import Store, open_store
from voxpop.store.tables import metadata

POSTGRES_SERVER = os.environ.get("VOXPOP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("VOXPOP_REQUIRE_POSTGRES") == "1"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path / "data", fetch_allowed_hosts=["127.0.0.1"])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    server = sa.engine.make_url(POSTGRES_SERVER).set(drivername="postgresql+psycopg")
    name = f"voxpop_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {exc.orig}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message + " (set VOXPOP_REQUIRE_POSTGRES=1 to make this an error)")
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def _postgres_store_url(postgres_url: str) -> str:
    store = open_store(Settings(environment="test", database_url=postgres_url), upgrade=True)
    store.dispose()
    return postgres_url


def _truncate(store: Store) -> None:
    names = ", ".join(t.name for t in reversed(metadata.sorted_tables))
    with store.write() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Store]:
    if request.param == "sqlite":
        st = open_store(settings, upgrade=True)
    else:
        url = request.getfixturevalue("_postgres_store_url")
        st = open_store(settings.model_copy(update={"database_url": url}))
        _truncate(st)
    try:
        yield st
    finally:
        st.dispose()


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Environment for running the CLI against a fresh workspace (SQLite in tmp_path)."""
    env = {"VOXPOP_DATA_DIR": str(tmp_path / "ws"), "VOXPOP_ENVIRONMENT": "test"}
    for key in list(os.environ):
        if key.startswith("VOXPOP_") and key not in env:
            monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from voxpop.settings import get_settings

    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()
