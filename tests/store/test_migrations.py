"""Migrations bring any database to the latest schema, idempotently; an old schema is refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from voxpop.settings import Settings
from voxpop.store import StoreError, open_store


def test_upgrade_is_idempotent_and_creates_the_tables(store) -> None:  # type: ignore[no-untyped-def]
    store.upgrade()
    store.upgrade()
    assert store.current_revision() == store.head_revision()
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"sources", "mentions", "mention_history", "enrichments", "ingest_rejects"} <= tables
    store.ensure_current()


def test_an_empty_database_is_refused_until_upgraded(settings: Settings) -> None:
    store = open_store(settings)
    with pytest.raises(StoreError, match="voxpop db upgrade"):
        store.ensure_current()
    store.upgrade()
    store.ensure_current()


def test_unreachable_or_unknown_databases_give_clear_errors(settings: Settings) -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store(settings.model_copy(update={"database_url": "postgresql://nobody@127.0.0.1:1/none"}))
    with pytest.raises(StoreError, match="unsupported database"):
        open_store(settings.model_copy(update={"database_url": "mysql://x@127.0.0.1/y"}))


def test_a_file_that_is_not_a_database_and_an_unusable_folder_are_clear_errors(settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database")
    with pytest.raises(StoreError, match="file is not a database"):
        open_store(settings.model_copy(update={"database_url": f"sqlite:///{bad}"}))
    assert bad.read_text() == "these are my notes, not a database"  # left untouched
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="cannot create the data directory"):
        open_store(settings.model_copy(update={"database_url": f"sqlite:///{blocker}/sub/voxpop.db"}))
